package io.switchboard.spend;

import java.time.Duration;
import java.util.Locale;

/** LiteLLM's {@code budget_duration}: a number and a unit, {@code s}, {@code m}, {@code h}, {@code d} (e.g. {@code 30d}). */
public final class BudgetDuration {
    private BudgetDuration() {
    }

    /** The length, or null when the text is not a duration. */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.length() < 2) {
            return null;
        }
        long n;
        try {
            n = Long.parseLong(t.substring(0, t.length() - 1));
        } catch (NumberFormatException e) {
            return null;
        }
        if (n <= 0) {
            return null;
        }
        return switch (t.charAt(t.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> null;
        };
    }
}
