package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The router on the hot path: choosing among three deployments and running one attempt costs
 * microseconds at most, next to the hundreds of milliseconds of a provider call. Measured with the
 * real clock and the thread-local random the server uses; the figure is printed for the record.
 */
class RouterOverheadTest {
    @Test
    void oneRoutedCallCostsAFewMicroseconds() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 2, 0).add("m", "c", 7, 0);
        AttemptLoop loop = new AttemptLoop(g.groups::get, RoutingPolicy.defaults(), new SimpleShuffle(),
                RouterClock.SYSTEM, java.util.concurrent.ThreadLocalRandom.current());
        CallOptions options = new CallOptions(null, null, List.of(), false, 100);
        for (int i = 0; i < 200_000; i++) { // warm-up: let the JIT compile the loop
            loop.execute("m", options, d -> d);
        }
        int n = 500_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            loop.execute("m", options, d -> d);
        }
        double nanosPerCall = (System.nanoTime() - start) / (double) n;
        System.out.printf("router overhead: %.0f ns per call (3 deployments, simple-shuffle)%n", nanosPerCall);
        assertTrue(nanosPerCall < 20_000, "router overhead " + nanosPerCall + " ns per call");
    }
}
