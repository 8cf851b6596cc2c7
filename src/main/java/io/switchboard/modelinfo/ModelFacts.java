package io.switchboard.modelinfo;

import java.math.BigDecimal;

/**
 * What is known about one model; every field may be null when unknown. Prices are US dollars per
 * token as exact decimals (never {@code double}: spend is summed over millions of calls).
 *
 * @param cacheReadInputCostPerToken  LiteLLM's {@code cache_read_input_token_cost}: the price of a prompt
 *                                    token served from the provider's prompt cache
 * @param outputCostPerReasoningToken LiteLLM's {@code output_cost_per_reasoning_token}, for the few models
 *                                    that price reasoning apart from visible output
 */
public record ModelFacts(Integer maxInputTokens, Integer maxOutputTokens, BigDecimal inputCostPerToken,
                         BigDecimal outputCostPerToken, String mode, BigDecimal cacheReadInputCostPerToken,
                         BigDecimal outputCostPerReasoningToken) {

    public static final ModelFacts UNKNOWN = new ModelFacts(null, null, null, null, null);

    /** Facts without the cached-input and reasoning prices. */
    public ModelFacts(Integer maxInputTokens, Integer maxOutputTokens, BigDecimal inputCostPerToken,
                      BigDecimal outputCostPerToken, String mode) {
        this(maxInputTokens, maxOutputTokens, inputCostPerToken, outputCostPerToken, mode, null, null);
    }

    /** These facts with every non-null field of {@code override} taking precedence. */
    public ModelFacts overriddenBy(ModelFacts override) {
        return new ModelFacts(
                override.maxInputTokens != null ? override.maxInputTokens : maxInputTokens,
                override.maxOutputTokens != null ? override.maxOutputTokens : maxOutputTokens,
                override.inputCostPerToken != null ? override.inputCostPerToken : inputCostPerToken,
                override.outputCostPerToken != null ? override.outputCostPerToken : outputCostPerToken,
                override.mode != null ? override.mode : mode,
                override.cacheReadInputCostPerToken != null ? override.cacheReadInputCostPerToken
                        : cacheReadInputCostPerToken,
                override.outputCostPerReasoningToken != null ? override.outputCostPerReasoningToken
                        : outputCostPerReasoningToken);
    }
}
