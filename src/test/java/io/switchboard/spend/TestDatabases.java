package io.switchboard.spend;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Real databases for ledger tests: a fresh PostgreSQL database per test class on 127.0.0.1:5432
 * (PG_URL overrides the server), dropped afterwards, and embedded Derby in a temp directory.
 */
public final class TestDatabases {
    static final String PG_SERVER = System.getenv().getOrDefault("PG_URL", "jdbc:postgresql://127.0.0.1:5432/");

    private TestDatabases() {
    }

    public static String createPostgres() throws SQLException {
        String name = "spend_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    public static void dropPostgres(String name) throws SQLException {
        try (Connection c = DriverManager.getConnection(PG_SERVER + "test", "postgres", "");
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    public static DataSource postgres(String name) {
        return driverManager(PG_SERVER + name + "?user=postgres");
    }

    public static DataSource derby(String directory) {
        return driverManager("jdbc:derby:" + directory + ";create=true");
    }

    /** {@code target}, counting the physical connections it opens. */
    static DataSource delegating(DataSource target, java.util.concurrent.atomic.AtomicInteger opened) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        opened.incrementAndGet();
                    }
                    try {
                        return method.invoke(target, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    static DataSource driverManager(String url) {
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                return DriverManager.getConnection(url);
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return DriverManager.getConnection(url, user, password);
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
            }

            @Override
            public void setLoginTimeout(int seconds) {
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() {
                return Logger.getGlobal();
            }

            @Override
            public <T> T unwrap(Class<T> iface) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> iface) {
                return false;
            }
        };
    }
}
