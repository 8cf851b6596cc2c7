package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A reservation against a party's budget window, on PostgreSQL (through the gateway's pool) and on Derby:
 * a window that has ended is reset by the reservation that finds it, one that has not is left alone, and
 * a call charged to several parties reserves from all of them or from none.
 */
class LedgerReservationTest {
    private static final Payer.Entity KEY = new Payer.Entity(Payer.Kind.KEY, "hash-r");
    private static final Payer.Entity TEAM = new Payer.Entity(Payer.Kind.TEAM, "team-r");
    private static final BigDecimal CALL = new BigDecimal("0.40");

    @Test
    void postgres() throws Exception {
        String db = TestDatabases.createPostgres();
        try {
            DataSource ds = new ConnectionPool(TestDatabases.postgres(db), 4);
            all(ds);
        } finally {
            TestDatabases.dropPostgres(db);
        }
    }

    @Test
    void derby() throws Exception {
        all(TestDatabases.derby(Files.createTempDirectory("ledger-reservation").resolve("db").toString()));
    }

    private static void all(DataSource ds) throws Exception {
        Ledger ledger = new Ledger(ds);
        anEndedWindowIsResetByTheReservationThatFindsIt(ds, ledger);
        aWindowNotEndedKeepsItsSpend(ds, ledger);
        aCallChargedToTwoPartiesReservesFromBothOrNeither(ds, ledger);
        theUsualReservationIsOneStatementWithoutATransaction(ds);
    }

    /** One party, its window running: one UPDATE and no commit (it was a reset check, the UPDATE and a commit). */
    private static void theUsualReservationIsOneStatementWithoutATransaction(DataSource ds) throws Exception {
        java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        DataSource counted = counting(ds, calls);
        Ledger ledger = new Ledger(counted);
        account(ds, KEY, "1.00", "0.00", "30d", Instant.now().plus(Duration.ofDays(30)));
        Account read = ledger.accounts(List.of(KEY)).get(KEY);
        calls.clear();
        assertNull(ledger.reserve(List.of(read), CALL, Instant.now()));
        assertEquals(List.of("prepareStatement", "executeUpdate"), calls.stream()
                .filter(m -> m.equals("prepareStatement") || m.startsWith("execute") || m.equals("commit")
                        || m.equals("setAutoCommit")).toList());
        assertEquals("0.00/0.40", spendAndReserved(ds, KEY));
    }

    /** The data source, recording the JDBC calls made on its connections and their statements. */
    private static DataSource counting(DataSource target, java.util.List<String> calls) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(LedgerReservationTest.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    Object result = method.invoke(target, args);
                    return result instanceof Connection c ? recording(c, Connection.class, calls) : result;
                });
    }

    private static <T> T recording(T target, Class<T> type, java.util.List<String> calls) {
        return type.cast(java.lang.reflect.Proxy.newProxyInstance(LedgerReservationTest.class.getClassLoader(),
                new Class<?>[] {type}, (proxy, method, args) -> {
                    calls.add(method.getName());
                    Object result;
                    try {
                        result = method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                    return result instanceof PreparedStatement s ? recording(s, PreparedStatement.class, calls) : result;
                }));
    }

    private static void anEndedWindowIsResetByTheReservationThatFindsIt(DataSource ds, Ledger ledger) throws Exception {
        Instant now = Instant.now();
        account(ds, KEY, "1.00", "0.90", "1d", now.minusSeconds(1));
        Account read = ledger.accounts(List.of(KEY)).get(KEY);
        assertNull(ledger.reserve(List.of(read), CALL, now), "the spent window ended: the call fits the new one");
        assertEquals("0.00/0.40", spendAndReserved(ds, KEY));
        assertEquals(now.plus(Duration.ofDays(1)).toEpochMilli() / 1000, resetAt(ds, KEY).getEpochSecond());
    }

    private static void aWindowNotEndedKeepsItsSpend(DataSource ds, Ledger ledger) throws Exception {
        Instant now = Instant.now();
        account(ds, KEY, "1.00", "0.90", "1d", now.plusSeconds(3600));
        Account read = ledger.accounts(List.of(KEY)).get(KEY);
        assertEquals(KEY, ledger.reserve(List.of(read), CALL, now), "0.10 left of the window: refused");
        assertEquals("0.90/0.00", spendAndReserved(ds, KEY));
        assertNull(ledger.reserve(List.of(read), new BigDecimal("0.10"), now));
        assertEquals("0.90/0.10", spendAndReserved(ds, KEY));
    }

    private static void aCallChargedToTwoPartiesReservesFromBothOrNeither(DataSource ds, Ledger ledger)
            throws Exception {
        Instant now = Instant.now();
        account(ds, KEY, "1.00", "0.00", null, null);
        account(ds, TEAM, "1.00", "0.70", null, null);
        var read = ledger.accounts(List.of(KEY, TEAM));
        assertEquals(TEAM, ledger.reserve(List.of(read.get(KEY), read.get(TEAM)), CALL, now));
        assertEquals("0.00/0.00", spendAndReserved(ds, KEY), "the key's reservation was rolled back with the team's");
        assertNull(ledger.reserve(List.of(read.get(KEY), read.get(TEAM)), new BigDecimal("0.30"), now));
        assertEquals("0.00/0.30", spendAndReserved(ds, KEY));
        assertEquals("0.70/0.30", spendAndReserved(ds, TEAM));
    }

    private static void account(DataSource ds, Payer.Entity e, String max, String spend, String duration,
                                Instant resetAt) throws Exception {
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement d = c.prepareStatement(
                    "DELETE FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
                d.setString(1, e.kind().column());
                d.setString(2, e.id());
                d.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO spend_account (entity_kind, entity_id,"
                    + " max_budget, spend, budget_duration, budget_reset_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                s.setString(1, e.kind().column());
                s.setString(2, e.id());
                s.setBigDecimal(3, new BigDecimal(max));
                s.setBigDecimal(4, new BigDecimal(spend));
                s.setString(5, duration);
                s.setTimestamp(6, resetAt == null ? null : Timestamp.from(resetAt));
                s.executeUpdate();
            }
        }
    }

    private static String spendAndReserved(DataSource ds, Payer.Entity e) throws Exception {
        List<Object> row = row(ds, e, "spend, reserved");
        return ((BigDecimal) row.get(0)).setScale(2, java.math.RoundingMode.HALF_UP) + "/"
                + ((BigDecimal) row.get(1)).setScale(2, java.math.RoundingMode.HALF_UP);
    }

    private static Instant resetAt(DataSource ds, Payer.Entity e) throws Exception {
        return ((Timestamp) row(ds, e, "budget_reset_at").get(0)).toInstant();
    }

    /** The party's account row, the given columns of it. */
    private static List<Object> row(DataSource ds, Payer.Entity e, String columns) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + columns + " FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
            s.setString(1, e.kind().column());
            s.setString(2, e.id());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                List<Object> values = new java.util.ArrayList<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    values.add(rs.getObject(i));
                }
                return values;
            }
        }
    }
}
