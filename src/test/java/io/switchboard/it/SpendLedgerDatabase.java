package io.switchboard.it;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database on 127.0.0.1:5432 for one test class, dropped at the end. Parties with
 * budgets and limits are inserted straight into {@code spend_account} over JDBC (the admin API that will
 * write them, /key/generate and /customer/new, belongs to the governance work and is not merged yet).
 */
final class SpendLedgerDatabase implements AutoCloseable {
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    final String name = "spend_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

    SpendLedgerDatabase() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** LiteLLM's form, as operators set it. */
    String databaseUrl() {
        return "postgresql://postgres@127.0.0.1:5432/" + name;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(SERVER + name + "?user=postgres");
    }

    /** Creates or replaces an end user's budget and limits (null = none). */
    void endUser(String id, BigDecimal maxBudget, Long rpm, Integer maxParallel) throws SQLException {
        try (Connection c = connect();
             PreparedStatement s = c.prepareStatement("INSERT INTO spend_account (entity_kind, entity_id, max_budget,"
                     + " rpm_limit, max_parallel_requests) VALUES ('end_user', ?, ?, ?, ?)")) {
            s.setString(1, id);
            s.setBigDecimal(2, maxBudget);
            s.setObject(3, rpm);
            s.setObject(4, maxParallel);
            s.executeUpdate();
        }
    }

    BigDecimal decimal(String sql, Object... args) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                BigDecimal v = rs.getBigDecimal(1);
                return v == null ? BigDecimal.ZERO : v;
            }
        }
    }

    long count(String sql, Object... args) throws SQLException {
        return decimal(sql, args).longValueExact();
    }

    @Override
    public void close() throws SQLException {
        try (Connection c = DriverManager.getConnection(SERVER + "test?user=postgres");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }
}
