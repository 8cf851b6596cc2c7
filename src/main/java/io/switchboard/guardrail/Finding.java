package io.switchboard.guardrail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Something a check found in a text: where, and what kind ({@code EMAIL_ADDRESS}, {@code aws_access_key}).
 *
 * @param action what the guardrail's settings say to do with this kind
 */
public record Finding(int start, int end, String kind, Action action) {

    public enum Action {
        MASK,
        BLOCK
    }

    /**
     * Replaces the findings in {@code text}, earliest first; a finding overlapping an earlier one is
     * dropped (the earlier, or at the same start the longer, wins).
     */
    public static String replace(String text, List<Finding> findings, Function<Finding, String> replacement) {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort(Comparator.comparingInt(Finding::start).thenComparing(f -> -(f.end() - f.start())));
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        for (Finding f : sorted) {
            if (f.start() < at) {
                continue;
            }
            out.append(text, at, f.start()).append(replacement.apply(f));
            at = f.end();
        }
        return out.append(text, at, text.length()).toString();
    }
}
