package io.switchboard.spend;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Which database holds the ledger: PostgreSQL when {@code DATABASE_URL} is set (LiteLLM's
 * {@code postgresql://user:pass@host:port/db}, or a {@code jdbc:postgresql:} URL), else the server's
 * {@code jdbc/switchboard} datasource (embedded Derby by default).
 *
 * <p>Interim: the PostgreSQL source is built here from the URL until the governance schema configures
 * it as a Liberty datasource; then this becomes a JNDI lookup like the Derby one. Until then its
 * connections are kept open by a {@link ConnectionPool} as large as {@link SpendBook}'s limit of
 * connections in use (Liberty pools the Derby one).
 */
final class SpendDatabase {
    static final String JNDI = "jdbc/switchboard";

    private SpendDatabase() {
    }

    static DataSource from(String databaseUrl, int connections) throws NamingException {
        if (databaseUrl == null || databaseUrl.isBlank()) {
            return InitialContext.doLookup(JNDI);
        }
        return new ConnectionPool(postgres(databaseUrl), connections);
    }

    /**
     * The ledger's sessions commit without waiting for the WAL flush. A reservation is the one write on the
     * request path, and a key's calls queue on its row: each would wait for the flush of the one before it
     * (measured in issue 7 with pgbench, 16 connections updating one row: 2,700 a second with the flush,
     * 10,300 without; one connection: 0.34 ms against 0.18 ms). What a crash of the database can lose is the
     * last fraction of a second of reservations, never spend: {@link Ledger#settle} asks for the flush, since
     * its outbox segment is deleted once it has committed, and a lost reservation is released as zero, not
     * below it.
     */
    static final String SESSION_OPTIONS = "-c synchronous_commit=off";

    private static DataSource postgres(String databaseUrl) {
        PGSimpleDataSource pg = connectionSettings(databaseUrl.trim());
        String own = pg.getOptions();
        pg.setOptions(own == null || own.isBlank() ? SESSION_OPTIONS : own + " " + SESSION_OPTIONS);
        return pg;
    }

    private static PGSimpleDataSource connectionSettings(String url) {
        PGSimpleDataSource pg = new PGSimpleDataSource();
        if (url.startsWith("jdbc:postgresql:")) {
            pg.setURL(url);
            return pg;
        }
        if (!url.startsWith("postgresql://") && !url.startsWith("postgres://")) {
            throw new IllegalArgumentException("DATABASE_URL must be postgresql://user:password@host:port/database"
                    + " or a jdbc:postgresql: URL");
        }
        URI uri = URI.create(url);
        pg.setServerNames(new String[] {uri.getHost()});
        pg.setPortNumbers(new int[] {uri.getPort() < 0 ? 5432 : uri.getPort()});
        pg.setDatabaseName(uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1));
        String info = uri.getRawUserInfo();
        if (info != null) {
            int colon = info.indexOf(':');
            pg.setUser(decode(colon < 0 ? info : info.substring(0, colon)));
            if (colon >= 0) {
                pg.setPassword(decode(info.substring(colon + 1)));
            }
        }
        return pg;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
