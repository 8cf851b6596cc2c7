package io.switchboard.ratelimit;

import java.net.URI;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPool;

/**
 * Where Redis is, from LiteLLM's variables: {@code REDIS_URL} ({@code redis://[:password@]host:port[/db]}),
 * or {@code REDIS_HOST}, {@code REDIS_PORT}, {@code REDIS_PASSWORD}. Timeouts are short on purpose: a slow
 * Redis must trip the breaker, not hold request threads (LiteLLM's 20-30 s Redis stalls took gateways down).
 */
public record RedisAddress(String host, int port, String password, int database) {
    static final int TIMEOUT_MILLIS = 500;

    /** The configured address, or null when Redis is not configured. */
    public static RedisAddress from(String url, String host, String port, String password) {
        if (url != null && !url.isBlank()) {
            URI uri = URI.create(url.trim());
            String info = uri.getUserInfo();
            String secret = info == null ? null : info.contains(":") ? info.substring(info.indexOf(':') + 1) : info;
            String path = uri.getPath();
            int db = path == null || path.length() <= 1 ? 0 : Integer.parseInt(path.substring(1));
            return new RedisAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                    secret == null || secret.isEmpty() ? null : secret, db);
        }
        if (host == null || host.isBlank()) {
            return null;
        }
        int p = port == null || port.isBlank() ? 6379 : Integer.parseInt(port.trim());
        return new RedisAddress(host.trim(), p, password == null || password.isEmpty() ? null : password, 0);
    }

    private static final int MAX_CONNECTIONS = 64;

    JedisPool pool() {
        JedisClientConfig config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS)
                .password(password).database(database).clientName("switchboard").build();
        GenericObjectPoolConfig<Jedis> poolConfig = new GenericObjectPoolConfig<>();
        poolConfig.setMaxTotal(MAX_CONNECTIONS);
        // Keep every connection the pool opened: at the default of 8 idle, a connection returned beyond the
        // eighth was closed and the next call opened a new one (a TCP connect and close per call under load).
        poolConfig.setMaxIdle(MAX_CONNECTIONS);
        poolConfig.setMaxWait(java.time.Duration.ofMillis(TIMEOUT_MILLIS));
        return new JedisPool(poolConfig, new HostAndPort(host, port), config);
    }

    /** Never prints the password. */
    @Override
    public String toString() {
        return "redis://" + host + ":" + port + "/" + database;
    }
}
