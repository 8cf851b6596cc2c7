package io.switchboard.spend;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

/** Writes {@code spend_log} rows, once per request id. */
final class SpendLogRows {
    private static final String COLUMNS = "request_id, key_id, team_id, user_id, org_id, end_user, route, model_group,"
            + " deployment_id, provider, upstream_model, prompt_tokens, completion_tokens, cached_tokens,"
            + " reasoning_tokens, cost, reserved, started_at, first_token_at, ended_at, status, http_status, cache_hit,"
            + " tokens_estimated";

    private SpendLogRows() {
    }

    /** Whether the call {@code requestId} has its row already. */
    static boolean exists(Connection c, String requestId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM spend_log WHERE request_id = ?")) {
            s.setString(1, requestId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** @return true when the row was written, false when a row with its request id already was */
    static boolean insert(Connection c, SpendRecord r, boolean postgres) throws SQLException {
        if (!postgres && exists(c, r.requestId())) {
            return false;
        }
        String sql = "INSERT INTO spend_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?, ?, ?)" + (postgres ? " ON CONFLICT (request_id) DO NOTHING" : "");
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, r.requestId());
            s.setString(i++, r.party(Payer.Kind.KEY));
            s.setString(i++, r.party(Payer.Kind.TEAM));
            s.setString(i++, r.party(Payer.Kind.USER));
            s.setString(i++, r.party(Payer.Kind.ORGANIZATION));
            s.setString(i++, r.party(Payer.Kind.END_USER));
            s.setString(i++, r.route());
            s.setString(i++, r.modelGroup());
            s.setString(i++, r.deploymentId());
            s.setString(i++, r.provider());
            s.setString(i++, r.upstreamModel());
            s.setLong(i++, r.promptTokens());
            s.setLong(i++, r.completionTokens());
            s.setLong(i++, r.cachedTokens());
            s.setLong(i++, r.reasoningTokens());
            s.setBigDecimal(i++, Ledger.round(r.cost()));
            s.setBigDecimal(i++, Ledger.round(r.totalReserved()));
            s.setTimestamp(i++, Timestamp.from(r.startedAt()));
            setInstant(s, i++, r.firstTokenAt());
            s.setTimestamp(i++, Timestamp.from(r.endedAt()));
            s.setString(i++, r.status());
            s.setInt(i++, r.httpStatus());
            s.setShort(i++, (short) (r.cacheHit() ? 1 : 0));
            s.setShort(i, (short) (r.tokensEstimated() ? 1 : 0));
            return s.executeUpdate() == 1;
        }
    }

    private static void setInstant(PreparedStatement s, int i, Instant t) throws SQLException {
        if (t == null) {
            s.setNull(i, Types.TIMESTAMP);
        } else {
            s.setTimestamp(i, Timestamp.from(t));
        }
    }
}
