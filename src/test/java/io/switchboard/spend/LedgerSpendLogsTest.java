package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Settlement with spend logs on and off ({@code general_settings.disable_spend_logs}), on Derby and
 * PostgreSQL migrated to the latest schema: the same spend and released reservations for every party
 * either way, one {@code spend_log} row per call or one marker per batch, and a replayed batch counted once.
 */
class LedgerSpendLogsTest {
    private static final Payer.Entity KEY = new Payer.Entity(Payer.Kind.KEY, "key-1");
    private static final Payer.Entity TEAM = new Payer.Entity(Payer.Kind.TEAM, "team-1");
    private static final BigDecimal MAX_COST = new BigDecimal("0.01");

    @ParameterizedTest(name = "{0}, spend logs {1}")
    @CsvSource({"derby, true", "derby, false", "postgresql, true", "postgresql, false"})
    void spendIsSettledTheSameWithOrWithoutRows(String dialect, boolean spendLogs) throws Exception {
        withDatabase(dialect, ds -> {
            Ledger ledger = new Ledger(ds, spendLogs);
            List<SpendRecord> batch = reserveAndFinish(ledger, ds, "0.004", "0.003", "0.0021");

            assertEquals(List.of(KEY), ledger.settle(batch), "the key's soft budget of $0.005 is crossed once");
            assertSettled(ds, "0.0091");
            assertEquals(spendLogs ? 3 : 0, count(ds, "spend_log"));
            assertEquals(spendLogs ? 0 : 1, count(ds, "spend_settled_batch"));

            assertEquals(List.of(), ledger.settle(batch), "an outbox replay");
            assertSettled(ds, "0.0091");
            assertEquals(spendLogs ? 3 : 0, count(ds, "spend_log"));
            assertEquals(spendLogs ? 0 : 1, count(ds, "spend_settled_batch"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void aBatchSettledWithLogsOnIsNotCountedAgainAfterTheyAreSwitchedOff(String dialect) throws Exception {
        withDatabase(dialect, ds -> {
            List<SpendRecord> batch = reserveAndFinish(new Ledger(ds, true), ds, "0.002", "0.003");
            new Ledger(ds, true).settle(batch);
            new Ledger(ds, false).settle(batch); // a crash before the segment's delete, and a restart with logs off
            assertSettled(ds, "0.005");
            assertEquals(2, count(ds, "spend_log"));
            assertEquals(0, count(ds, "spend_settled_batch"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"derby", "postgresql"})
    void markersOlderThanTheCutOffAreDeleted(String dialect) throws Exception {
        withDatabase(dialect, ds -> {
            Ledger ledger = new Ledger(ds, false);
            ledger.settle(reserveAndFinish(ledger, ds, "0.001"));
            assertEquals(0, ledger.purgeSettledBatches(Instant.now().minus(SettledBatches.KEPT)));
            assertEquals(1, count(ds, "spend_settled_batch"));
            assertEquals(1, ledger.purgeSettledBatches(Instant.now().plus(Duration.ofMinutes(1))));
            assertEquals(0, count(ds, "spend_settled_batch"));
        });
    }

    /** One call per cost: each reserves $0.01 from the key (budget $1, soft $0.005); returns their records. */
    private static List<SpendRecord> reserveAndFinish(Ledger ledger, DataSource ds, String... costs)
            throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO spend_account (entity_kind, entity_id, max_budget, soft_budget)"
                    + " VALUES ('key', 'key-1', 1.00, 0.005)");
        }
        List<SpendRecord> batch = new ArrayList<>();
        for (String cost : costs) {
            Account key = ledger.accounts(List.of(KEY)).get(KEY);
            assertNull(ledger.reserve(List.of(key), MAX_COST, Instant.now()));
            batch.add(new SpendRecord(UUID.randomUUID().toString(), Map.of(KEY.scope(), MAX_COST,
                    TEAM.scope(), BigDecimal.ZERO), "chat.completions", "m", "d", "openai", "gpt", 10, 10, 0, 0,
                    new BigDecimal(cost), Instant.now(), null, Instant.now(), "SUCCESS", 200, false, false));
        }
        return batch;
    }

    /** Both parties carry the calls' cost and nothing stays reserved. */
    private static void assertSettled(DataSource ds, String spend) throws SQLException {
        for (Payer.Entity e : List.of(KEY, TEAM)) {
            assertEquals(0, new BigDecimal(spend).compareTo(decimal(ds, "spend", e)), e + " spend");
            assertEquals(0, decimal(ds, "reserved", e).signum(), e + " reserved");
        }
    }

    private static BigDecimal decimal(DataSource ds, String column, Payer.Entity e) throws SQLException {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement("SELECT " + column
                + " FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
            s.setString(1, e.kind().column());
            s.setString(2, e.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    private static long count(DataSource ds, String table) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A fresh database of {@code dialect} at the latest schema version, as the gateway migrates it. */
    private static void withDatabase(String dialect, DatabaseTest test) throws Exception {
        String pg = dialect.equals("postgresql") ? TestDatabases.createPostgres() : null;
        try {
            DataSource ds = pg != null ? TestDatabases.postgres(pg)
                    : TestDatabases.derby(Files.createTempDirectory("ledger-logs").resolve("db").toString());
            Flyway.configure(LedgerSpendLogsTest.class.getClassLoader()).dataSource(ds)
                    .locations("classpath:sql/" + dialect).javaMigrations(new LedgerMigration()).load().migrate();
            test.run(ds);
        } finally {
            if (pg != null) {
                TestDatabases.dropPostgres(pg);
            }
        }
    }

    private interface DatabaseTest {
        void run(DataSource ds) throws Exception;
    }
}
