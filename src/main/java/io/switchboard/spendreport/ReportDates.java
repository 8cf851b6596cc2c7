package io.switchboard.spendreport;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/**
 * The {@code start_date} and {@code end_date} of the spend routes, as a half-open range of instants.
 * LiteLLM sends days ({@code 2026-11-24}); an end day is inclusive (the whole day counts). Times are
 * taken too: an ISO-8601 instant ({@code 2026-11-24T10:00:00Z}) exactly, a local date-time
 * ({@code 2026-11-24T10:00:00} or {@code 2026-11-24 10:00:00}) in the server's zone, which is the zone
 * the ledger writes its timestamps in. Anything else is a 400 naming the parameter.
 *
 * @param from  first instant included, or null for no lower bound
 * @param until first instant excluded, or null for no upper bound
 */
record ReportDates(Instant from, Instant until) {

    static ReportDates parse(String start, String end, ZoneId zone) {
        Instant from = start == null || start.isBlank() ? null : instant(start.trim(), "start_date", zone, false);
        Instant until = end == null || end.isBlank() ? null : instant(end.trim(), "end_date", zone, true);
        if (from != null && until != null && !from.isBefore(until)) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "start_date must be before end_date.",
                    "start_date", "invalid_date");
        }
        return new ReportDates(from, until);
    }

    /** As {@link #parse}, with a missing start {@code days} before the end and a missing end today (inclusive). */
    static ReportDates parseWithDefault(String start, String end, ZoneId zone, int days, LocalDate today) {
        ReportDates given = parse(start, end, zone);
        Instant until = given.until != null ? given.until : today.plusDays(1).atStartOfDay(zone).toInstant();
        Instant from = given.from != null ? given.from
                : until.atZone(zone).toLocalDate().minusDays(days).atStartOfDay(zone).toInstant();
        if (!from.isBefore(until)) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "start_date must be before end_date.",
                    "start_date", "invalid_date");
        }
        return new ReportDates(from, until);
    }

    private static Instant instant(String text, String field, ZoneId zone, boolean endOfRange) {
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text.replace(' ', 'T')).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, field + " must be a date such as 2026-11-24"
                    + " (or an ISO-8601 date-time).", field, "invalid_date");
        }
    }
}
