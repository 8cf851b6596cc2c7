package io.switchboard.spend;

import io.switchboard.access.Limits;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.config.ActiveConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The gateway's books: party accounts (cached for two seconds; the budget itself is checked by the
 * database at reservation), reservations, and the outbox whose rows a background flusher settles into
 * the database in batches. Database failures never lose a row: the flusher keeps the segment and
 * retries with backoff. With {@code general_settings.disable_spend_logs} the batches move spend without
 * writing {@code spend_log} rows, and the flusher deletes their week-old markers once an hour.
 */
@ApplicationScoped
public class SpendBook {
    private static final Logger LOG = Logger.getLogger(SpendBook.class.getName());
    private static final Duration ACCOUNT_TTL = Duration.ofSeconds(2);
    private static final int BATCH = 500;
    private static final long PURGE_EVERY_MS = Duration.ofHours(1).toMillis();

    @Inject
    Config config;

    @Inject
    ActiveConfig activeConfig;

    @Inject
    Event<SoftBudgetCrossed> softBudgets;

    /** Bounds the remaining-budget gauges' label set (one series per budgeted key or team). */
    private static final int MAX_BUDGET_GAUGES = 1000;
    private final Map<Payer.Entity, Cached> accounts = new ConcurrentHashMap<>();
    /** Connections in use at once; the PostgreSQL pool keeps as many open. */
    private static final int CONNECTIONS = 16;
    private final Semaphore connections = new Semaphore(CONNECTIONS);
    private volatile Ledger ledger;
    private SpendOutbox outbox;
    private ScheduledExecutorService flusher;
    private volatile long backoffUntil;
    private volatile int failures;
    private volatile long nextPurge;

    void start(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // observing start-up makes the flusher replay what an earlier run left in the outbox
    }

    @jakarta.annotation.PostConstruct
    void init() {
        try {
            Path dir = config.getOptionalValue("switchboard.spend.outbox-dir", String.class).map(Path::of)
                    .orElse(serverOutputDirectory().resolve("spend-outbox"));
            long maxMb = config.getOptionalValue("switchboard.spend.outbox-max-mb", Long.class).orElse(512L);
            outbox = new SpendOutbox(dir, maxMb * 1024 * 1024);
            LOG.info(() -> "Spend outbox: " + dir);
        } catch (IOException e) {
            throw new IllegalStateException("The spend outbox directory cannot be created", e);
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-spend-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, 200, 200, TimeUnit.MILLISECONDS);
        try {
            ledger(); // create the tables now; if the database is down, the first call retries
        } catch (SQLException e) {
            LOG.warning("The spend database is not reachable yet (" + e.getClass().getSimpleName()
                    + "); spend rows wait in the outbox");
        }
    }

    /** Liberty's output directory for this server (each instance has its own), else the working directory. */
    private Path serverOutputDirectory() {
        String output = config.getOptionalValue("server.output.dir", String.class)
                .orElse(System.getProperty("server.output.dir"));
        if (output != null) {
            return Path.of(output);
        }
        String userDir = System.getProperty("wlp.user.dir");
        String server = System.getProperty("wlp.server.name");
        if (userDir != null && server != null) {
            return Path.of(userDir, "servers", server);
        }
        return Path.of(System.getProperty("user.dir"));
    }

    private Ledger ledger() throws SQLException {
        Ledger l = ledger;
        if (l == null) {
            synchronized (this) {
                if (ledger == null) {
                    boolean spendLogs = !activeConfig.config().generalSettings().disableSpendLogs();
                    try {
                        ledger = new Ledger(SpendDatabase.from(config.getOptionalValue("DATABASE_URL", String.class)
                                .orElse(null), CONNECTIONS), spendLogs);
                    } catch (javax.naming.NamingException e) {
                        throw new SQLException("The spend datasource is not available", e);
                    }
                    if (!spendLogs) {
                        LOG.info("Spend logs are off (general_settings.disable_spend_logs): calls are settled into"
                                + " spend and budgets without a spend_log row");
                    }
                }
                l = ledger;
            }
        }
        return l;
    }

    /** The accounts of the parties; a party without a row has no budget or limits. */
    public Map<Payer.Entity, Account> accounts(Payer payer) {
        Instant now = Instant.now();
        Map<Payer.Entity, Account> found = new LinkedHashMap<>();
        List<Payer.Entity> missing = new ArrayList<>();
        for (Payer.Entity e : payer.entities()) {
            Cached c = accounts.get(e);
            if (c != null && c.until.isAfter(now)) {
                found.put(e, c.account);
            } else {
                missing.add(e);
            }
        }
        if (!missing.isEmpty()) {
            try {
                Map<Payer.Entity, Account> loaded = withConnection(() -> {
                    for (Payer.Entity e : missing) {
                        Limits declared = payer.declared().get(e);
                        if (declared != null) {
                            ledger().declare(e, declared);
                        }
                    }
                    return ledger().accounts(missing);
                });
                for (Payer.Entity e : missing) {
                    Account a = loaded.getOrDefault(e, Account.none(e));
                    accounts.put(e, new Cached(a, now.plus(ACCOUNT_TTL)));
                    found.put(e, a);
                }
            } catch (SQLException e) {
                for (Payer.Entity m : missing) {
                    Cached stale = accounts.get(m);
                    if (stale == null) {
                        throw unavailable(e);
                    }
                    found.put(m, stale.account);
                }
            }
        }
        return found;
    }

    /** @return the party whose budget refused, or null when every budget reserved {@code amount} */
    public Payer.Entity reserve(List<Account> budgeted, BigDecimal amount) {
        try {
            return withConnection(() -> ledger().reserve(budgeted, amount, Instant.now()));
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /** The budgets of keys and teams for the metrics scrape; empty while the database is unreachable. */
    public List<Ledger.BudgetLevel> budgetLevels() {
        try {
            return withConnection(() -> ledger().budgets(MAX_BUDGET_GAUGES));
        } catch (SQLException e) {
            return List.of();
        }
    }

    /** Appends a call's record to the outbox (durable before this returns). */
    public void record(SpendRecord record) {
        outbox.append(record);
    }

    public boolean outboxFull() {
        return outbox.full();
    }

    /** Settles every sealed segment; called by the flusher and by tests that need the books now. */
    public synchronized void flush() throws IOException, SQLException {
        outbox.seal();
        for (Path segment : outbox.sealed()) {
            List<SpendRecord> records = outbox.records(segment);
            for (int i = 0; i < records.size(); i += BATCH) {
                List<SpendRecord> batch = records.subList(i, Math.min(records.size(), i + BATCH));
                List<Payer.Entity> crossed = withConnection(() -> ledger().settle(batch));
                crossed.forEach(e -> {
                    LOG.warning(() -> "Soft budget reached: " + e.kind().column());
                    softBudgets.fire(new SoftBudgetCrossed(e.kind(), e.id()));
                });
            }
            outbox.delete(segment);
        }
    }

    private void flushQuietly() {
        if (System.currentTimeMillis() < backoffUntil) {
            return;
        }
        try {
            flush();
            failures = 0;
            purgeSettledBatchesNowAndThen();
        } catch (IOException | SQLException | RuntimeException e) {
            failures++;
            long delay = Math.min(10_000L, 200L << Math.min(failures, 6));
            backoffUntil = System.currentTimeMillis() + delay;
            LOG.log(failures == 1 ? Level.WARNING : Level.FINE, "Spend rows wait in the outbox: the database did"
                    + " not take them (" + e.getClass().getSimpleName() + "); retrying in " + delay + " ms");
        }
    }

    /**
     * Deletes week-old batch markers, at most once an hour. In both modes: markers written while spend
     * logs were off stay bounded after they are switched back on. A failure waits for the next hour.
     */
    private void purgeSettledBatchesNowAndThen() {
        long now = System.currentTimeMillis();
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + PURGE_EVERY_MS;
        try {
            int purged = withConnection(() -> ledger().purgeSettledBatches(Instant.now().minus(SettledBatches.KEPT)));
            LOG.fine(() -> "Deleted " + purged + " settled-batch markers older than " + SettledBatches.KEPT.toDays()
                    + " days");
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINE, "Settled-batch markers not purged (" + e.getClass().getSimpleName() + ")");
        }
    }

    private <T> T withConnection(SqlCall<T> call) throws SQLException {
        try {
            if (!connections.tryAcquire(5, TimeUnit.SECONDS)) {
                throw new SQLException("No database connection within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException(e);
        }
        try {
            return call.run();
        } finally {
            connections.release();
        }
    }

    private static GatewayException unavailable(SQLException e) {
        LOG.log(Level.WARNING, "The spend database is unreachable: " + e.getClass().getSimpleName());
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "Budgets cannot be checked right now;"
                + " retry shortly.", null, "spend_database_unavailable", Duration.ofSeconds(5));
    }

    @PreDestroy
    void stop() {
        flusher.shutdown();
        try {
            flusher.awaitTermination(5, TimeUnit.SECONDS);
            flush();
        } catch (Exception e) {
            LOG.info("Spend rows left in the outbox for the next start");
        }
    }

    private interface SqlCall<T> {
        T run() throws SQLException;
    }

    private record Cached(Account account, Instant until) {
    }
}
