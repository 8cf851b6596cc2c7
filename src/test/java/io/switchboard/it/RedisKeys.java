package io.switchboard.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;

/** Direct access to the test Redis (127.0.0.1:6379): what the gateway wrote, and cleaning it up. */
final class RedisKeys {
    private static final String URI = "redis://127.0.0.1:6379/0";

    private RedisKeys() {
    }

    static long pttl(String key) {
        return run(c -> c.sync().pttl(key));
    }

    static String get(String key) {
        return run(c -> c.sync().get(key));
    }

    static String hget(String key, String field) {
        return run(c -> c.sync().hget(key, field));
    }

    static List<String> keys(String pattern) {
        return run(c -> c.sync().keys(pattern));
    }

    static long count(String prefix) {
        return run(c -> (long) c.sync().keys(prefix + "*").size());
    }

    static void deleteAll(String prefix) {
        run(c -> {
            List<String> keys = c.sync().keys(prefix + "*");
            return keys.isEmpty() ? 0L : c.sync().del(keys.toArray(new String[0]));
        });
    }

    private static <T> T run(java.util.function.Function<StatefulRedisConnection<String, String>, T> f) {
        RedisClient client = RedisClient.create(URI);
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return f.apply(c);
        } finally {
            client.shutdown();
        }
    }
}
