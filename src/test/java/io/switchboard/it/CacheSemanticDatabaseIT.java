package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
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
        onNewDatabase((db, env) -> {
            String answer = answerAndStop("cache-semdb-pg", env);
            try (Connection c = connect(db);
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
        });
    }

    /**
     * Vectors are written behind the call: the row appears shortly after the answer, a database that
     * blocks writes (a table lock held by another session) neither slows nor fails the calls meanwhile,
     * and their writes land once it lets go; a database that refuses them fails no call either.
     */
    @Test
    void aSlowOrFailingDatabaseNeverHoldsUpTheCall() throws Exception {
        onNewDatabase((db, env) -> {
            current = CacheGateway.start("cache-semdb-behind", PARAMS, env);
            try (Connection locker = connect(db)) {
                assertFalse(fromCache(timedPost("What is the capital city of France?")));
                awaitRows(db, 1);
                assertTrue(fromCache(timedPost("Which city is the capital of France?")), "the paraphrase");

                locker.setAutoCommit(false); // EXCLUSIVE blocks every write to the table; plain reads pass
                locker.createStatement().execute("LOCK TABLE sb_semantic_cache IN EXCLUSIVE MODE");
                for (String q : new String[] {"How many moons does Jupiter have?", "Who wrote the novel Moby Dick?",
                        "What is the boiling point of water at sea level?"}) {
                    assertFalse(fromCache(timedPost(q)));
                }
                assertEquals(1, rows(db), "the three writes wait behind the lock");
                locker.rollback();
                awaitRows(db, 4);

                locker.setAutoCommit(true);
                locker.createStatement().execute("ALTER TABLE sb_semantic_cache RENAME TO sb_semantic_cache_gone");
                assertFalse(fromCache(timedPost("Which language do people speak in Brazil?")), "no table: a miss");
                assertEquals(5, upstreamCalls(), "each new question reached the provider once");
            } finally {
                current.close();
            }
        });
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

    /** A question whose answer must come back, with 200, well within the time a blocked write would take. */
    private HttpResponse<String> timedPost(String question) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(current.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(20)).POST(HttpRequest.BodyPublishers.ofString(body(question).toString()))
                .build(), HttpResponse.BodyHandlers.ofString());
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(millis < 5_000, "answered in " + millis + " ms");
        return r;
    }

    private static void awaitRows(String db, int expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(10);
        while (rows(db) < expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(expected, rows(db));
    }

    private static int rows(String db) throws Exception {
        try (Connection c = connect(db); ResultSet r = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM sb_semantic_cache")) {
            r.next();
            return r.getInt(1);
        }
    }

    private static Connection connect(String db) throws Exception {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "");
    }

    /** Runs {@code test} against a PostgreSQL database of its own, dropped afterwards. */
    private static void onNewDatabase(DatabaseTest test) throws Exception {
        String db = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = connect("test")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        try {
            test.run(db, Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + db));
        } finally {
            try (Connection admin = connect("test")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    @FunctionalInterface
    private interface DatabaseTest {
        void run(String db, Map<String, String> env) throws Exception;
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
