package io.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** Against the real Redis on 127.0.0.1:6379 (REDIS_URL overrides), under a prefix of its own. */
class RedisLimitsTest {
    private final String prefix = "switchboard-test:" + UUID.randomUUID() + ":";
    private final RedisLimits one = connected();
    private final RedisLimits two = connected();

    private RedisLimits connected() {
        RedisLimits limits = new RedisLimits();
        limits.connect(RedisAddress.from(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379/0"),
                null, null, null), prefix);
        return limits;
    }

    @AfterEach
    void close() {
        one.close();
        two.close();
    }

    @Test
    void twoInstancesShareOneWindowAtomically() throws Exception {
        List<Quota> quotas = List.of(new Quota("key:shared", 60L, null, null));
        RateLimiter[] instances = {new RateLimiter(one), new RateLimiter(two)};
        AtomicInteger admitted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 180; i++) {
            RateLimiter limiter = instances[i % 2];
            String id = "c" + i;
            pool.submit(() -> {
                start.await();
                try {
                    limiter.admit(quotas, 1, id).finish(1);
                    admitted.incrementAndGet();
                } catch (GatewayException refused) {
                    // counted by difference
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        System.out.printf("Redis, two limiters, RPM 60, burst of 180: admitted=%d%n", admitted.get());
        assertEquals(60, admitted.get());
    }

    @Test
    void parallelSlotsAreSharedAndReleased() {
        assertTrue(one.takeSlot("key:p", 2, "a"));
        assertTrue(two.takeSlot("key:p", 2, "b"));
        assertFalse(one.takeSlot("key:p", 2, "c"));
        two.releaseSlot("key:p", "a");
        assertTrue(two.takeSlot("key:p", 2, "c"));
        one.releaseSlot("key:p", "b");
        one.releaseSlot("key:p", "c");
        assertTrue(one.takeSlot("key:p", 2, "d"));
        assertTrue(one.takeSlot("key:p", 2, "e"));
    }

    /**
     * 32 threads taking from limits at once keep reusing their pooled connections. With the pool's default
     * of 8 idle connections, every connection returned beyond 8 was closed and the next call opened a new
     * one: a TCP connect and close per call, 12% of the CPU per call in the benchmark's full configuration.
     */
    @Test
    void concurrentCallsReuseTheirPooledConnections() throws Exception {
        long before = connectionsReceived();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < 32; t++) {
            pool.submit(() -> {
                start.await();
                for (int i = 0; i < 100; i++) {
                    one.take("rpm:key:reuse", 1_000_000, 1);
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        long opened = connectionsReceived() - before - 1; // less this check's own connection
        System.out.printf("Redis, 32 threads x 100 takes: %d connections opened%n", opened);
        assertTrue(opened <= 40, "3,200 takes on 32 threads should open at most about 32 connections, opened " + opened);
    }

    private static long connectionsReceived() {
        java.net.URI uri = java.net.URI.create(System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379/0"));
        try (Jedis jedis = new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            for (String line : jedis.info("stats").split("\r?\n")) {
                if (line.startsWith("total_connections_received:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        throw new IllegalStateException("INFO stats has no total_connections_received");
    }
}
