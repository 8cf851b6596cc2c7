package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The semantic cache with its vectors and answers in the gateway's database ({@code type:
 * database-semantic}): a paraphrase is answered from the cache by the same instance, and, after the
 * gateway stopped, by a new one on the same database that never called its provider. On PostgreSQL
 * and on embedded Derby (kept across the restart in a Liberty output directory outside the server's).
 */
class CacheSemanticDatabaseIT extends CacheClient {
    static final String PARAMS = "{type: database-semantic, ttl: 600, similarity_threshold: 0.8,"
            + " redis_semantic_cache_embedding_model: bag-of-words-embedding}";
    private CacheGateway current;

    @Override
    CacheGateway gateway() {
        return current;
    }

    @Test
    void postgresqlKeepsTheVectorsAcrossARestart() throws Exception {
        String db = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        try {
            Map<String, String> env = Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + db);
            String answer = answerAndStop("cache-semdb-pg", env);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
                 ResultSet row = c.createStatement().executeQuery("SELECT tenant, namespace, model_group, vector,"
                         + " expires_at > created_at FROM sb_semantic_cache")) {
                assertTrue(row.next(), "the vector was written to the database");
                assertEquals("caller:MASTER_KEY", row.getString(1));
                assertEquals("switchboard", row.getString(2));
                assertEquals("gpt-4o-mini", row.getString(3));
                assertTrue(row.getString(4).matches("[A-Za-z0-9+/]+=*"), "base64 float32");
                assertTrue(row.getBoolean(5));
                assertFalse(row.next(), "the paraphrase, served from the cache, stored nothing");
            }
            findAfterRestart("cache-semdb-pg-2", env, answer);
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    @Test
    void derbyKeepsTheVectorsAcrossARestart() throws Exception {
        // Liberty keeps embedded Derby under its output directory; one outside the server's survives it.
        Path output = Path.of(System.getProperty("switchboard.it.dir", "target/it"), "cache-semdb-derby-output",
                UUID.randomUUID().toString()).toAbsolutePath();
        Map<String, String> env = Map.of("WLP_OUTPUT_DIR", output.toString());
        String answer = answerAndStop("cache-semdb-derby", env);
        findAfterRestart("cache-semdb-derby-2", env, answer);
    }

    /** Asks, serves a paraphrase from the cache, and stops the gateway; returns the answer. */
    private String answerAndStop(String name, Map<String, String> env) throws Exception {
        current = CacheGateway.start(name, PARAMS, env);
        try {
            HttpResponse<String> original = post(body("What is the capital city of France?"));
            assertEquals(200, original.statusCode(), original.body());
            assertFalse(fromCache(original));
            HttpResponse<String> paraphrase = post(body("Which city is the capital of France?"));
            assertTrue(fromCache(paraphrase), "the same instance serves the paraphrase");
            assertEquals(1, upstreamCalls());
            return content(original);
        } finally {
            current.close();
        }
    }

    private void findAfterRestart(String name, Map<String, String> env, String answer) throws Exception {
        current = CacheGateway.start(name, PARAMS, env);
        try {
            HttpResponse<String> paraphrase = post(body("Which city is the capital of France?"));
            assertEquals(200, paraphrase.statusCode(), paraphrase.body());
            assertTrue(fromCache(paraphrase), "the restarted gateway found the vector and its answer");
            assertTrue(paraphrase.headers().firstValue("x-litellm-semantic-similarity").isPresent());
            assertEquals(answer, content(paraphrase));
            assertEquals(0, upstreamCalls(), "the restarted gateway never called its provider");
            assertFalse(fromCache(post(body("How many moons does Jupiter have?"))), "a different question");
            assertEquals(1, upstreamCalls());
        } finally {
            current.close();
        }
    }
}
