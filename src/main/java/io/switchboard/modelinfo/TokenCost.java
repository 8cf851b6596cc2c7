package io.switchboard.modelinfo;

import java.math.BigDecimal;

/**
 * The price of a number of tokens at a model's per-token prices, exact to the last digit of the
 * table (LiteLLM's prices are decimal fractions of a dollar such as {@code 1.5e-07}; BigDecimal keeps
 * them exact where {@code double} would drift over millions of calls).
 */
public final class TokenCost {
    private TokenCost() {
    }

    /**
     * The cost of one call, or null when the model has no price for a kind of token it used (an
     * unpriced model is never silently free).
     *
     * @param input       prompt tokens, cached ones included
     * @param cachedInput prompt tokens read from the provider's prompt cache (priced at
     *                    {@code cache_read_input_token_cost} when the table has one, else as input)
     * @param output      completion tokens, reasoning ones included
     * @param reasoning   reasoning tokens (priced at {@code output_cost_per_reasoning_token} when the
     *                    table has one, else as output, which is how OpenAI bills them)
     */
    public static BigDecimal of(ModelFacts facts, long input, long cachedInput, long output, long reasoning) {
        BigDecimal inputPrice = facts.inputCostPerToken();
        BigDecimal outputPrice = facts.outputCostPerToken();
        if ((input > 0 && inputPrice == null) || (output > 0 && outputPrice == null)) {
            return null;
        }
        long cached = Math.min(Math.max(cachedInput, 0), Math.max(input, 0));
        long reasoned = Math.min(Math.max(reasoning, 0), Math.max(output, 0));
        BigDecimal cachedPrice = facts.cacheReadInputCostPerToken() != null ? facts.cacheReadInputCostPerToken()
                : inputPrice;
        BigDecimal reasoningPrice = facts.outputCostPerReasoningToken() != null ? facts.outputCostPerReasoningToken()
                : outputPrice;
        BigDecimal cost = BigDecimal.ZERO;
        cost = cost.add(times(inputPrice, Math.max(input, 0) - cached));
        cost = cost.add(times(cachedPrice, cached));
        cost = cost.add(times(outputPrice, Math.max(output, 0) - reasoned));
        cost = cost.add(times(reasoningPrice, reasoned));
        return cost;
    }

    private static BigDecimal times(BigDecimal price, long tokens) {
        return tokens == 0 || price == null ? BigDecimal.ZERO : price.multiply(BigDecimal.valueOf(tokens));
    }
}
