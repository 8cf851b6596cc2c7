package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The reservation algorithm against real databases: 200 calls released together, each reserving its
 * maximum of $0.01 from a $1.00 budget and settling to a real cost of $0.004-0.01.
 */
class LedgerConcurrencyTest {
    private static final BigDecimal BUDGET = new BigDecimal("1.00");
    private static final BigDecimal MAX_COST = new BigDecimal("0.01");
    private static final Payer.Entity KEY = new Payer.Entity(Payer.Kind.KEY, "hash-1");
    private static final Payer.Entity TEAM = new Payer.Entity(Payer.Kind.TEAM, "team-1");

    @Test
    void postgresOneInstance() throws Exception {
        String db = TestDatabases.createPostgres();
        try {
            DataSource ds = TestDatabases.postgres(db);
            // through the pool the gateway uses for PostgreSQL, so reused connections are what is tested
            run("PostgreSQL, one instance", ds, new Ledger(new ConnectionPool(ds, 16)));
        } finally {
            TestDatabases.dropPostgres(db);
        }
    }

    @Test
    void postgresTwoInstances() throws Exception {
        String db = TestDatabases.createPostgres();
        try {
            DataSource ds = TestDatabases.postgres(db);
            run("PostgreSQL, two instances", ds, new Ledger(new ConnectionPool(ds, 16)),
                    new Ledger(new ConnectionPool(TestDatabases.postgres(db), 16)));
        } finally {
            TestDatabases.dropPostgres(db);
        }
    }

    @Test
    void derby() throws Exception {
        Path dir = Files.createTempDirectory("ledger-derby");
        DataSource ds = TestDatabases.derby(dir.resolve("db").toString());
        run("Derby", ds, new Ledger(ds));
    }

    private static void run(String label, DataSource ds, Ledger... instances) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO spend_account (entity_kind, entity_id, max_budget) VALUES ('key', 'hash-1', 1.00)");
        }
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch start = new CountDownLatch(1);
        for (int i = 0; i < 200; i++) {
            Ledger ledger = instances[i % instances.length];
            String id = "req-" + i;
            pool.submit(() -> {
                start.await();
                Map<Payer.Entity, Account> accounts = ledger.accounts(List.of(KEY, TEAM));
                Payer.Entity refusedBy = ledger.reserve(List.of(accounts.get(KEY)), MAX_COST, Instant.now());
                if (refusedBy != null) {
                    refused.incrementAndGet();
                    return null;
                }
                admitted.incrementAndGet();
                BigDecimal cost = new BigDecimal(ThreadLocalRandom.current().nextInt(4000, 10001)).movePointLeft(6);
                SpendRecord row = new SpendRecord(id, Map.of(KEY.scope(), MAX_COST, TEAM.scope(), BigDecimal.ZERO),
                        "chat.completions", "m", "d", "openai", "gpt", 10, 10, 0, 0, cost, Instant.now(), null,
                        Instant.now(), "SUCCESS", 200, false, false);
                ledger.settle(List.of(row));
                ledger.settle(List.of(row)); // an outbox replay: must change nothing
                return null;
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS));
        try (Connection c = ds.getConnection()) {
            BigDecimal spend = scalar(c, "SELECT spend FROM spend_account WHERE entity_kind = 'key' AND entity_id = 'hash-1'");
            BigDecimal reserved = scalar(c, "SELECT reserved FROM spend_account WHERE entity_kind = 'key' AND entity_id = 'hash-1'");
            BigDecimal teamSpend = scalar(c, "SELECT spend FROM spend_account WHERE entity_kind = 'team' AND entity_id = 'team-1'");
            BigDecimal logged = scalar(c, "SELECT SUM(cost) FROM spend_log");
            BigDecimal rows = scalar(c, "SELECT COUNT(*) FROM spend_log");
            System.out.printf("Ledger %s: 200 calls of max $0.01 on a $1.00 budget: admitted=%d refused=%d"
                            + " committed spend=$%s reserved left=$%s spend-log sum=$%s rows=%s team spend=$%s%n",
                    label, admitted.get(), refused.get(), spend.toPlainString(), reserved.toPlainString(),
                    logged.toPlainString(), rows, teamSpend.toPlainString());
            assertTrue(spend.compareTo(BUDGET) <= 0, "overspent: " + spend);
            assertTrue(admitted.get() >= 95, "too many refusals: " + admitted.get());
            assertEquals(0, reserved.signum());
            assertEquals(0, logged.compareTo(spend));
            assertEquals(0, teamSpend.compareTo(spend));
            assertEquals(admitted.get(), rows.intValue());
        }
    }

    private static BigDecimal scalar(Connection c, String sql) throws Exception {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            BigDecimal v = rs.getBigDecimal(1);
            return v == null ? BigDecimal.ZERO : v;
        }
    }

    @Test
    void anUnbudgetedPartyIsNeverRefused() throws Exception {
        Path dir = Files.createTempDirectory("ledger-derby");
        Ledger ledger = new Ledger(TestDatabases.derby(dir.resolve("db").toString()));
        assertNull(ledger.reserve(List.of(), MAX_COST, Instant.now()));
    }
}
