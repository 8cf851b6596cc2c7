package io.switchboard.routing;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * How one deployment is chosen among the healthy ones of a group's best tier. Each strategy is an
 * {@code @ApplicationScoped} bean named by {@link #name()} after LiteLLM's {@code routing_strategy}; the
 * router uses the one the config names, so another strategy is one more bean.
 */
public interface RoutingStrategy {
    /** The {@code routing_strategy} value that selects this strategy. */
    String name();

    /**
     * One of {@code candidates} (never empty, all healthy and allowed for this call), or null when
     * none may take the call (usage-based routing: every deployment is at its rpm/tpm capacity).
     */
    Candidate pick(List<Candidate> candidates, Context context);

    /**
     * @param stream      whether the call streams (latency then means time to first token)
     * @param inputTokens the estimated prompt tokens of the call
     * @param now         the router clock's reading
     * @param random      the router's source of randomness (seeded in tests)
     */
    record Context(boolean stream, long inputTokens, long now, RandomGenerator random) {
    }

    /** Weighted random choice by {@code weight}: LiteLLM's {@code simple-shuffle}. */
    static Candidate weighted(List<Candidate> candidates, RandomGenerator random) {
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        long total = 0;
        for (Candidate c : candidates) {
            total += Math.max(c.entry().weight(), 0);
        }
        if (total <= 0) {
            return candidates.get(random.nextInt(candidates.size()));
        }
        long pick = random.nextLong(total);
        for (Candidate c : candidates) {
            pick -= Math.max(c.entry().weight(), 0);
            if (pick < 0) {
                return c;
            }
        }
        return candidates.get(candidates.size() - 1);
    }
}
