package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cooldown entry, exit and probing, and priority tiers, on a fake clock. */
class CooldownAndTiersTest {
    private static final RoutingPolicy ONE_FAIL_TEN_SECONDS = RoutingPolicy.defaults()
            .withCooldown(1, Duration.ofSeconds(10));

    @Test
    void aDeploymentFailingMoreThanAllowedFailsCoolsDownThenIsProbedBack() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0).failing("a", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(ONE_FAIL_TEN_SECONDS, new SimpleShuffle());
        for (int i = 0; i < 20; i++) {
            assertEquals("b", loop.execute("m", CallOptions.NONE, g::call).value(), "every call is absorbed by b");
        }
        assertEquals(2, g.calls.get("a"), "a is cooled down after its 2nd failure (> allowed_fails of 1)");

        g.clock.advance(Duration.ofSeconds(11));
        g.calls.clear();
        for (int i = 0; i < 20 && !g.calls.containsKey("a"); i++) {
            loop.execute("m", CallOptions.NONE, g::call);
        }
        assertEquals(1, g.calls.get("a"), "after cooldown_time a is tried again");
        g.calls.clear();
        for (int i = 0; i < 20; i++) {
            loop.execute("m", CallOptions.NONE, g::call);
        }
        assertEquals(null, g.calls.get("a"), "its failed probe cooled it down again at once");

        g.healthy("a").clock.advance(Duration.ofSeconds(11));
        g.calls.clear();
        for (int i = 0; i < 200; i++) {
            loop.execute("m", CallOptions.NONE, g::call);
        }
        assertEquals(true, g.calls.get("a") > 60, "a passed its probe and takes its share again: " + g.calls);
    }

    @Test
    void rateLimitsAndTimeoutsCoolDownAtOnce() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0).add("m", "c", 1, 0)
                .failing("a", n -> Groups.rateLimited(Duration.ofSeconds(1)))
                .failing("b", ErrorKind.REQUEST_TIMEOUT);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        for (int i = 0; i < 50; i++) {
            assertEquals("c", loop.execute("m", CallOptions.NONE, g::call).value());
        }
        assertEquals(1, g.calls.get("a"), "allowed_fails is 3, but a 429 cools down on the first");
        assertEquals(1, g.calls.get("b"), "and so does a timeout");
    }

    @Test
    void theLastHealthyDeploymentIsNeverCooledDown() {
        Groups g = new Groups().add("solo", "only", 1, 0).failing("only", n -> Groups.rateLimited(null));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults().withNumRetries(0), new SimpleShuffle());
        for (int i = 0; i < 5; i++) {
            assertEquals(ErrorKind.RATE_LIMITED,
                    assertThrows(GatewayException.class, () -> loop.execute("solo", CallOptions.NONE, g::call)).kind());
        }
        assertEquals(5, g.calls.get("only"), "each call still reaches it: the provider's own 429 is what clients see");
        g.healthy("only");
        assertEquals("only", loop.execute("solo", CallOptions.NONE, g::call).value());
    }

    @Test
    void requestErrorsDoNotCoolADeploymentDown() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0).failing("a", ErrorKind.INVALID_REQUEST)
                .failing("b", ErrorKind.INVALID_REQUEST);
        AttemptLoop loop = g.loop(ONE_FAIL_TEN_SECONDS, new SimpleShuffle());
        for (int i = 0; i < 40; i++) {
            assertThrows(GatewayException.class, () -> loop.execute("m", CallOptions.NONE, g::call));
        }
        assertEquals(40, g.attempts.size(), "a 400 is neither retried nor counted against the deployment");
        assertEquals(true, g.calls.get("a") > 5 && g.calls.get("b") > 5, g.calls.toString());
    }

    @Test
    void lowerOrderServesEverythingUntilItIsExhausted() {
        Groups g = new Groups().add("m", "primary1", 1, 1).add("m", "primary2", 1, 1).add("m", "backup", 1, 2);
        AttemptLoop loop = g.loop(ONE_FAIL_TEN_SECONDS, new SimpleShuffle());
        for (int i = 0; i < 100; i++) {
            loop.execute("m", CallOptions.NONE, g::call);
        }
        assertEquals(null, g.calls.get("backup"), "the next tier only when the first is exhausted");

        g.failing("primary1", ErrorKind.UPSTREAM_UNAVAILABLE).failing("primary2", ErrorKind.UPSTREAM_UNAVAILABLE);
        g.attempts.clear();
        Routed<String> r = loop.execute("m", CallOptions.NONE, g::call);
        assertEquals("backup", r.value());
        assertEquals(2, r.attemptedRetries());
        assertEquals(List.of("backup", "primary1", "primary2"), sorted(g.attempts));
    }

    @Test
    void retriesGoToAnotherDeploymentWithoutWaitingAndToTheSameOneWithBackoff() {
        Groups g = new Groups().add("m", "a", 1, 0).add("m", "b", 1, 0).failing("a", ErrorKind.UPSTREAM_ERROR);
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        for (int i = 0; i < 10; i++) {
            loop.execute("m", CallOptions.NONE, g::call);
        }
        assertEquals(List.of(), g.clock.sleeps, "switching deployments needs no wait");

        Groups solo = new Groups().add("s", "x", 1, 0)
                .failing("x", n -> n < 3 ? Groups.rateLimited(Duration.ofSeconds(30)) : null);
        Routed<String> r = solo.loop(RoutingPolicy.defaults(), new SimpleShuffle())
                .execute("s", CallOptions.NONE, solo::call);
        assertEquals("x", r.value());
        assertEquals(2, r.attemptedRetries());
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(10)), solo.clock.sleeps,
                "Retry-After: 30 is honoured up to the 10 s cap");

        Groups flaky = new Groups().add("s", "x", 1, 0)
                .failing("x", n -> n < 3 ? new GatewayException(ErrorKind.UPSTREAM_ERROR, "x", null, "x") : null);
        flaky.loop(RoutingPolicy.defaults(), new SimpleShuffle()).execute("s", CallOptions.NONE, flaky::call);
        assertEquals(2, flaky.clock.sleeps.size());
        long first = flaky.clock.sleeps.get(0).toMillis();
        long second = flaky.clock.sleeps.get(1).toMillis();
        assertEquals(true, first >= 250 && first <= 500, "0.5 s with jitter: " + first);
        assertEquals(true, second >= 500 && second <= 1000, "1 s with jitter: " + second);
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new java.util.ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }
}
