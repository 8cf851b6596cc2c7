package io.switchboard.cache;

import io.switchboard.embedding.EmbeddingVectors;
import io.switchboard.governance.Database;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The semantic cache's vectors and answers in the gateway's database ({@code type: database-semantic}),
 * so a restart or a second instance on the same database finds them: the in-process
 * {@link SemanticIndex} loads a scope from here when it has no match of its own, and an answer the
 * in-process store no longer has is read from its row. Expired rows are never served and are deleted
 * at most once a minute, on a write.
 */
final class DatabaseVectors implements VectorStore {
    private static final Logger LOG = Logger.getLogger(DatabaseVectors.class.getName());
    /** As in Redis: a scope is read whole, so it holds this many live vectors at most. */
    static final int MAX_PER_SCOPE = RedisVectors.MAX_PER_SCOPE;
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final Database database;
    private final Clock clock;
    private volatile Instant nextPrune = Instant.EPOCH;

    DatabaseVectors(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    @Override
    public void save(SemanticEntry entry, Duration ttl) {
        Instant now = clock.instant();
        try {
            database.inTransaction(em -> {
                pruneIfDue(em, now);
                Number live = (Number) em.createNativeQuery("SELECT COUNT(*) FROM sb_semantic_cache"
                        + " WHERE scope_key = ? AND expires_at > ?").setParameter(1, entry.scope())
                        .setParameter(2, Timestamp.from(now)).getSingleResult();
                if (live.longValue() >= MAX_PER_SCOPE) {
                    return null;
                }
                // The same prompt answered again replaces its row.
                em.createNativeQuery("DELETE FROM sb_semantic_cache WHERE answer_key = ?")
                        .setParameter(1, entry.answerKey()).executeUpdate();
                em.createNativeQuery("INSERT INTO sb_semantic_cache (answer_key, scope_key, tenant, namespace,"
                        + " model_group, vector, answer, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .setParameter(1, entry.answerKey()).setParameter(2, entry.scope())
                        .setParameter(3, clip(entry.tenancy().tenant()))
                        .setParameter(4, clip(entry.tenancy().namespace()))
                        .setParameter(5, clip(entry.modelGroup()))
                        .setParameter(6, EmbeddingVectors.toBase64(entry.vector()))
                        .setParameter(7, new String(entry.answer(), StandardCharsets.UTF_8))
                        .setParameter(8, Timestamp.from(now)).setParameter(9, Timestamp.from(now.plus(ttl)))
                        .executeUpdate();
                return null;
            });
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Semantic cache: a vector could not be stored in the database ({0}).",
                    e.getClass().getSimpleName());
        }
    }

    @Override
    public Map<String, float[]> load(String scope) {
        try {
            List<?> rows = database.read(em -> em.createNativeQuery("SELECT answer_key, vector FROM sb_semantic_cache"
                    + " WHERE scope_key = ? AND expires_at > ?").setParameter(1, scope)
                    .setParameter(2, Timestamp.from(clock.instant())).setMaxResults(MAX_PER_SCOPE).getResultList());
            Map<String, float[]> out = new LinkedHashMap<>();
            for (Object row : rows) {
                Object[] columns = (Object[]) row;
                out.put((String) columns[0], EmbeddingVectors.fromBase64(text(columns[1])));
            }
            return out;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Semantic cache: vectors could not be read from the database ({0}); a miss.",
                    e.getClass().getSimpleName());
            return Map.of();
        }
    }

    @Override
    public byte[] answer(String answerKey) {
        try {
            List<?> rows = database.read(em -> em.createNativeQuery("SELECT answer FROM sb_semantic_cache"
                    + " WHERE answer_key = ? AND expires_at > ?").setParameter(1, answerKey)
                    .setParameter(2, Timestamp.from(clock.instant())).getResultList());
            return rows.isEmpty() ? null : text(rows.get(0)).getBytes(StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Semantic cache: an answer could not be read from the database ({0}); a miss.",
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private void pruneIfDue(EntityManager em, Instant now) {
        if (now.isBefore(nextPrune)) {
            return;
        }
        nextPrune = now.plus(PRUNE_EVERY);
        em.createNativeQuery("DELETE FROM sb_semantic_cache WHERE expires_at <= ?").setParameter(1, Timestamp.from(now))
                .executeUpdate();
    }

    /** Derby hands a CLOB column back as a {@link Clob}, PostgreSQL a TEXT column as a string. */
    private static String text(Object column) {
        if (column instanceof Clob clob) {
            try {
                return clob.getSubString(1, (int) clob.length());
            } catch (SQLException e) {
                throw new IllegalStateException("unreadable CLOB", e);
            }
        }
        return (String) column;
    }

    /** The readable columns are for operators; a longer value is cut, the scope hash decides matches. */
    private static String clip(String value) {
        return value.length() <= 255 ? value : value.substring(0, 255);
    }
}
