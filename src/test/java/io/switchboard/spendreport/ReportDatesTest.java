package io.switchboard.spendreport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportDatesTest {
    private static final ZoneId UTC = ZoneId.of("UTC");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void daysCoverWholeDaysWithTheEndDayIncluded() {
        ReportDates d = ReportDates.parse("2026-11-01", "2026-11-24", UTC);
        assertEquals(Instant.parse("2026-11-01T00:00:00Z"), d.from());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), d.until());
        ReportDates oneDay = ReportDates.parse("2026-11-24", "2026-11-24", UTC);
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), oneDay.until());
    }

    @Test
    void daysAreTheServersZone() {
        assertEquals(Instant.parse("2026-11-23T23:00:00Z"), ReportDates.parse("2026-11-24", null, PARIS).from());
    }

    @Test
    void timesAreTakenExactly() {
        assertEquals(Instant.parse("2026-11-24T10:15:00Z"), ReportDates.parse("2026-11-24T10:15:00Z", null, PARIS).from());
        assertEquals(Instant.parse("2026-11-24T09:15:00Z"), ReportDates.parse("2026-11-24 10:15:00", null, PARIS).from());
        assertEquals(Instant.parse("2026-11-24T08:15:00Z"), ReportDates.parse("2026-11-24T10:15:00+02:00", null, UTC).from());
        assertEquals(Instant.parse("2026-11-24T10:15:00Z"), ReportDates.parse(null, "2026-11-24T10:15:00", UTC).until());
    }

    @Test
    void missingDatesAreOpenEnded() {
        ReportDates d = ReportDates.parse(null, " ", UTC);
        assertNull(d.from());
        assertNull(d.until());
    }

    @Test
    void badDatesAre400sNamingTheParameter() {
        for (String bad : new String[] {"2026-13-01", "yesterday", "24/11/2026", "2026-02-30", "2026-11-24T25:00"}) {
            GatewayException e = assertThrows(GatewayException.class, () -> ReportDates.parse(bad, null, UTC), bad);
            assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
            assertEquals("start_date", e.param());
        }
        GatewayException end = assertThrows(GatewayException.class, () -> ReportDates.parse(null, "nope", UTC));
        assertEquals("end_date", end.param());
        GatewayException reversed = assertThrows(GatewayException.class,
                () -> ReportDates.parse("2026-11-24", "2026-11-01", UTC));
        assertEquals("start_date", reversed.param());
    }

    @Test
    void theReportDefaultsToTheLastThirtyDaysThroughToday() {
        ReportDates d = ReportDates.parseWithDefault(null, null, UTC, 30, LocalDate.of(2026, 11, 24));
        assertEquals(Instant.parse("2026-10-26T00:00:00Z"), d.from());
        assertEquals(Instant.parse("2026-11-25T00:00:00Z"), d.until());
        ReportDates fromOnly = ReportDates.parseWithDefault("2026-11-20", null, UTC, 30, LocalDate.of(2026, 11, 24));
        assertEquals(Instant.parse("2026-11-20T00:00:00Z"), fromOnly.from());
        assertThrows(GatewayException.class,
                () -> ReportDates.parseWithDefault("2026-12-01", null, UTC, 30, LocalDate.of(2026, 11, 24)));
    }
}
