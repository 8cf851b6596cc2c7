package io.switchboard.governance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.spend.TestDatabases;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema's versions on both dialects: a fresh database reaches the latest version with the
 * ledger's tables, and a database from a release whose ledger made its own tables (before V6) still
 * migrates, keeping them.
 */
class MigrationsTest {
    @Test
    void derbyFreshAndUpgraded() throws Exception {
        check(derby(), derby(), "derby");
    }

    @Test
    void postgresqlFreshAndUpgraded() throws Exception {
        String fresh = createPostgres();
        String upgraded = createPostgres();
        try {
            check(postgres(fresh), postgres(upgraded), "postgresql");
        } finally {
            dropPostgres(fresh);
            dropPostgres(upgraded);
        }
    }

    private static void check(DataSource fresh, DataSource upgraded, String dialect) throws SQLException {
        Database.migrations(fresh, dialect).load().migrate();
        assertLatest(fresh, dialect);

        Database.migrations(upgraded, dialect).target("2").load().migrate(); // the release before this one
        try (Connection c = upgraded.getConnection()) {
            assertTrue(exists(c, "sb_spend_logs"), "before V7 the unused table is there");
            c.createStatement().execute("CREATE TABLE spend_account (entity_kind VARCHAR(16) NOT NULL,"
                    + " entity_id VARCHAR(200) NOT NULL, PRIMARY KEY (entity_kind, entity_id))");
            c.createStatement().execute("INSERT INTO spend_account (entity_kind, entity_id) VALUES ('key', 'kept')");
        }
        Database.migrations(upgraded, dialect).load().migrate();
        assertLatest(upgraded, dialect);
        try (Connection c = upgraded.getConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT entity_id FROM spend_account")) {
            assertTrue(rs.next());
            assertEquals("kept", rs.getString(1), "an earlier ledger's rows survive the migration");
        }
    }

    private static void assertLatest(DataSource ds, String dialect) throws SQLException {
        Flyway flyway = Database.migrations(ds, dialect).load();
        assertEquals("8", flyway.info().current().getVersion().getVersion(), dialect);
        try (Connection c = ds.getConnection()) {
            assertTrue(exists(c, "spend_account"), dialect);
            assertTrue(exists(c, "spend_log"), dialect);
            assertTrue(exists(c, "spend_settled_batch"), dialect + ": the batch markers of disable_spend_logs");
            assertFalse(exists(c, "sb_spend_logs"), dialect + ": the unused V1 table is dropped");
        }
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        String name = c.getMetaData().storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
        try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
            return rs.next();
        }
    }

    private static DataSource derby() throws Exception {
        return TestDatabases.derby(Files.createTempDirectory("migrations").resolve("db").toString());
    }

    private static String createPostgres() throws SQLException {
        return TestDatabases.createPostgres();
    }

    private static void dropPostgres(String name) throws SQLException {
        TestDatabases.dropPostgres(name);
    }

    private static DataSource postgres(String name) {
        return TestDatabases.postgres(name);
    }
}
