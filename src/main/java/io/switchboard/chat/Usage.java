package io.switchboard.chat;

import io.switchboard.call.TokenCounts;

/**
 * Token counts of one call. The detail counts are zero when the provider does not report them.
 *
 * @param cachedTokens    prompt tokens served from the provider's prompt cache
 * @param reasoningTokens completion tokens spent on reasoning
 */
public record Usage(int promptTokens, int completionTokens, int totalTokens, int cachedTokens, int reasoningTokens) {

    public static Usage of(int promptTokens, int completionTokens) {
        return new Usage(promptTokens, completionTokens, promptTokens + completionTokens, 0, 0);
    }

    /** The counts as spend and metrics read them; a missing usage counts as none. */
    public static TokenCounts counts(Usage usage) {
        return usage == null ? TokenCounts.NONE
                : new TokenCounts(usage.promptTokens, usage.completionTokens, usage.cachedTokens, usage.reasoningTokens);
    }
}
