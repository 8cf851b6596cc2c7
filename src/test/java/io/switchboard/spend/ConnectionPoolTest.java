package io.switchboard.spend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The ledger's connection pool on embedded Derby: reuse, a clean hand-over, and broken connections dropped. */
class ConnectionPoolTest {
    private final AtomicInteger opened = new AtomicInteger();

    private DataSource counting() throws Exception {
        DataSource derby = TestDatabases.derby(Files.createTempDirectory("pool").resolve("db").toString());
        return TestDatabases.delegating(derby, opened);
    }

    @Test
    void aConnectionGivenBackIsLentAgainInsteadOfOpeningAnother() throws Exception {
        ConnectionPool pool = new ConnectionPool(counting(), 4);
        for (int i = 0; i < 100; i++) {
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                s.execute("VALUES 1");
            }
        }
        assertEquals(1, opened.get(), "one physical connection served 100 loans");
        assertEquals(1, pool.idle());
    }

    @Test
    void whatAUserLeftUncommittedIsRolledBackBeforeTheNextLoan() throws Exception {
        ConnectionPool pool = new ConnectionPool(counting(), 4);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (v INT)");
        }
        Connection first = pool.getConnection();
        first.setAutoCommit(false);
        try (Statement s = first.createStatement()) {
            s.execute("INSERT INTO t VALUES (1)");
        }
        first.close(); // neither committed nor rolled back
        assertTrue(first.isClosed());
        assertThrows(SQLException.class, first::createStatement, "a returned loan cannot be used");
        try (Connection next = pool.getConnection(); Statement s = next.createStatement();
             ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM t")) {
            assertTrue(next.getAutoCommit());
            rows.next();
            assertEquals(0, rows.getInt(1));
        }
        assertEquals(1, opened.get());
    }

    @Test
    void keepsAtMostItsSizeIdleAndDropsClosedConnections() throws Exception {
        ConnectionPool pool = new ConnectionPool(counting(), 2);
        Connection a = pool.getConnection();
        Connection b = pool.getConnection();
        Connection c = pool.getConnection();
        a.close();
        b.close();
        c.close();
        assertEquals(2, pool.idle());
        Connection d = pool.getConnection();
        d.unwrap(Connection.class); // still usable
        try (Connection again = pool.getConnection()) {
            again.createStatement().close();
        }
        d.close();
        assertEquals(3, opened.get());
    }
}
