package io.switchboard.routing;

import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.random.RandomGenerator;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Decides which deployment serves each call and survives provider failures: the one entry point
 * the gateways use. The strategy is the {@link RoutingStrategy} bean named by
 * {@code router_settings.routing_strategy}; the per-deployment state lives in the {@link AttemptLoop}.
 */
@ApplicationScoped
public class Router {
    @Inject
    ModelCatalog catalog;

    @Inject
    ActiveConfig activeConfig;

    @Inject
    Instance<RoutingStrategy> strategies;

    /**
     * The deadline of a whole call in milliseconds: LiteLLM's default request timeout of 600 s, plus room for a
     * slow provider's fallback. Its key is the one Fault Tolerance's {@code @Timeout} on this method read, so
     * the documented variable {@code IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_TIMEOUT_VALUE} still sets it.
     */
    @Inject
    @ConfigProperty(name = "io.switchboard.routing.Router/execute/Timeout/value", defaultValue = "900000")
    long deadlineMillis;

    static final int MAX_CONCURRENT_CALLS = 1000;

    /**
     * The calls in the router at once. Its key is the one Fault Tolerance's {@code @Bulkhead} on this method
     * read, so {@code IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_BULKHEAD_VALUE} still sets it.
     */
    @Inject
    @ConfigProperty(name = "io.switchboard.routing.Router/execute/Bulkhead/value",
            defaultValue = "" + MAX_CONCURRENT_CALLS)
    int maxConcurrentCalls;

    private AttemptLoop loop;
    private CallBulkhead bulkhead;

    @PostConstruct
    void build() {
        RoutingPolicy policy = RoutingPolicy.from(activeConfig.config());
        RoutingStrategy strategy = strategies.stream().filter(s -> s.name().equals(policy.strategy())).findFirst()
                .orElseThrow(() -> new ConfigException("router_settings.routing_strategy '" + policy.strategy()
                        + "' is not implemented by this version."));
        loop = new AttemptLoop(catalog::resolve, policy, strategy, RouterClock.SYSTEM, new ThreadSafeRandom());
        bulkhead = new CallBulkhead(maxConcurrentCalls);
    }

    /**
     * Runs {@code attempt} on the deployments of {@code model}, with retries, cooldowns and fallbacks.
     * A {@link CallBulkhead} bounds the calls in the router at once, tunable through MP Config without a
     * rebuild ({@code io.switchboard.routing.Router/execute/Bulkhead/value}, or the variable
     * {@code IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_BULKHEAD_VALUE}; default {@value #MAX_CONCURRENT_CALLS}).
     * A {@link CallDeadline} of {@link #deadlineMillis} bounds a call with all its retries and fallbacks (a
     * stream's, up to its first chunk). The per-deployment state (cooldowns, latency, usage) is the router's own.
     */
    public <T> Routed<T> execute(String model, CallOptions options, AttemptLoop.Attempt<T> attempt) {
        return bulkhead.run(() -> executeWithin(model, options, attempt));
    }

    private <T> Routed<T> executeWithin(String model, CallOptions options, AttemptLoop.Attempt<T> attempt) {
        CallDeadline deadline = CallDeadline.start(Duration.ofMillis(deadlineMillis));
        try {
            return loop.execute(model, options, attempt);
        } catch (RuntimeException e) {
            if (deadline.end()) {
                throw deadline.exceeded();
            }
            throw e;
        } finally {
            // Always ended, so the timer never interrupts this pooled thread once it serves another request. An
            // answer that came just as the deadline passed is still the answer: end() then only clears the interrupt.
            deadline.end();
        }
    }

    /** Every deployment a call to {@code model} may end on, its fallback groups' included. */
    public List<ModelCatalog.Entry> reachableCandidates(String model, CallOptions options) {
        return loop.reachable(model, options);
    }

    /**
     * The state of every configured deployment, in config order, for metrics: read-only, so a scrape
     * never changes routing. Wildcard groups appear under their pattern.
     */
    public List<DeploymentState> deploymentStates() {
        List<DeploymentState> states = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String group : catalog.modelNames()) {
            List<ModelCatalog.Entry> entries;
            try {
                entries = catalog.resolve(group);
            } catch (RuntimeException notResolvable) {
                continue;
            }
            for (ModelCatalog.Entry e : entries) {
                if (seen.add(e.deployment().id())) {
                    states.add(loop.state(e.deployment()));
                }
            }
        }
        return states;
    }

    /** Each thread's own generator: no contention on the hot path. */
    private static final class ThreadSafeRandom implements RandomGenerator {
        @Override
        public long nextLong() {
            return ThreadLocalRandom.current().nextLong();
        }

        @Override
        public int nextInt(int bound) {
            return ThreadLocalRandom.current().nextInt(bound);
        }

        @Override
        public long nextLong(long bound) {
            return ThreadLocalRandom.current().nextLong(bound);
        }
    }
}
