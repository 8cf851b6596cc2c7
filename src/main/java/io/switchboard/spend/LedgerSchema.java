package io.switchboard.spend;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The two tables of the ledger, for PostgreSQL and Derby: {@code spend_account} (one row per party:
 * its budget, limits, spend and what is reserved against it) and {@code spend_log} (one row per call,
 * unique by request id). Created when missing; until the governance schema's Flyway migrations carry
 * them, this is where they are defined. Money is DECIMAL(28,12): exact, and every cost is rounded to
 * 12 places once, before it is written anywhere, so sums over rows equal the counters exactly.
 */
final class LedgerSchema {
    static final int SCALE = 12;

    private LedgerSchema() {
    }

    static void create(Connection c) throws SQLException {
        boolean postgres = isPostgres(c);
        String money = "DECIMAL(28,12)";
        String flag = "SMALLINT";
        if (!exists(c, "spend_account")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE spend_account (entity_kind VARCHAR(16) NOT NULL, entity_id VARCHAR(200) NOT NULL,"
                        + " max_budget " + money + ", soft_budget " + money + ", budget_duration VARCHAR(16),"
                        + " budget_reset_at TIMESTAMP, spend " + money + " DEFAULT 0 NOT NULL, reserved " + money
                        + " DEFAULT 0 NOT NULL, soft_alerted " + flag + " DEFAULT 0 NOT NULL, rpm_limit BIGINT,"
                        + " tpm_limit BIGINT, max_parallel_requests INTEGER, PRIMARY KEY (entity_kind, entity_id))");
            } catch (SQLException raced) {
                if (!exists(c, "spend_account")) {
                    throw raced;
                }
            }
        }
        if (!exists(c, "spend_log")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE spend_log (request_id VARCHAR(128) NOT NULL PRIMARY KEY, key_id VARCHAR(200),"
                        + " team_id VARCHAR(200), user_id VARCHAR(200), org_id VARCHAR(200), end_user VARCHAR(200),"
                        + " route VARCHAR(64), model_group VARCHAR(200), deployment_id VARCHAR(200),"
                        + " provider VARCHAR(64), upstream_model VARCHAR(200), prompt_tokens BIGINT NOT NULL,"
                        + " completion_tokens BIGINT NOT NULL, cached_tokens BIGINT NOT NULL,"
                        + " reasoning_tokens BIGINT NOT NULL, cost " + money + " NOT NULL, reserved " + money
                        + " NOT NULL, started_at TIMESTAMP NOT NULL, first_token_at TIMESTAMP, ended_at TIMESTAMP NOT NULL,"
                        + " status VARCHAR(32) NOT NULL, http_status INTEGER NOT NULL, cache_hit " + flag
                        + " NOT NULL, tokens_estimated " + flag + " NOT NULL)");
                s.execute("CREATE INDEX spend_log_key ON spend_log (key_id, ended_at)");
            } catch (SQLException raced) {
                if (!exists(c, "spend_log")) {
                    throw raced;
                }
            }
        }
        if (postgres && !c.getAutoCommit()) {
            c.commit();
        }
    }

    static boolean isPostgres(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        for (String name : new String[] {table, table.toUpperCase(Locale.ROOT)}) {
            try (ResultSet rs = meta.getTables(null, null, name, new String[] {"TABLE"})) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }
}
