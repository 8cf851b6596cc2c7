package io.switchboard.admin;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.governance.LimitColumns;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * Checks the budget and limit columns that keys, teams and users share, so a client mistake is a 400
 * naming the field and never reaches the database as a constraint violation (a 500).
 */
final class LimitFields {
    private LimitFields() {
    }

    static void requireValid(LimitColumns row) {
        nonNegative(row.maxBudget, "max_budget");
        nonNegative(row.softBudget, "soft_budget");
        nonNegative(row.tpmLimit, "tpm_limit");
        nonNegative(row.rpmLimit, "rpm_limit");
        nonNegative(row.maxParallelRequests, "max_parallel_requests");
        if (row.budgetDuration != null) {
            parseDuration(row.budgetDuration, "budget_duration");
        }
    }

    static <T extends Number & Comparable<T>> T nonNegative(T value, String field) {
        if (value != null && (value instanceof BigDecimal d ? d.signum() < 0 : value.longValue() < 0)) {
            throw AdminErrors.invalid(field, field + " must not be negative.");
        }
        return value;
    }

    /** LiteLLM's durations: {@code 30s}, {@code 15m}, {@code 1h}, {@code 30d}. */
    static Duration parseDuration(String text, String field) {
        if (text != null && text.matches("[1-9][0-9]{0,6}[smhd]")) {
            long n = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        throw new GatewayException(ErrorKind.INVALID_REQUEST,
                field + " must look like 30s, 15m, 1h or 30d.", field, "invalid_duration");
    }
}
