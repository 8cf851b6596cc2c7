package io.switchboard.cache;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.net.URI;
import java.time.Duration;

/**
 * One Lettuce connection to Redis, opened on first use and reopened after a failure. Every command
 * has a short timeout, and commands issued while disconnected are rejected at once instead of
 * queueing: a dead or slow Redis shows up as a quick exception, which callers turn into a miss.
 */
public final class RedisLink implements AutoCloseable {
    private final RedisClient client;
    private volatile StatefulRedisConnection<byte[], byte[]> connection;

    public RedisLink(URI uri, Duration timeout) {
        RedisURI redisUri = RedisURI.create(uri);
        redisUri.setTimeout(timeout);
        this.client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(timeout).build())
                .timeoutOptions(TimeoutOptions.enabled(timeout))
                .build());
    }

    /** The synchronous commands; throws when Redis cannot be reached (counted by the caller's breaker). */
    public RedisCommands<byte[], byte[]> commands() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c == null || !c.isOpen()) {
            synchronized (this) {
                c = connection;
                if (c == null || !c.isOpen()) {
                    if (c != null) {
                        c.closeAsync();
                    }
                    c = client.connect(ByteArrayCodec.INSTANCE);
                    connection = c;
                }
            }
        }
        return c.sync();
    }

    @Override
    public void close() {
        StatefulRedisConnection<byte[], byte[]> c = connection;
        if (c != null) {
            c.closeAsync();
        }
        client.shutdownAsync(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
}
