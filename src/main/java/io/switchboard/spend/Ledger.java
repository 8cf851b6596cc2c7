package io.switchboard.spend;

import io.switchboard.access.Limits;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The budget ledger in SQL. A reservation is one transaction of conditional updates, one per party in
 * lock order: {@code reserved = reserved + x WHERE spend + reserved + x <= max_budget}; the database
 * decides atomically, so concurrent calls (on any number of instances) can never commit more than the
 * budget. Settlement inserts the call's row and moves its reservation into spend in one transaction;
 * a row that is already there changes nothing, so replaying the outbox is harmless. Without spend logs
 * ({@code general_settings.disable_spend_logs}) no row is written and a marker per batch
 * ({@link SettledBatches}) does that job.
 */
public final class Ledger {
    private final DataSource dataSource;
    private final boolean postgres;
    private final boolean spendLogs;

    /** A ledger that writes a {@code spend_log} row per call. */
    public Ledger(DataSource dataSource) throws SQLException {
        this(dataSource, true);
    }

    /**
     * @param spendLogs false for {@code disable_spend_logs}: settlement moves reservations into spend as
     *                  always but writes no {@code spend_log} rows (the marker table comes with schema V8)
     */
    public Ledger(DataSource dataSource, boolean spendLogs) throws SQLException {
        this.dataSource = dataSource;
        this.spendLogs = spendLogs;
        try (Connection c = dataSource.getConnection()) {
            this.postgres = LedgerSchema.isPostgres(c);
            LedgerSchema.create(c);
        }
    }

    /** The stored budgets and limits of the parties that have a row. */
    public Map<Payer.Entity, Account> accounts(List<Payer.Entity> entities) throws SQLException {
        Map<Payer.Entity, Account> found = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT max_budget, soft_budget, budget_duration, budget_reset_at,"
                     + " rpm_limit, tpm_limit, max_parallel_requests FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
            for (Payer.Entity e : entities) {
                s.setString(1, e.kind().column());
                s.setString(2, e.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        Timestamp reset = rs.getTimestamp(4);
                        found.put(e, new Account(e, rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getString(3),
                                reset == null ? null : reset.toInstant(), nullableLong(rs, 5), nullableLong(rs, 6),
                                (Integer) nullableInt(rs, 7)));
                    }
                }
            }
        }
        return found;
    }

    /** A budgeted key's or team's committed spend against its budget (in-flight reservations not counted). */
    public record BudgetLevel(Payer.Entity entity, BigDecimal maxBudget, BigDecimal spend) {
        public BigDecimal remaining() {
            return maxBudget.subtract(spend);
        }
    }

    /**
     * The budgets of keys and teams, for the remaining-budget gauges: at most {@code limit} rows, so the
     * metric's label set stays bounded. End users and users are left out: their ids are raw identities.
     */
    public List<BudgetLevel> budgets(int limit) throws SQLException {
        List<BudgetLevel> levels = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT entity_kind, entity_id, max_budget, spend FROM spend_account"
                     + " WHERE max_budget IS NOT NULL AND entity_kind IN ('key', 'team') ORDER BY entity_kind, entity_id")) {
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    Payer.Kind kind = "key".equals(rs.getString(1)) ? Payer.Kind.KEY : Payer.Kind.TEAM;
                    levels.add(new BudgetLevel(new Payer.Entity(kind, rs.getString(2)), rs.getBigDecimal(3),
                            rs.getBigDecimal(4)));
                }
            }
        }
        return levels;
    }

    /**
     * Reserves {@code amount} from every budgeted party, all or none.
     *
     * @return the party that refused (its budget would be exceeded), or null when all reserved
     */
    public Payer.Entity reserve(List<Account> budgeted, BigDecimal amount, Instant now) throws SQLException {
        BigDecimal x = round(amount);
        try (Connection c = dataSource.getConnection()) {
            if (budgeted.size() == 1 && !mayBeDue(budgeted.get(0), now)) {
                // The usual call: one party, its window running. One conditional UPDATE is atomic on its own,
                // so it runs without a transaction: one round trip to the database instead of three.
                Account a = budgeted.get(0);
                return reserve(c, a, x) ? null : a.entity();
            }
            c.setAutoCommit(false);
            try {
                for (Account a : budgeted) {
                    if (mayBeDue(a, now)) {
                        resetIfDue(c, a, now);
                    }
                    if (!reserve(c, a, x)) {
                        c.rollback();
                        return a.entity();
                    }
                }
                c.commit();
                return null;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** Takes {@code x} into the party's reserved amount if its budget still covers it. */
    private static boolean reserve(Connection c, Account a, BigDecimal x) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE spend_account SET reserved = reserved + ?"
                + " WHERE entity_kind = ? AND entity_id = ? AND max_budget IS NOT NULL"
                + " AND spend + reserved + ? <= max_budget")) {
            s.setBigDecimal(1, x);
            s.setString(2, a.entity().kind().column());
            s.setString(3, a.entity().id());
            s.setBigDecimal(4, x);
            return s.executeUpdate() > 0;
        }
    }

    /**
     * Whether the party's budget window may have ended, by its account as read (cached for two seconds). A
     * reset only ever moves the stored reset time later, so a read time still ahead means the window runs;
     * a time passed (or none yet) sends the conditional reset to the database, which decides.
     */
    private static boolean mayBeDue(Account a, Instant now) {
        return a.budgetDuration() != null && (a.budgetResetAt() == null || !a.budgetResetAt().isAfter(now));
    }

    /**
     * Starts a new budget window when the current one has ended. Conditional on the stored reset time,
     * so of several instances racing at the boundary exactly one resets; spend is zeroed (not set to one
     * call's cost, LiteLLM #34733) and reservations in flight stay reserved and settle into the new window.
     */
    private static void resetIfDue(Connection c, Account a, Instant now) throws SQLException {
        Duration window = BudgetDuration.parse(a.budgetDuration());
        if (window == null) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE spend_account SET spend = 0, soft_alerted = 0,"
                + " budget_reset_at = ? WHERE entity_kind = ? AND entity_id = ?"
                + " AND (budget_reset_at IS NULL OR budget_reset_at <= ?)")) {
            s.setTimestamp(1, Timestamp.from(now.plus(window)));
            s.setString(2, a.entity().kind().column());
            s.setString(3, a.entity().id());
            s.setTimestamp(4, Timestamp.from(now));
            s.executeUpdate();
        }
    }

    /** Resets every party whose window has ended, budgeted or not (the sweep that covers idle parties). */
    public int resetDue(List<Account> accounts, Instant now) throws SQLException {
        int n = 0;
        try (Connection c = dataSource.getConnection()) {
            for (Account a : accounts) {
                resetIfDue(c, a, now);
                n++;
            }
        }
        return n;
    }

    /**
     * Writes the rows of a batch and moves their reservations into spend, in one transaction. Rows
     * already written (a replay) are skipped along with their counter changes. Without spend logs the
     * batch is marked instead, and a batch already marked is skipped whole.
     *
     * @return the parties whose spend crossed their soft budget in this batch
     */
    public List<Payer.Entity> settle(List<SpendRecord> batch) throws SQLException {
        if (batch.isEmpty()) {
            return List.of();
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                if (postgres) {
                    // Spend is money: on disk before the commit returns and the outbox forgets the batch, whatever
                    // the session's setting (the gateway's skips the flush for reservations, see SpendDatabase).
                    try (Statement s = c.createStatement()) {
                        s.execute("SET LOCAL synchronous_commit TO on");
                    }
                }
                Map<String, BigDecimal[]> deltas = new TreeMap<>(Ledger::lockOrder);
                if (spendLogs) {
                    for (SpendRecord r : batch) {
                        if (SpendLogRows.insert(c, r, postgres)) {
                            addTo(deltas, r);
                        }
                    }
                } else if (SettledBatches.mark(c, batch, Instant.now(), postgres)) {
                    batch.forEach(r -> addTo(deltas, r));
                }
                List<Payer.Entity> crossed = new ArrayList<>();
                for (var e : deltas.entrySet()) {
                    Payer.Entity entity = entity(e.getKey());
                    ensure(c, entity);
                    // Never below zero: a reservation lost with a crashed database (see SpendDatabase) is released
                    // as nothing, or the party would have that much more than its budget until the next reset.
                    try (PreparedStatement s = c.prepareStatement("UPDATE spend_account SET spend = spend + ?,"
                            + " reserved = CASE WHEN reserved > ? THEN reserved - ? ELSE 0 END"
                            + " WHERE entity_kind = ? AND entity_id = ?")) {
                        s.setBigDecimal(1, e.getValue()[0]);
                        s.setBigDecimal(2, e.getValue()[1]);
                        s.setBigDecimal(3, e.getValue()[1]);
                        s.setString(4, entity.kind().column());
                        s.setString(5, entity.id());
                        s.executeUpdate();
                    }
                    if (crossedSoftBudget(c, entity)) {
                        crossed.add(entity);
                    }
                }
                c.commit();
                return crossed;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A record's cost into spend and its reservation out of reserved, per party scope. */
    private static void addTo(Map<String, BigDecimal[]> deltas, SpendRecord r) {
        BigDecimal cost = round(r.cost());
        r.reserved().forEach((scope, reserved) -> {
            BigDecimal[] d = deltas.computeIfAbsent(scope, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
            d[0] = d[0].add(cost);
            d[1] = d[1].add(round(reserved));
        });
    }

    /** Deletes the batch markers written before {@code before} (see {@link SettledBatches#KEPT}). */
    public int purgeSettledBatches(Instant before) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                return SettledBatches.purge(c, before);
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    /**
     * Brings a party's row in line with the budgets and limits its owner (the key directory) declares,
     * leaving its spend and reservations alone. Runs when the party's account is (re)loaded, not per call.
     */
    public void declare(Payer.Entity e, Limits limits) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(true);
            try {
                ensure(c, e);
                try (PreparedStatement s = c.prepareStatement("UPDATE spend_account SET max_budget = ?, soft_budget = ?,"
                        + " budget_duration = ?, rpm_limit = ?, tpm_limit = ?, max_parallel_requests = ?"
                        + " WHERE entity_kind = ? AND entity_id = ?")) {
                    s.setBigDecimal(1, limits.maxBudget());
                    s.setBigDecimal(2, limits.softBudget());
                    s.setString(3, limits.budgetDuration());
                    setLong(s, 4, limits.rpmLimit());
                    setLong(s, 5, limits.tpmLimit());
                    if (limits.maxParallelRequests() == null) {
                        s.setNull(6, java.sql.Types.INTEGER);
                    } else {
                        s.setInt(6, limits.maxParallelRequests());
                    }
                    s.setString(7, e.kind().column());
                    s.setString(8, e.id());
                    s.executeUpdate();
                }
            } finally {
                c.setAutoCommit(auto);
            }
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, java.sql.Types.BIGINT);
        } else {
            s.setLong(index, value);
        }
    }

    private void ensure(Connection c, Payer.Entity e) throws SQLException {
        String insert = "INSERT INTO spend_account (entity_kind, entity_id) VALUES (?, ?)";
        if (postgres) {
            insert += " ON CONFLICT DO NOTHING";
        } else {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM spend_account WHERE entity_kind = ? AND entity_id = ?")) {
                s.setString(1, e.kind().column());
                s.setString(2, e.id());
                try (ResultSet rs = s.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(insert)) {
            s.setString(1, e.kind().column());
            s.setString(2, e.id());
            s.executeUpdate();
        }
    }

    /** Marks the soft budget as crossed once per window; true for the one update that marked it. */
    private static boolean crossedSoftBudget(Connection c, Payer.Entity e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE spend_account SET soft_alerted = 1 WHERE entity_kind = ?"
                + " AND entity_id = ? AND soft_budget IS NOT NULL AND soft_alerted = 0 AND spend >= soft_budget")) {
            s.setString(1, e.kind().column());
            s.setString(2, e.id());
            return s.executeUpdate() == 1;
        }
    }

    static BigDecimal round(BigDecimal amount) {
        return amount.setScale(LedgerSchema.SCALE, RoundingMode.HALF_EVEN);
    }

    static Payer.Entity entity(String scope) {
        int colon = scope.indexOf(':');
        return new Payer.Entity(Payer.Kind.valueOf(scope.substring(0, colon).toUpperCase(java.util.Locale.ROOT)),
                scope.substring(colon + 1));
    }

    private static int lockOrder(String a, String b) {
        Payer.Entity x = entity(a);
        Payer.Entity y = entity(b);
        int byKind = Integer.compare(x.kind().ordinal(), y.kind().ordinal());
        return byKind != 0 ? byKind : x.id().compareTo(y.id());
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Integer nullableInt(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
