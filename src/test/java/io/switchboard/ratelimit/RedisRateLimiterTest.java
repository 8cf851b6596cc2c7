package io.switchboard.ratelimit;

import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import redis.clients.jedis.Jedis;

/** The limiter over the counters in the real Redis on 127.0.0.1:6379 (REDIS_URL overrides). */
class RedisRateLimiterTest extends RateLimiterTest {
    // Assigned in store(), which the base class calls before this class's field initializers would run.
    private String prefix;
    private RedisLimits store;

    @Override
    LimitStore store() {
        prefix = "switchboard-test:" + UUID.randomUUID() + ":";
        store = RedisLimitsTest.connected(prefix);
        return store;
    }

    @Override
    int slotsHeld(String scope) {
        try (Jedis jedis = RedisLimitsTest.jedis()) {
            return (int) jedis.zcard(prefix + "slots:" + scope);
        }
    }

    @AfterEach
    void close() {
        store.close();
    }
}
