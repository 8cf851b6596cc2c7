package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis store against the real Redis on 127.0.0.1:6379 (keys under a per-run prefix, deleted
 * after), and against a closed port and a server that accepts connections but never answers: both
 * must be quick misses, never exceptions. (The circuit breaker around it is tested in the running
 * server, where MicroProfile Fault Tolerance applies: CacheRedisDownIT.)
 */
class RedisResponseStoreTest {
    private static final String PREFIX = "switchboard-cache-test-" + UUID.randomUUID();
    private static RedisLink link;

    @BeforeAll
    static void connect() {
        link = new RedisLink(URI.create("redis://127.0.0.1:6379/0"), Duration.ofMillis(500));
    }

    @AfterAll
    static void cleanUp() {
        List<byte[]> keys = link.commands().keys(RedisResponseStore.bytes(PREFIX + "*"));
        if (!keys.isEmpty()) {
            link.commands().del(keys.toArray(new byte[0][]));
        }
        link.close();
    }

    private static RedisResponseStore store() {
        return new RedisResponseStore(link, new RedisBreaker(), PREFIX);
    }

    @Test
    void storesAndExpiresAnswersInRedis() throws Exception {
        RedisResponseStore store = store();
        store.put("k1", new byte[] {1, 2, 3}, Duration.ofMillis(300));
        assertArrayEquals(new byte[] {1, 2, 3}, store.get("k1"));
        assertTrue(link.commands().pttl(RedisResponseStore.bytes(PREFIX + ":response:k1")) <= 300);
        Thread.sleep(450);
        assertNull(store.get("k1"));
    }

    @Test
    void aSecondClientSeesTheSameAnswers() {
        store().put("shared", new byte[] {9}, Duration.ofMinutes(1));
        RedisLink other = new RedisLink(URI.create("redis://127.0.0.1:6379/0"), Duration.ofMillis(500));
        try {
            assertArrayEquals(new byte[] {9}, new RedisResponseStore(other, new RedisBreaker(), PREFIX).get("shared"));
        } finally {
            other.close();
        }
    }

    @Test
    void vectorsArePersistedPerScope() {
        RedisVectors vectors = new RedisVectors(link, new RedisBreaker(), PREFIX);
        CacheScope tenancy = new CacheScope("team:t1", "switchboard");
        vectors.save(new SemanticEntry("scope-a", "answer-1", new float[] {0.5f, -1f, 2f}, tenancy, "m", new byte[0]),
                Duration.ofMinutes(1));
        vectors.save(new SemanticEntry("scope-b", "answer-2", new float[] {1f, 0f, 0f}, tenancy, "m", new byte[0]),
                Duration.ofMinutes(1));
        Map<String, float[]> a = vectors.load("scope-a");
        assertEquals(1, a.size());
        assertArrayEquals(new float[] {0.5f, -1f, 2f}, a.get("answer-1"));
        assertTrue(vectors.load("scope-c").isEmpty());
        assertNull(vectors.answer("answer-1"), "Redis keeps answers in the response store, not beside vectors");
    }

    @Test
    void aClosedPortIsAQuickMiss() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertQuickMisses(URI.create("redis://127.0.0.1:" + port + "/0"));
    }

    @Test
    void aServerThatNeverAnswersIsAMissWithinTheTimeout() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            List<Socket> accepted = new ArrayList<>();
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertQuickMisses(URI.create("redis://127.0.0.1:" + silent.getLocalPort() + "/0"));
        }
    }

    private static void assertQuickMisses(URI uri) {
        RedisLink dead = new RedisLink(uri, Duration.ofMillis(200));
        try {
            RedisResponseStore store = new RedisResponseStore(dead, new RedisBreaker(), PREFIX);
            for (int i = 0; i < 3; i++) {
                long start = System.nanoTime();
                store.put("k", new byte[] {1}, Duration.ofMinutes(1));
                assertNull(store.get("k"));
                long millis = (System.nanoTime() - start) / 1_000_000;
                System.out.println("[cache-test] dead Redis " + uri.getPort() + " put+get " + i + ": " + millis + " ms");
                // The first round also loads Netty's classes, which on a busy machine takes seconds.
                assertTrue(i == 0 || millis < 1_500, "a dead Redis took " + millis + " ms");
            }
        } finally {
            dead.close();
        }
    }
}
