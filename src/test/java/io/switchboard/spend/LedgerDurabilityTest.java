package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.access.Limits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * What the ledger asks the database to keep on disk before it goes on. On PostgreSQL a reservation is not
 * flushed (the next call of the same key would wait a WAL flush behind it, issue 7), while a settlement is:
 * its outbox segment is deleted once the commit returns. A reservation lost with a crashed database can
 * then never leave a party's reserved amount below zero.
 */
class LedgerDurabilityTest {
    private static final Payer.Entity KEY = new Payer.Entity(Payer.Kind.KEY, "key-d");
    private static final BigDecimal MAX_COST = new BigDecimal("0.01");

    @Test
    void onPostgresReservationsAreNotFlushedButSettlementsAre() throws Exception {
        onFreshPostgres(db -> {
            DataSource gateways = SpendDatabase.from("postgresql://postgres@127.0.0.1:5432/" + db, 2);
            try (Connection c = gateways.getConnection()) {
                assertEquals("off", synchronousCommit(c), "the ledger's sessions: reservations commit without a flush");
            }
            List<String> atCommit = new CopyOnWriteArrayList<>();
            Ledger ledger = new Ledger(settingAtCommit(gateways, atCommit));
            account(gateways, "1.00");
            reserve(ledger);
            atCommit.clear();
            ledger.settle(List.of(record(MAX_COST, "0.004")));
            assertEquals(List.of("on"), atCommit, "a settlement's commit waits for its flush to disk");
        });
    }

    /** A jdbc: URL's own session options are kept next to the ledger's. */
    @Test
    void aJdbcUrlKeepsItsOwnOptions() throws Exception {
        onFreshPostgres(db -> {
            DataSource gateways = SpendDatabase.from("jdbc:postgresql://127.0.0.1:5432/" + db
                    + "?user=postgres&options=-c%20statement_timeout%3D7000", 1);
            try (Connection c = gateways.getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW statement_timeout")) {
                rs.next();
                assertEquals("7s", rs.getString(1));
                assertEquals("off", synchronousCommit(c));
            }
        });
    }

    @Test
    void postgresNeverLeavesLessThanNothingReserved() throws Exception {
        onFreshPostgres(db -> aSettlementWhoseReservationWasLostReleasesOnlyWhatIsThere(
                new ConnectionPool(TestDatabases.postgres(db), 2)));
    }

    @Test
    void derbyNeverLeavesLessThanNothingReserved() throws Exception {
        aSettlementWhoseReservationWasLostReleasesOnlyWhatIsThere(
                TestDatabases.derby(Files.createTempDirectory("ledger-durability").resolve("db").toString()));
    }

    /**
     * Two calls settle, but the database lost one reservation (committed without a flush just before it
     * crashed): the spend of both is counted, and reserved ends at zero instead of -$0.01, which would have
     * given the key a cent more than its budget.
     */
    private static void aSettlementWhoseReservationWasLostReleasesOnlyWhatIsThere(DataSource ds) throws Exception {
        Ledger ledger = new Ledger(ds);
        account(ds, "1.00");
        reserve(ledger);
        ledger.settle(List.of(record(MAX_COST, "0.004"), record(MAX_COST, "0.003")));
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT spend, reserved FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
            s.setString(1, KEY.kind().column());
            s.setString(2, KEY.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertEquals(0, new BigDecimal("0.007").compareTo(rs.getBigDecimal(1)), "spend");
                assertEquals(0, rs.getBigDecimal(2).signum(), "reserved " + rs.getBigDecimal(2));
            }
        }
    }

    private static void reserve(Ledger ledger) throws SQLException {
        assertNull(ledger.reserve(List.of(ledger.accounts(List.of(KEY)).get(KEY)), MAX_COST, Instant.now()));
    }

    private static SpendRecord record(BigDecimal reserved, String cost) {
        return new SpendRecord(UUID.randomUUID().toString(), Map.of(KEY.scope(), reserved), "chat.completions", "m",
                "d", "openai", "gpt", 10, 10, 0, 0, new BigDecimal(cost), Instant.now(), null, Instant.now(),
                "SUCCESS", 200, false, false);
    }

    private static void account(DataSource ds, String max) throws SQLException {
        new Ledger(ds).declare(KEY, new Limits(new BigDecimal(max), null, null, null, null, null, Map.of(), Map.of(),
                Map.of()));
    }

    private static String synchronousCommit(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void onFreshPostgres(PostgresTest test) throws Exception {
        String db = TestDatabases.createPostgres();
        try {
            test.run(db);
        } finally {
            TestDatabases.dropPostgres(db);
        }
    }

    private interface PostgresTest {
        void run(String database) throws Exception;
    }

    /** {@code target}, recording the session's synchronous_commit just before each commit. */
    private static DataSource settingAtCommit(DataSource target, List<String> seen) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(LedgerDurabilityTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    if (!(result instanceof Connection c)) {
                        return result;
                    }
                    return java.lang.reflect.Proxy.newProxyInstance(LedgerDurabilityTest.class.getClassLoader(),
                            new Class<?>[] {Connection.class}, (p, m, a) -> {
                                if (m.getName().equals("commit")) {
                                    seen.add(synchronousCommit(c));
                                }
                                try {
                                    return m.invoke(c, a);
                                } catch (java.lang.reflect.InvocationTargetException e) {
                                    throw e.getCause();
                                }
                            });
                });
    }
}
