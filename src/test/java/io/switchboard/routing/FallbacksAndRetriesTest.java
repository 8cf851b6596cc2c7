package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fallback chains (with cycles), the context-window pre-check, retry counts, the retry budget, tags, aliases. */
class FallbacksAndRetriesTest {
    private static Groups threeGroups() {
        return new Groups().add("a", "a1", 1, 0).add("b", "b1", 1, 0).add("c", "c1", 1, 0);
    }

    @Test
    void fallbackChainsAreWalkedInOrderAndCyclesTerminate() {
        Groups g = threeGroups().failing("a1", ErrorKind.UPSTREAM_ERROR).failing("b1", ErrorKind.UPSTREAM_ERROR)
                .failing("c1", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(0).withFallbacks(
                Map.of("a", List.of("b"), "b", List.of("a", "c"), "c", List.of("a", "b")), Map.of(), List.of()),
                new SimpleShuffle());
        assertEquals(ErrorKind.UPSTREAM_ERROR,
                assertThrows(GatewayException.class, () -> loop.execute("a", CallOptions.NONE, g::call)).kind());
        assertEquals(List.of("a1", "b1", "c1"), g.attempts, "a → b → (a visited) c, each group once");

        g.healthy("c1");
        g.attempts.clear();
        Routed<String> r = loop.execute("a", CallOptions.NONE, g::call);
        assertEquals("c1", r.value());
        assertEquals(2, r.attemptedFallbacks());
        assertEquals("c", r.deployment().modelGroup());
    }

    @Test
    void aBudgetIsPricedOnEveryGroupAFallbackCouldReach() {
        Groups g = threeGroups().add("d", "d1", 1, 0).add("e", "e1", 1, 0).add("z", "z1", 1, 0);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withFallbacks(
                Map.of("a", List.of("b"), "b", List.of("c", "a")), Map.of("a", List.of("d")), List.of("e")),
                new SimpleShuffle());
        assertEquals(List.of("a1", "d1", "b1", "c1"), ids(loop.reachable("a", CallOptions.NONE)),
                "a's context-window and own fallbacks, then b's own (the cycle back to a ends)");
        assertEquals(List.of("c1", "e1"), ids(loop.reachable("c", CallOptions.NONE)),
                "a group without fallbacks of its own reaches default_fallbacks");
        CallOptions request = CallOptions.take(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().set("fallbacks", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                        .arrayNode().add("z").add("no-such-group")), null, false, 0);
        assertEquals(List.of("a1", "d1", "z1"), ids(loop.reachable("a", request)),
                "a call's own fallbacks replace the group's, and a name that is no group is skipped");
    }

    private static List<String> ids(List<ModelCatalog.Entry> entries) {
        return entries.stream().map(e -> e.deployment().id()).toList();
    }

    @Test
    void perRequestFallbacksAndNumRetriesWin() {
        Groups g = threeGroups().failing("a1", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withFallbacks(Map.of("a", List.of("b")), Map.of(),
                List.of()), new SimpleShuffle());
        Routed<String> r = loop.execute("a", new CallOptions(0, List.of("c"), List.of(), false, 0), g::call);
        assertEquals("c1", r.value());
        assertEquals(List.of("a1", "c1"), g.attempts, "no retry on a, and the call's own fallback list");
    }

    @Test
    void defaultFallbacksServeGroupsWithoutTheirOwn() {
        Groups g = threeGroups().failing("a1", ErrorKind.UPSTREAM_UNAVAILABLE);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(0).withFallbacks(Map.of(), Map.of(),
                List.of("c")), new SimpleShuffle());
        assertEquals("c1", loop.execute("a", CallOptions.NONE, g::call).value());
    }

    @Test
    void nonRetryableErrorsNeitherRetryNorFallBack() {
        Groups g = threeGroups().failing("a1", ErrorKind.INVALID_REQUEST);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withFallbacks(Map.of("a", List.of("b")), Map.of(),
                List.of("c")), new SimpleShuffle());
        assertThrows(GatewayException.class, () -> loop.execute("a", CallOptions.NONE, g::call));
        assertEquals(List.of("a1"), g.attempts);
    }

    @Test
    void thePreCallCheckPicksADeploymentWhoseWindowFitsThePrompt() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "small", Groups.window(1000)), 100, 0))
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "large", Groups.window(100_000)), 1, 0))
                .add("huge", new ModelCatalog.Entry(Groups.deployment("huge", "h", Groups.window(1_000_000)), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withFallbacks(Map.of(), Map.of("m", List.of("huge")),
                List.of()), new SimpleShuffle());
        for (int i = 0; i < 20; i++) {
            assertEquals("large", loop.execute("m", new CallOptions(null, null, List.of(), false, 5000), g::call)
                    .value(), "small's window is 1,000 tokens, whatever its weight");
        }
        Routed<String> r = loop.execute("m", new CallOptions(null, null, List.of(), false, 500_000), g::call);
        assertEquals("h", r.value(), "fits no deployment of m: context_window_fallbacks, with no failed call");
        assertEquals(List.of("h"), g.attempts.subList(20, g.attempts.size()));

        GatewayException e = assertThrows(GatewayException.class,
                () -> loop.execute("m", new CallOptions(null, null, List.of(), false, 5_000_000), g::call));
        assertEquals(ErrorKind.CONTEXT_WINDOW_EXCEEDED, e.kind());
    }

    @Test
    void contextErrorsFromTheProviderUseContextWindowFallbacks() {
        Groups g = threeGroups().failing("a1", ErrorKind.CONTEXT_WINDOW_EXCEEDED);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withFallbacks(Map.of("a", List.of("b")),
                Map.of("a", List.of("c")), List.of()), new SimpleShuffle());
        assertEquals("c1", loop.execute("a", CallOptions.NONE, g::call).value());
        assertEquals(List.of("a1", "c1"), g.attempts, "not retried, and not the general fallback b");
    }

    @Test
    void numRetriesBoundsTheAttemptsAndRetryPolicyOverridesByCategory() {
        Groups g = new Groups().add("m", "x", 1, 0).failing("x", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(3), new SimpleShuffle());
        assertThrows(GatewayException.class, () -> loop.execute("m", CallOptions.NONE, g::call));
        assertEquals(4, g.attempts.size(), "one call and three retries");

        Groups limited = new Groups().add("m", "x", 1, 0).failing("x", n -> Groups.rateLimited(null));
        AttemptLoop byPolicy = limited.loop(RoutingPolicy.defaults().withNumRetries(3)
                .withRetryPolicy(Map.of("RateLimitErrorRetries", 1), 0.2, 10), new SimpleShuffle());
        assertThrows(GatewayException.class, () -> byPolicy.execute("m", CallOptions.NONE, limited::call));
        assertEquals(2, limited.attempts.size(), "RateLimitErrorRetries: 1");

        Groups own = new Groups().add("m", new ModelCatalog.Entry(Groups.deployment("m", "x", null), 1, 0)
                .withLimits(List.of(), null, null, 0)).failing("x", ErrorKind.UPSTREAM_ERROR);
        assertThrows(GatewayException.class, () -> own.loop(RoutingPolicy.defaults(), new SimpleShuffle())
                .execute("m", CallOptions.NONE, own::call));
        assertEquals(1, own.attempts.size(), "the deployment's max_retries: 0");
    }

    @Test
    void theRetryBudgetCapsRetriesAsAShareOfTraffic() {
        Groups g = new Groups().add("m", "x", 1, 0).failing("x", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(2)
                .withRetryPolicy(Map.of(), 0.1, 2), new SimpleShuffle());
        for (int i = 0; i < 20; i++) {
            assertThrows(GatewayException.class, () -> loop.execute("m", CallOptions.NONE, g::call));
            g.clock.now -= g.clock.sleeps.stream().mapToLong(Duration::toNanos).sum(); // stay in one window
            g.clock.sleeps.clear();
        }
        assertEquals(20 + 4, g.attempts.size(), "2 + 10% of 20 calls = 4 retries, not 40");
    }

    @Test
    void tagsSelectDeploymentsAndDefaultTaggedOnesServeUntaggedCalls() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "free", null), 1, 0)
                        .withLimits(List.of("free", "default"), null, null, null))
                .add("m", new ModelCatalog.Entry(Groups.deployment("m", "paid", null), 1, 0)
                        .withLimits(List.of("paid"), null, null, null));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        for (int i = 0; i < 20; i++) {
            assertEquals("paid", loop.execute("m", new CallOptions(null, null, List.of("paid"), false, 0), g::call)
                    .value());
            assertEquals("free", loop.execute("m", CallOptions.NONE, g::call).value());
        }
        GatewayException e = assertThrows(GatewayException.class,
                () -> loop.execute("m", new CallOptions(null, null, List.of("gpu"), false, 0), g::call));
        assertEquals("no_deployment_for_tags", e.code());
    }

    @Test
    void aliasesNameAGroup() {
        Groups g = threeGroups();
        RoutingPolicy p = RoutingPolicy.defaults();
        AttemptLoop loop = g.loop(new RoutingPolicy(p.strategy(), p.numRetries(), p.retryPolicy(), p.allowedFails(),
                p.cooldownTime(), p.fallbacks(), p.contextWindowFallbacks(), p.contentPolicyFallbacks(),
                p.defaultFallbacks(), Map.of("gpt-4", "b"), p.retryAfter(), p.maxBackoff(), p.retryBudgetRatio(),
                p.retryBudgetFloor()), new SimpleShuffle());
        assertEquals("b1", loop.execute("gpt-4", CallOptions.NONE, g::call).value());
    }
}
