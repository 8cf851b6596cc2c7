package io.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
    private static final String URL = System.getenv().getOrDefault("REDIS_URL", "redis://127.0.0.1:6379/0");
    private final RedisLimits one = connected(prefix);
    private final RedisLimits two = connected(prefix);

    static RedisLimits connected(String prefix) {
        return connected(prefix, RedisLimits.FLUSH_INTERVAL);
    }

    static RedisLimits connected(String prefix, Duration flushEvery) {
        RedisLimits limits = new RedisLimits();
        limits.connect(RedisAddress.from(URL, null, null, null), prefix, flushEvery);
        return limits;
    }

    static Jedis jedis() {
        java.net.URI uri = java.net.URI.create(URL);
        return new Jedis(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort());
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
                    one.take(List.of(new LimitStore.Draw("rpm:key:reuse", 1_000_000, 1)));
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

    /**
     * One call with an RPM and a TPM limit costs Redis one script: the take of both windows, which also
     * carries the token correction of the call that ended before it (Bucket4j's proxy made six round trips
     * for the same, and a correction of its own was a second script per call until issue 7's full benchmark).
     */
    @Test
    void aCallWithRequestAndTokenLimitsIsOneRoundTrip() {
        RedisLimits quiet = connected(prefix, Duration.ofHours(1)); // no timed flush
        try (Jedis info = jedis()) {
            RateLimiter limiter = new RateLimiter(quiet);
            List<Quota> quotas = List.of(new Quota("key:trips", 1_000L, 100_000L, null));
            limiter.admit(quotas, 50, "warm").finish(10); // the first run may send the scripts' text once
            Map<String, Long> before = counters(info);
            for (int i = 0; i < 10; i++) {
                limiter.admit(quotas, 50, "c" + i).finish(10);
            }
            Map<String, Long> after = counters(info);
            long scripts = after.get("scripts") - before.get("scripts");
            // every command a client sent (the first INFO is counted by the second), less those scripts ran
            long roundTrips = after.get("total") - before.get("total") - 1 - (after.get("inside") - before.get("inside"));
            System.out.printf("Redis, 10 calls with RPM and TPM limits: %d scripts, %d round trips%n", scripts,
                    roundTrips);
            assertEquals(10, scripts);
            assertEquals(10, roundTrips);
            // all eleven corrections are in: ten rode on the next take, the last one goes when flushed
            quiet.flush();
            String tokens = prefix + "window:tpm:key:trips#100000";
            assertEquals("110", info.hget(tokens, "used"), "11 calls that used 10 tokens each");
        } finally {
            quiet.close();
        }
    }

    /**
     * Another instance sees a correction without waiting for this one's next take: the flusher sends what is
     * left within a tenth of a second.
     */
    @Test
    void aCorrectionReachesTheOtherInstancesWithoutAnotherCall() throws Exception {
        Quota quota = new Quota("key:shared-tokens", null, 1_000L, null);
        Permit big = new RateLimiter(one).admit(List.of(quota), 900, "estimated 900");
        RateLimiter other = new RateLimiter(two);
        assertThrows(GatewayException.class, () -> other.admit(List.of(quota), 800, "too early"));
        long ended = System.nanoTime();
        big.finish(100); // 800 come back
        Permit admitted = null;
        while (admitted == null && System.nanoTime() - ended < Duration.ofSeconds(2).toNanos()) {
            try {
                admitted = other.admit(List.of(quota), 800, "after the correction");
            } catch (GatewayException refused) {
                Thread.sleep(10);
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - ended).toMillis();
        System.out.printf("Redis, a correction seen by the other instance after %d ms%n", millis);
        assertTrue(admitted != null && millis < 1_000, "the other instance still refused after " + millis + " ms");
    }

    /** Closing an instance sends the corrections it still holds. */
    @Test
    void closingSendsWhatIsPending() {
        RedisLimits closing = connected(prefix, Duration.ofHours(1));
        Quota quota = new Quota("key:closing", null, 1_000L, null);
        new RateLimiter(closing).admit(List.of(quota), 900, "estimated 900").finish(100);
        closing.close();
        new RateLimiter(one).admit(List.of(quota), 900, "fits once the 800 are back");
    }

    @Test
    void aRefusedCallTakesNothingFromTheOtherWindows() {
        RateLimiter limiter = new RateLimiter(one);
        Quota key = new Quota("key:all", 10L, 1_000L, null);
        Quota team = new Quota("team:all", null, 400L, null);
        limiter.admit(List.of(team), 300, "team only"); // 100 left in the team's window
        GatewayException refused = assertThrows(GatewayException.class,
                () -> limiter.admit(List.of(key, team), 500, "big"));
        assertEquals("0", refused.headers().get("x-ratelimit-remaining-tokens"));
        assertTrue(refused.retryAfter().toSeconds() >= 1 && refused.retryAfter().toSeconds() <= 60);
        // the key's windows are untouched: all ten requests and the whole 1,000 tokens are still there
        for (int i = 0; i < 10; i++) {
            limiter.admit(List.of(key), 100, "k" + i);
        }
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(key), 1, "eleventh"));
    }

    /** A window ends a minute (here 300 ms) after its first take; a late correction never reaches the next one. */
    @Test
    void aCorrectionAfterItsWindowEndedLeavesTheNextWindowAlone() throws Exception {
        one.windowLength(Duration.ofMillis(300));
        RateLimiter limiter = new RateLimiter(one);
        Quota quota = new Quota("key:late", null, 1_000L, null);
        Permit old = limiter.admit(List.of(quota), 900, "old");
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(quota), 200, "full"));
        Thread.sleep(400);
        Permit current = limiter.admit(List.of(quota), 900, "new"); // a fresh window: 900 of 1,000 taken
        old.finish(0); // would give 900 back to the new window if it reached it
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(quota), 200, "still full"));
        current.finish(100); // its own window: 800 come back
        limiter.admit(List.of(quota), 800, "fits");
    }

    /** A Redis that restarted (or failed over) has no scripts cached: the first call sends their text. */
    @Test
    void aRedisThatForgotTheScriptsIsTaughtThemAgain() {
        RateLimiter limiter = new RateLimiter(one);
        List<Quota> quotas = List.of(new Quota("key:flushed", 2L, 1_000L, null));
        limiter.admit(quotas, 10, "a").finish(5);
        try (Jedis jedis = jedis()) {
            jedis.scriptFlush();
        }
        limiter.admit(quotas, 10, "b").finish(5);
        assertThrows(GatewayException.class, () -> limiter.admit(quotas, 10, "c"));
    }

    /**
     * From one INFO: commands processed in all, scripts run, and commands run inside scripts (what TAKE and
     * ADJUST call).
     */
    private static Map<String, Long> counters(Jedis jedis) {
        Map<String, Long> calls = new java.util.HashMap<>();
        long total = 0;
        for (String line : jedis.info("everything").split("\r?\n")) {
            if (line.startsWith("total_commands_processed:")) {
                total = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            } else if (line.startsWith("cmdstat_")) {
                calls.put(line.substring(8, line.indexOf(':')),
                        Long.parseLong(line.substring(line.indexOf("calls=") + 6, line.indexOf(','))));
            }
        }
        long inside = 0;
        for (String command : List.of("time", "hmget", "hset", "hincrby", "pexpireat", "hget")) {
            inside += calls.getOrDefault(command, 0L);
        }
        return Map.of("total", total, "inside", inside,
                "scripts", calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L));
    }

    private static long connectionsReceived() {
        try (Jedis jedis = jedis()) {
            for (String line : jedis.info("stats").split("\r?\n")) {
                if (line.startsWith("total_connections_received:")) {
                    return Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
        }
        throw new IllegalStateException("INFO stats has no total_connections_received");
    }
}
