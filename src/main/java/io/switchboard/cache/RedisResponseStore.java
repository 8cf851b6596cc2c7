package io.switchboard.cache;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Answers in Redis ({@code type: redis} and {@code redis-semantic}), shared by every instance that
 * points at the same server and namespace. A failure or an open breaker is a miss, never an error.
 */
public final class RedisResponseStore implements ResponseStore {
    private final RedisLink link;
    private final RedisBreaker breaker;
    private final String prefix;

    /** @param prefix prepended to every key (the configured namespace), so deployments sharing a Redis stay apart */
    public RedisResponseStore(RedisLink link, RedisBreaker breaker, String prefix) {
        this.link = link;
        this.breaker = breaker;
        this.prefix = prefix + ":response:";
    }

    @Override
    public byte[] get(String key) {
        try {
            return breaker.call(() -> link.commands().get(bytes(prefix + key)));
        } catch (RuntimeException e) {
            breaker.failed(e);
            return null;
        }
    }

    @Override
    public void put(String key, byte[] value, Duration ttl) {
        if (ttl.toMillis() <= 0) {
            return;
        }
        try {
            breaker.call(() -> link.commands().psetex(bytes(prefix + key), ttl.toMillis(), value));
        } catch (RuntimeException e) {
            breaker.failed(e);
        }
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
