package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Each strategy's choices over many calls, on a fake clock with a seeded random source. */
class StrategiesTest {
    private static Map<String, Integer> run(AttemptLoop loop, Groups g, String model, int n, CallOptions options) {
        Map<String, Integer> served = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            served.merge(loop.execute(model, options, g::call).value(), 1, Integer::sum);
        }
        return served;
    }

    /** Within 4.5 standard deviations of the binomial mean: fails by chance about once in 150,000 runs. */
    private static void assertShare(int count, int n, double p, String what) {
        double mean = n * p;
        double sd = Math.sqrt(n * p * (1 - p));
        assertTrue(Math.abs(count - mean) <= 4.5 * sd, what + ": " + count + " of " + n + ", expected ~" + mean);
    }

    @Test
    void simpleShuffleFollowsTheWeights() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 2, 0).add("m", "c", 7, 0);
        Map<String, Integer> served = run(g.loop(RoutingPolicy.defaults(), new SimpleShuffle()), g, "m", 10_000,
                CallOptions.NONE);
        assertShare(served.get("a"), 10_000, 0.1, "a");
        assertShare(served.get("b"), 10_000, 0.2, "b");
        assertShare(served.get("c"), 10_000, 0.7, "c");
    }

    @Test
    void leastBusyTakesTheIdlestDeployment() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0).add("m", "c", 1, 0);
        List<Candidate> candidates = g.groups.get("m").stream()
                .map(e -> new Candidate(e, new DeploymentHealth())).toList();
        candidates.get(0).health().started();
        candidates.get(0).health().started();
        candidates.get(2).health().started();
        var context = new RoutingStrategy.Context(false, 0, 0, new java.util.SplittableRandom(1));
        for (int i = 0; i < 100; i++) {
            assertEquals("b", new LeastBusy().pick(candidates, context).toString());
        }
        candidates.get(1).health().started();
        candidates.get(1).health().started();
        Map<String, Integer> picks = new TreeMap<>();
        for (int i = 0; i < 1000; i++) {
            picks.merge(new LeastBusy().pick(candidates, context).toString(), 1, Integer::sum);
        }
        assertEquals(1000, picks.get("c"), "c has one in flight, a and b two");
    }

    @Test
    void latencyBasedPrefersTheFastAndSharesAmongNearEquals() {
        Groups g = new Groups().add("m", "fast", 1, 0).add("m", "fast2", 1, 0).add("m", "slow", 1, 0);
        g.latency.put("fast", Duration.ofMillis(100));
        g.latency.put("fast2", Duration.ofMillis(105));
        g.latency.put("slow", Duration.ofMillis(900));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new LatencyBased());
        run(loop, g, "m", 3, CallOptions.NONE); // unmeasured deployments go first, so each gets a sample
        assertEquals(Map.of("fast", 1, "fast2", 1, "slow", 1), g.calls);
        Map<String, Integer> served = run(loop, g, "m", 2000, CallOptions.NONE);
        assertEquals(null, served.get("slow"), "900 ms is far outside the 10% buffer");
        assertShare(served.get("fast"), 2000, 0.5, "fast");
    }

    @Test
    void latencyBasedUsesTimeToFirstTokenForStreams() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0);
        g.latency.put("a", Duration.ofMillis(50));
        g.latency.put("b", Duration.ofMillis(500));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new LatencyBased());
        CallOptions stream = new CallOptions(null, null, List.of(), true, 0);
        run(loop, g, "m", 2, stream);
        assertEquals(Map.of("a", 50), run(loop, g, "m", 50, stream));
        // non-streaming calls have no sample yet: both count as unmeasured and share
        Map<String, Integer> plain = run(loop, g, "m", 2, CallOptions.NONE);
        assertEquals(2, plain.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void usageBasedKeepsEachDeploymentUnderItsRpmAndTpmThisMinute() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "a", null), 1, 0).withLimits(List.of(), 2L,
                        null, null))
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "b", null), 1, 0).withLimits(List.of(), null,
                        300L, null));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new UsageBased());
        CallOptions hundredTokens = new CallOptions(null, null, List.of(), false, 100);
        Map<String, Integer> served = run(loop, g, "m", 5, hundredTokens);
        assertEquals(Map.of("a", 2, "b", 3), served);
        GatewayException full = assertThrows(GatewayException.class,
                () -> loop.execute("m", hundredTokens, g::call));
        assertEquals(ErrorKind.RATE_LIMITED, full.kind());
        assertEquals("no_deployment_available", full.code());
        g.clock.advance(Duration.ofSeconds(60));
        assertEquals(Map.of("a", 2, "b", 3), run(loop, g, "m", 5, hundredTokens), "a new minute, new capacity");
    }

    @Test
    void costBasedTakesTheCheapestPricedDeployment() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "dear", Groups.price("0.00001", "0.00003")),
                        1, 0))
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "cheap", Groups.price("0.0000001",
                        "0.0000004")), 1, 0))
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "unpriced", null), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new CostBased());
        assertEquals(Map.of("cheap", 100), run(loop, g, "m", 100, CallOptions.NONE));
        g.failing("cheap", ErrorKind.UPSTREAM_ERROR);
        assertEquals("dear", loop.execute("m", CallOptions.NONE, g::call).value(),
                "after the cheapest fails, the next cheapest; unknown prices come last");
    }
}
