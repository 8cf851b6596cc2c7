package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class SpendOutboxTest {
    private static SpendRecord record(String id, String cost) {
        return new SpendRecord(id, Map.of("key:master-key", new BigDecimal("0.01"), "end_user:u", BigDecimal.ZERO),
                "chat.completions", "m", "d", "openai", "gpt-4o-mini", 12, 34, 5, 6, new BigDecimal(cost),
                Instant.parse("2026-11-24T10:00:00Z"), null, Instant.parse("2026-11-24T10:00:01Z"),
                "CLIENT_DISCONNECTED", 200, false, true);
    }

    @Test
    void recordsSurviveTheRoundTripExactly() throws Exception {
        SpendOutbox outbox = new SpendOutbox(Files.createTempDirectory("outbox"), 1 << 20);
        SpendRecord r = record("req-1", "0.000000075");
        outbox.append(r);
        outbox.seal();
        List<Path> sealed = outbox.sealed();
        assertEquals(1, sealed.size());
        assertEquals(List.of(r), SpendOutbox.read(sealed.get(0)));
    }

    @Test
    void recordsWithAbsentFieldsAndNonAsciiTextSurviveTheRoundTrip() throws Exception {
        SpendOutbox outbox = new SpendOutbox(Files.createTempDirectory("outbox"), 1 << 20);
        SpendRecord r = new SpendRecord("req-\u00e9\u4e2d\"q", Map.of(), "chat.completions", "gr\u00fcn", null, null,
                null, 0, 0, 0, 0, new BigDecimal("1E-12"), Instant.parse("2026-11-24T10:00:00.123456789Z"),
                Instant.parse("2026-11-24T10:00:00.5Z"), Instant.parse("2026-11-24T10:00:01Z"), "SUCCESS", 200,
                true, false);
        outbox.append(r);
        outbox.seal();
        assertEquals(List.of(r), SpendOutbox.read(outbox.sealed().get(0)));
    }

    @Test
    void theFlusherIsHandedSealedRecordsFromMemoryNotReadBackFromDisk() throws Exception {
        Path dir = Files.createTempDirectory("outbox");
        SpendOutbox outbox = new SpendOutbox(dir, 1 << 20);
        SpendRecord a = record("req-1", "0.1");
        SpendRecord b = record("req-2", "0.2");
        outbox.append(a);
        outbox.append(b);
        outbox.seal();
        Path segment = outbox.sealed().get(0);
        Files.writeString(segment, ""); // were the file read, the flusher would get nothing
        assertEquals(List.of(a, b), outbox.records(segment));
        // the next start has only the file
        assertEquals(List.of(), new SpendOutbox(dir, 1 << 20).records(segment));
    }

    @Test
    void segmentsBeyondTheInMemoryBoundAreReadFromDisk() throws Exception {
        Path dir = Files.createTempDirectory("outbox");
        SpendOutbox outbox = new SpendOutbox(dir, 1 << 20, 2);
        SpendRecord a = record("req-1", "0.1");
        SpendRecord b = record("req-2", "0.2");
        outbox.append(a);
        outbox.append(b);
        outbox.seal();
        outbox.append(record("req-3", "0.3")); // a third record held would pass the bound of two
        outbox.seal();
        List<Path> sealed = outbox.sealed();
        assertEquals(2, sealed.size());
        Files.writeString(sealed.get(0), "");
        assertEquals(List.of(a, b), outbox.records(sealed.get(0)), "held: within the bound");
        assertEquals(List.of(record("req-3", "0.3")), outbox.records(sealed.get(1)), "read back from its file");
        outbox.delete(sealed.get(0));
        outbox.append(record("req-4", "0.4")); // the deleted segment's records no longer count against the bound
        outbox.seal();
        Path third = outbox.sealed().get(1);
        Files.writeString(third, "");
        assertEquals(List.of(record("req-4", "0.4")), outbox.records(third));
    }

    @Test
    void fullnessIsCountedInMemoryAndFallsWhenASettledSegmentIsDeleted() throws Exception {
        Path dir = Files.createTempDirectory("outbox");
        SpendOutbox outbox = new SpendOutbox(dir, 600);
        outbox.append(record("req-1", "0.1"));
        assertEquals(Files.size(dir.resolve(Files.list(dir).findFirst().orElseThrow().getFileName())),
                outbox.pendingBytes());
        outbox.append(record("req-2", "0.1"));
        assertTrue(outbox.full(), "two records exceed the 600-byte bound: " + outbox.pendingBytes());
        outbox.seal();
        for (Path segment : outbox.sealed()) {
            outbox.delete(segment);
        }
        assertEquals(0, outbox.pendingBytes());
        assertTrue(!outbox.full());
        // a segment removed behind the outbox's back (as the flusher used to race the size check) is no error
        outbox.delete(dir.resolve("spend-0000000000000000099.jsonl"));
        assertEquals(0, outbox.pendingBytes());
    }

    @Test
    void theNextStartCountsWhatAnEarlierRunLeft() throws Exception {
        Path dir = Files.createTempDirectory("outbox");
        SpendOutbox before = new SpendOutbox(dir, 1 << 20);
        before.append(record("req-a", "0.5"));
        before.seal();
        long left = before.pendingBytes();
        assertTrue(left > 0);
        assertEquals(left, new SpendOutbox(dir, 1 << 20).pendingBytes());
    }

    @Test
    void aSegmentLeftByACrashIsReplayedOnceIntoTheDatabase() throws Exception {
        Path dir = Files.createTempDirectory("outbox");
        SpendOutbox before = new SpendOutbox(dir, 1 << 20);
        before.append(record("req-a", "0.5"));
        before.append(record("req-b", "0.25"));
        before.seal();
        // a tear at the end of the file, as a crash mid-write leaves it
        Files.writeString(before.sealed().get(0), "{\"request_id\":\"req-c\",\"rese", java.nio.file.StandardOpenOption.APPEND);
        DataSource ds = TestDatabases.derby(Files.createTempDirectory("ledger").resolve("db").toString());
        Ledger ledger = new Ledger(ds);
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO spend_account (entity_kind, entity_id, max_budget, reserved) VALUES ('key', 'master-key', 10, 0.02)");
        }
        SpendOutbox after = new SpendOutbox(dir, 1 << 20); // the next start finds the segment
        List<SpendRecord> rows = SpendOutbox.read(after.sealed().get(0));
        assertEquals(2, rows.size());
        ledger.settle(rows);
        ledger.settle(rows); // the crash came between commit and delete: replayed
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT spend, reserved FROM spend_account WHERE entity_id = 'master-key'")) {
            assertTrue(rs.next());
            assertEquals(0, new BigDecimal("0.75").compareTo(rs.getBigDecimal(1)));
            assertEquals(0, rs.getBigDecimal(2).signum());
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*), SUM(cost) FROM spend_log")) {
            rs.next();
            assertEquals(2, rs.getInt(1));
            assertEquals(0, new BigDecimal("0.75").compareTo(rs.getBigDecimal(2)));
        }
    }
}
