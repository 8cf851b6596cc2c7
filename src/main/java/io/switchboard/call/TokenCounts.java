package io.switchboard.call;

/**
 * Token usage of a call as the provider reported it (zero where it reported nothing).
 *
 * @param input       prompt tokens, cached ones included
 * @param output      completion tokens, reasoning ones included
 * @param cachedInput prompt tokens served from the provider's prompt cache
 * @param reasoning   completion tokens spent on reasoning
 */
public record TokenCounts(long input, long output, long cachedInput, long reasoning) {
    public static final TokenCounts NONE = new TokenCounts(0, 0, 0, 0);

    public long total() {
        return input + output;
    }
}
