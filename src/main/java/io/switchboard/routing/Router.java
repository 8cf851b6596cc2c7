package io.switchboard.routing;

import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.Timeout;
import java.util.random.RandomGenerator;

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

    static final int MAX_CONCURRENT_CALLS = 1000;
    /** LiteLLM's default request timeout of 600 s, for the whole call: a slow provider leaves time to fall back. */
    static final long DEADLINE_MILLIS = 900_000;

    private AttemptLoop loop;

    @PostConstruct
    void build() {
        RoutingPolicy policy = RoutingPolicy.from(activeConfig.config());
        RoutingStrategy strategy = strategies.stream().filter(s -> s.name().equals(policy.strategy())).findFirst()
                .orElseThrow(() -> new ConfigException("router_settings.routing_strategy '" + policy.strategy()
                        + "' is not implemented by this version."));
        loop = new AttemptLoop(catalog::resolve, policy, strategy, RouterClock.SYSTEM, new ThreadSafeRandom());
    }

    /**
     * Runs {@code attempt} on the deployments of {@code model}, with retries, cooldowns and fallbacks.
     * MicroProfile Fault Tolerance puts a static envelope around the whole loop, tunable through MP
     * Config without a rebuild ({@code io.switchboard.routing.Router/execute/Bulkhead/value}, or the
     * variable {@code IO_SWITCHBOARD_ROUTING_ROUTER_EXECUTE_BULKHEAD_VALUE}): at most
     * {@value #MAX_CONCURRENT_CALLS} calls in the router at once, and a deadline of
     * {@value #DEADLINE_MILLIS} ms for a call with all its retries and fallbacks (a stream's, up to its
     * first chunk). The per-deployment state (cooldowns, latency, usage) is the router's own.
     */
    @Bulkhead(MAX_CONCURRENT_CALLS)
    @Timeout(DEADLINE_MILLIS)
    public <T> Routed<T> execute(String model, CallOptions options, AttemptLoop.Attempt<T> attempt) {
        return loop.execute(model, options, attempt);
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
