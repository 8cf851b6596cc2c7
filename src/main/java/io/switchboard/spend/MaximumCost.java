package io.switchboard.spend;

import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.modelinfo.TokenCost;
import java.math.BigDecimal;
import java.util.List;

/**
 * The most a call can cost before it is sent: its counted prompt plus the most it may generate
 * ({@code max_tokens} or {@code max_completion_tokens}, else the model's output limit), times the
 * number of choices, at the highest price among the deployments that may serve it.
 */
public final class MaximumCost {
    private MaximumCost() {
    }

    /**
     * @param candidates      the facts of every deployment the router may choose
     * @param maxOutputAsked  the client's output cap, or null
     * @return the maximum, or null when it cannot be known (a deployment without a price, or no output cap
     *         anywhere): such a call must not be admitted against a budget on a guess (LiteLLM #35524)
     */
    public static BigDecimal of(List<ModelFacts> candidates, long promptTokens, Integer maxOutputAsked, int choices) {
        if (candidates.isEmpty()) {
            return null;
        }
        BigDecimal highest = BigDecimal.ZERO;
        for (ModelFacts facts : candidates) {
            Long output = outputCap(facts, maxOutputAsked);
            if (output == null) {
                return null;
            }
            BigDecimal cost = TokenCost.of(facts, promptTokens, 0, output * Math.max(1, choices), 0);
            if (cost == null) {
                return null;
            }
            highest = highest.max(cost);
        }
        return highest;
    }

    /** Embeddings generate nothing: the prompt is the whole cost. */
    public static BigDecimal ofInput(List<ModelFacts> candidates, long inputTokens) {
        if (candidates.isEmpty()) {
            return null;
        }
        BigDecimal highest = BigDecimal.ZERO;
        for (ModelFacts facts : candidates) {
            BigDecimal cost = TokenCost.of(facts, inputTokens, 0, 0, 0);
            if (cost == null) {
                return null;
            }
            highest = highest.max(cost);
        }
        return highest;
    }

    private static Long outputCap(ModelFacts facts, Integer asked) {
        Integer limit = facts.maxOutputTokens();
        if (asked != null) {
            return (long) (limit == null ? asked : Math.min(asked, limit));
        }
        return limit == null ? null : (long) limit;
    }
}
