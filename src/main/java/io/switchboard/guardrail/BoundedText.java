package io.switchboard.guardrail;

/**
 * A text that regular expressions may read only so many times: each {@code charAt} spends one step of a
 * budget proportional to the text's length, and an exhausted budget throws. java.util.regex backtracks,
 * so a pattern with nested quantifiers can take exponential time on a crafted prompt; reading through
 * this wrapper turns that into a bounded, failed check instead of a request thread spinning for minutes.
 * Built-in patterns are written to stay linear; the bound matters for operator-written regexes.
 */
public final class BoundedText implements CharSequence {
    /** Reads allowed per character of text, plus a fixed allowance for short texts. */
    static final long STEPS_PER_CHAR = 200;
    static final long BASE_STEPS = 1_000_000;

    private final CharSequence text;
    private final int offset;
    private final int length;
    private final long[] budget;

    private BoundedText(CharSequence text, int offset, int length, long[] budget) {
        this.text = text;
        this.offset = offset;
        this.length = length;
        this.budget = budget;
    }

    public static BoundedText of(CharSequence text) {
        return new BoundedText(text, 0, text.length(), new long[] {BASE_STEPS + STEPS_PER_CHAR * text.length()});
    }

    /** Thrown when a check has read the text more often than its budget allows. */
    public static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("guardrail check exceeded its CPU budget", null, false, false);
        }
    }

    @Override
    public char charAt(int index) {
        if (--budget[0] < 0) {
            throw new BudgetExceeded();
        }
        return text.charAt(offset + index);
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BoundedText(text, offset + start, end - start, budget);
    }

    @Override
    public String toString() {
        return text.subSequence(offset, offset + length).toString();
    }
}
