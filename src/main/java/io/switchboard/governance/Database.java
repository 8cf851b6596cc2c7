package io.switchboard.governance;

import io.switchboard.spend.LedgerMigration;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The governance database. Embedded Derby through Liberty's {@code jdbc/switchboard} data source by
 * default; {@code DATABASE_URL} switches to PostgreSQL. Liberty's data-source configuration is
 * static and cannot take LiteLLM's {@code postgresql://user:pass@host/db} form apart, so for
 * PostgreSQL the application opens the connections itself, pooled by EclipseLink's internal pool
 * (size from {@code SWITCHBOARD_DB_POOL_SIZE}, default 16). Flyway applies {@code sql/<database>/}
 * on first use, before any entity manager exists.
 */
@ApplicationScoped
public class Database {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final String UNIT = "switchboard";

    @Resource(lookup = "jdbc/switchboard")
    DataSource derby;

    private volatile EntityManagerFactory factory;
    private volatile String kind;

    /** Migrates at start, so a broken database stops the start instead of failing the first request. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        open();
    }

    /** "postgresql" or "derby", once started. */
    public String kind() {
        open();
        return kind;
    }

    /** Migrates the schema and opens the entity manager factory; idempotent. */
    public synchronized EntityManagerFactory open() {
        if (factory != null) {
            return factory;
        }
        DatabaseUrl postgres = DatabaseUrl.parse(setting("DATABASE_URL", null));
        Map<String, Object> properties = new HashMap<>();
        properties.put("eclipselink.logging.level", "WARNING");
        properties.put("eclipselink.weaving", "false");
        // Bound values (key hashes, metadata) stay out of EclipseLink's messages.
        properties.put("eclipselink.logging.parameters", "false");
        if (postgres == null) {
            migrate(derby, "derby");
            properties.put("jakarta.persistence.nonJtaDataSource", derby);
            properties.put("eclipselink.target-database", "Derby");
            kind = "derby";
        } else {
            migrate(pgDataSource(postgres), "postgresql");
            properties.put("jakarta.persistence.jdbc.driver", "org.postgresql.Driver");
            properties.put("jakarta.persistence.jdbc.url", postgres.jdbcUrl());
            if (postgres.user() != null) {
                properties.put("jakarta.persistence.jdbc.user", postgres.user());
            }
            if (postgres.password() != null) {
                properties.put("jakarta.persistence.jdbc.password", postgres.password());
            }
            String size = setting("SWITCHBOARD_DB_POOL_SIZE", "16");
            properties.put("eclipselink.connection-pool.default.initial", "2");
            properties.put("eclipselink.connection-pool.default.min", "2");
            properties.put("eclipselink.connection-pool.default.max", size);
            properties.put("eclipselink.target-database", "PostgreSQL");
            kind = "postgresql";
        }
        factory = Persistence.createEntityManagerFactory(UNIT, properties);
        failReadsAtOnce(factory);
        LOG.info(() -> "Governance database: " + (postgres == null ? "embedded Derby" : "PostgreSQL " + postgres));
        return factory;
    }

    /**
     * During a database outage a failed read must be answered at once (503 with Retry-After): by
     * default EclipseLink retries a read that lost its connection three times, five seconds apart
     * (measured in DatabaseOutageIT: a 10-20 s admin answer while PostgreSQL was away). EclipseLink
     * 4 has no persistence property for this, and its API is not visible to applications on Liberty,
     * so the two settings of its login are made through their public methods by name.
     */
    private static void failReadsAtOnce(EntityManagerFactory factory) {
        try {
            Object session = factory.getClass().getMethod("getServerSession").invoke(factory);
            Object login = session.getClass().getMethod("getLogin").invoke(session);
            login.getClass().getMethod("setQueryRetryAttemptCount", int.class).invoke(login, 0);
            login.getClass().getMethod("setDelayBetweenConnectionAttempts", int.class).invoke(login, 0);
        } catch (ReflectiveOperationException | RuntimeException notEclipseLink) {
            LOG.warning("Database reads will be retried by the JPA provider during an outage: "
                    + notEclipseLink.getClass().getSimpleName());
        }
    }

    /** Runs {@code work} in one resource-local transaction, committed on return, rolled back on throw. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        EntityManager em = open().createEntityManager();
        EntityTransaction tx = em.getTransaction();
        try {
            tx.begin();
            T result = work.apply(em);
            tx.commit();
            return result;
        } finally {
            if (tx.isActive()) {
                tx.rollback();
            }
            em.close();
        }
    }

    /** Runs a read without a transaction. */
    public <T> T read(Function<EntityManager, T> work) {
        EntityManager em = open().createEntityManager();
        try {
            return work.apply(em);
        } finally {
            em.close();
        }
    }

    @PreDestroy
    void close() {
        if (factory != null) {
            factory.close();
        }
    }

    private static void migrate(DataSource dataSource, String folder) {
        migrations(dataSource, folder).load().migrate();
    }

    /** Every schema version for {@code folder}'s dialect: the SQL files in sql/ and the ledger's (V6). */
    static FluentConfiguration migrations(DataSource dataSource, String folder) {
        return Flyway.configure(Database.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:sql/" + folder)
                .callbackLocations("classpath:sql/" + folder)
                .javaMigrations(new LedgerMigration());
    }

    private static DataSource pgDataSource(DatabaseUrl url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url.jdbcUrl());
        if (url.user() != null) {
            ds.setUser(url.user());
        }
        if (url.password() != null) {
            ds.setPassword(url.password());
        }
        return ds;
    }

    private static String setting(String name, String fallback) {
        return ConfigProvider.getConfig().getOptionalValue(name, String.class).orElse(fallback);
    }
}
