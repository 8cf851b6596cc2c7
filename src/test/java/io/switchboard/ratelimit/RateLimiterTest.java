package io.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a limiter does over any store; {@link InProcessRateLimiterTest} and {@link RedisRateLimiterTest} run
 * it over each, so the counters a deployment shares in Redis behave as one instance's do.
 */
abstract class RateLimiterTest {
    private final RateLimiter limiter = new RateLimiter(store());

    /** The store under test; called once per test. */
    abstract LimitStore store();

    /** Parallel slots of {@code scope} held now. */
    abstract int slotsHeld(String scope);

    @Test
    void sixtyRequestsPerMinuteAdmitExactlySixtyOfABurstOf180() throws Exception {
        List<Quota> quotas = List.of(new Quota("key:k1", 60L, null, null));
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 180; i++) {
            String id = "call-" + i;
            pool.submit(() -> {
                start.await();
                try {
                    limiter.admit(quotas, 10, id).finish(10);
                    admitted.incrementAndGet();
                } catch (GatewayException e) {
                    assertEquals(ErrorKind.RATE_LIMITED, e.kind());
                    assertEquals("0", e.headers().get("x-ratelimit-remaining-requests"));
                    assertEquals("60", e.headers().get("x-ratelimit-limit-requests"));
                    assertTrue(e.retryAfter().toSeconds() >= 1);
                    refused.incrementAndGet();
                }
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        System.out.printf("RPM 60, burst of 180: admitted=%d refused=%d%n", admitted.get(), refused.get());
        assertEquals(60, admitted.get());
        assertEquals(120, refused.get());
    }

    @Test
    void aParallelLimitRefusesTheSixthAndFreesSlotsWhenCallsFinish() {
        List<Quota> quotas = List.of(new Quota("key:k2", null, null, 5));
        List<Permit> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(limiter.admit(quotas, 1, "c" + i));
        }
        GatewayException sixth = assertThrows(GatewayException.class, () -> limiter.admit(quotas, 1, "c5"));
        assertEquals(429, sixth.kind().status());
        held.forEach(p -> p.finish(0));
        held.forEach(p -> p.finish(0)); // a second end of the same call gives nothing back twice
        assertEquals(0, slotsHeld("key:k2"));
        for (int i = 0; i < 5; i++) {
            limiter.admit(quotas, 1, "d" + i);
        }
        assertEquals(5, slotsHeld("key:k2"));
    }

    @Test
    void aRefusalByOneQuotaGivesBackWhatTheOthersTook() {
        Quota key = new Quota("key:k3", 10L, null, 3);
        Quota team = new Quota("team:t3", 1L, null, null);
        limiter.admit(List.of(key, team), 1, "a").finish(1);
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(key, team), 1, "b"));
        assertEquals(0, slotsHeld("key:k3"));
        // the key's window lost only the admitted request: 9 more pass on the key alone
        for (int i = 0; i < 9; i++) {
            limiter.admit(List.of(key), 1, "k" + i).finish(1);
        }
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(key), 1, "over"));
    }

    @Test
    void tokensAreReservedFromTheEstimateAndReconciledWithTheUsage() {
        Quota quota = new Quota("key:k4", null, 1_000L, null);
        Permit first = limiter.admit(List.of(quota), 600, "a");
        GatewayException refused = assertThrows(GatewayException.class,
                () -> limiter.admit(List.of(quota), 600, "b"));
        assertEquals("0", refused.headers().get("x-ratelimit-remaining-tokens"));
        first.finish(100); // used far less than estimated: 500 tokens come back
        limiter.admit(List.of(quota), 600, "c").finish(900); // used more than estimated: 300 more taken
        // 1000 - 100 - 900 = 0 left
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(quota), 1, "d"));
    }

    @Test
    void theTokenEstimateAndUsageAreAskedForOnlyByATpmWindow() {
        AtomicInteger estimated = new AtomicInteger();
        AtomicInteger used = new AtomicInteger();
        Quota requestsOnly = new Quota("key:k5", 100L, null, 5);
        limiter.admit(List.of(requestsOnly), () -> estimated.incrementAndGet(), "e")
                .finish(() -> used.incrementAndGet());
        assertEquals(0, estimated.get(), "an RPM window and a parallel slot need no token count");
        assertEquals(0, used.get());
        assertEquals(0, slotsHeld("key:k5"));
        Quota tokens = new Quota("key:k6", null, 1_000L, null);
        limiter.admit(List.of(requestsOnly, tokens), () -> estimated.incrementAndGet() * 400L, "f")
                .finish(() -> used.incrementAndGet() * 100L);
        assertEquals(1, estimated.get());
        assertEquals(1, used.get());
        // 400 estimated, corrected to 100 used: 900 of the window is left
        limiter.admit(List.of(tokens), 900, "g");
        assertThrows(GatewayException.class, () -> limiter.admit(List.of(tokens), 1, "h"));
    }
}
