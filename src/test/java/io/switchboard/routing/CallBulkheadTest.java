package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CallBulkheadTest {
    @Test
    void aCallBeyondTheBoundIsRefusedAtOnceAndItsPlaceComesBackWhenACallEnds() throws Exception {
        CallBulkhead bulkhead = new CallBulkhead(2);
        CountDownLatch inside = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(2);
        var first = CompletableFuture.supplyAsync(() -> bulkhead.run(() -> hold(inside, release)), callers);
        var second = CompletableFuture.supplyAsync(() -> bulkhead.run(() -> hold(inside, release)), callers);
        assertEquals(true, inside.await(5, TimeUnit.SECONDS));
        long started = System.nanoTime();
        GatewayException busy = assertThrows(GatewayException.class, () -> bulkhead.run(() -> "third"));
        assertEquals(true, System.nanoTime() - started < TimeUnit.MILLISECONDS.toNanos(100), "refused, not queued");
        assertEquals("gateway_busy", busy.code());
        assertEquals(503, busy.kind().status());
        assertEquals(Duration.ofSeconds(1), busy.retryAfter());
        release.countDown();
        assertEquals("held", first.get(5, TimeUnit.SECONDS));
        assertEquals("held", second.get(5, TimeUnit.SECONDS));
        assertEquals(0, bulkhead.inUse());
        assertEquals("fourth", bulkhead.run(() -> "fourth"));
        callers.shutdown();
    }

    @Test
    void aCallThatFailsGivesItsPlaceBack() {
        CallBulkhead bulkhead = new CallBulkhead(1);
        assertThrows(IllegalStateException.class, () -> bulkhead.run(() -> {
            throw new IllegalStateException("provider failed");
        }));
        assertEquals(0, bulkhead.inUse());
        assertEquals("next", bulkhead.run(() -> "next"));
    }

    @Test
    void aBulkheadOfNoPlacesIsAConfigurationError() {
        assertThrows(IllegalArgumentException.class, () -> new CallBulkhead(0));
    }

    private static String hold(CountDownLatch inside, CountDownLatch release) {
        inside.countDown();
        try {
            release.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "held";
    }
}
