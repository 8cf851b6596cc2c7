package io.switchboard.spend;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Keeps the ledger's PostgreSQL connections open between calls. Without it every reservation opened a
 * new connection, and PostgreSQL forks a backend for each: the benchmark's full configuration topped
 * out near 170 calls a second with the gateway mostly idle, waiting for connections. Callers are
 * already bounded ({@link SpendBook} holds at most {@code size} at once), so this only reuses: a
 * connection given back goes to the idle list, rolled back and in auto-commit if its user left it
 * otherwise; one that failed with a connection error ({@code 08xxx}) or was closed is dropped.
 */
final class ConnectionPool implements DataSource {
    private final DataSource physical;
    private final int size;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger();

    ConnectionPool(DataSource physical, int size) {
        this.physical = physical;
        this.size = size;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection c = idle.pollFirst();
        if (c != null) {
            idleCount.decrementAndGet();
        } else {
            c = physical.getConnection();
        }
        return lend(c);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("The ledger's pool has one set of credentials");
    }

    /** Idle connections now (for tests). */
    int idle() {
        return idleCount.get();
    }

    private Connection lend(Connection real) {
        Lent handler = new Lent(real);
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, handler);
    }

    private void giveBack(Connection real, boolean broken) {
        try {
            if (broken || real.isClosed()) {
                real.close();
                return;
            }
            if (!real.getAutoCommit()) {
                real.rollback(); // whatever its user did not commit is not the next user's
                real.setAutoCommit(true);
            }
            if (idleCount.incrementAndGet() <= size) {
                idle.offerFirst(real); // the most recently used first: warm, and the rest may idle out
                return;
            }
            idleCount.decrementAndGet();
            real.close();
        } catch (SQLException e) {
            try {
                real.close();
            } catch (SQLException ignored) {
                // already unusable
            }
        }
    }

    /** One loan: every call goes to the real connection except {@code close}, which gives it back once. */
    private final class Lent implements InvocationHandler {
        private final Connection real;
        private boolean returned;
        private boolean broken;

        Lent(Connection real) {
            this.real = real;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            switch (method.getName()) {
                case "close" -> {
                    if (!returned) {
                        returned = true;
                        giveBack(real, broken);
                    }
                    return null;
                }
                case "isClosed" -> {
                    return returned || real.isClosed();
                }
                case "equals" -> {
                    return proxy == args[0];
                }
                case "hashCode" -> {
                    return System.identityHashCode(proxy);
                }
                default -> {
                    if (returned) {
                        throw new SQLException("This connection was given back to the pool", "08003");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof SQLException sql && sql.getSQLState() != null
                                && sql.getSQLState().startsWith("08")) {
                            broken = true;
                        }
                        throw cause;
                    }
                }
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return physical.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        physical.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        physical.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return physical.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return physical.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return physical.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return physical.isWrapperFor(iface);
    }
}
