package io.switchboard.spend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What keeps settlement idempotent when calls leave no {@code spend_log} row
 * ({@code general_settings.disable_spend_logs}): one marker per settled batch in
 * {@code spend_settled_batch} (schema V8), written in the batch's own transaction and keyed by the
 * request id of its first record. Batches are fixed sublists of an outbox segment, so a segment settled
 * twice (a crash between the commit and the segment's delete) brings the same batches again, and each
 * is recognised by its first id. Request ids are UUIDs, unique across instances sharing the database.
 */
final class SettledBatches {
    /**
     * How long a marker is kept. A committed segment is replayed on the next flush or the next start, so
     * a week covers an instance that stays down for days; a segment older than that would count again.
     */
    static final Duration KEPT = Duration.ofDays(7);

    private SettledBatches() {
    }

    /**
     * Marks {@code batch} as settled, in the caller's transaction.
     *
     * @return true when it was not settled before; false for a replay, whose counters must not move
     */
    static boolean mark(Connection c, List<SpendRecord> batch, Instant now, boolean postgres) throws SQLException {
        String first = batch.get(0).requestId();
        // Settled while spend logs were on (the setting changed with a segment waiting): its rows are there.
        if (SpendLogRows.exists(c, first)) {
            return false;
        }
        if (!postgres && marked(c, first)) {
            return false;
        }
        // On PostgreSQL a second transaction marking the same batch waits here for the first, then skips it.
        String sql = "INSERT INTO spend_settled_batch (first_request_id, record_count, settled_at) VALUES (?, ?, ?)"
                + (postgres ? " ON CONFLICT (first_request_id) DO NOTHING" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, first);
            s.setInt(2, batch.size());
            s.setTimestamp(3, Timestamp.from(now));
            return s.executeUpdate() == 1;
        }
    }

    /** Deletes the markers of batches settled before {@code before}; returns how many. */
    static int purge(Connection c, Instant before) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM spend_settled_batch WHERE settled_at < ?")) {
            s.setTimestamp(1, Timestamp.from(before));
            return s.executeUpdate();
        }
    }

    private static boolean marked(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM spend_settled_batch WHERE first_request_id = ?")) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
