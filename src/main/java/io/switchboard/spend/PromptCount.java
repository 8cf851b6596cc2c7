package io.switchboard.spend;

import java.util.function.LongSupplier;

/**
 * A call's prompt tokens, counted the first time something needs them, and once. Only a TPM window, a
 * budget reservation or a stream that ended without usage needs the count; a call with none of them
 * never tokenizes its prompt, and a gateway whose calls never do never loads the o200k table (about
 * 27 MB of heap; issue 7).
 */
public final class PromptCount {
    private final LongSupplier counter;
    private long tokens = -1;

    public PromptCount(LongSupplier counter) {
        this.counter = counter;
    }

    /** Already known, as when a test or a caller has the figure at hand. */
    public static PromptCount of(long tokens) {
        PromptCount count = new PromptCount(() -> tokens);
        count.tokens = tokens;
        return count;
    }

    /** Synchronized: the call's end may ask on another thread than its admission. */
    public synchronized long tokens() {
        if (tokens < 0) {
            tokens = counter.getAsLong();
        }
        return tokens;
    }
}
