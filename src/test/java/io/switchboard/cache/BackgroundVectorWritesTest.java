package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The semantic cache's database writes happen behind the caller's back: never blocking it, never failing it. */
class BackgroundVectorWritesTest {
    private static final Duration TTL = Duration.ofMinutes(10);

    /** A store whose writes wait for {@link #release} (a database holding a lock); a "lost" entry's write throws. */
    private static final class SlowStore implements VectorStore {
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> saved = new CopyOnWriteArrayList<>();
        final Map<String, float[]> vectors = Map.of("k", new float[] {1f});
        final byte[] answer = {42};

        @Override
        public void save(SemanticEntry entry, Duration ttl) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (entry.answerKey().startsWith("lost")) {
                throw new IllegalStateException("database gone");
            }
            saved.add(entry.answerKey());
        }

        @Override
        public Map<String, float[]> load(String scope) {
            return vectors;
        }

        @Override
        public byte[] answer(String answerKey) {
            return answer;
        }
    }

    private static SemanticEntry entry(String key) {
        return new SemanticEntry("scope", key, new float[] {1f, 0f}, new CacheScope("caller:x", "ns"), "gpt-4o-mini",
                new byte[] {1});
    }

    @Test
    void aBlockedDatabaseNeitherBlocksTheCallerNorGrowsWithoutBound() throws Exception {
        SlowStore store = new SlowStore();
        BackgroundVectorWrites writes = new BackgroundVectorWrites(store, 2);
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) { // one being written (blocked), two queued, two dropped
            writes.save(entry("a" + i), TTL);
        }
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 1_000, "the caller never waited");
        awaitQueued(writes, 2);
        assertEquals(2, writes.dropped());
        store.release.countDown();
        writes.drain(Duration.ofSeconds(5));
        assertEquals(List.of("a0", "a1", "a2"), store.saved, "the queued writes landed, in order");
        writes.save(entry("late"), TTL);
        assertEquals(3, writes.dropped(), "a write after the stop is dropped and counted, not thrown");
    }

    @Test
    void aFailingWriteDoesNotStopTheOnesAfterIt() throws Exception {
        SlowStore store = new SlowStore();
        store.release.countDown();
        BackgroundVectorWrites writes = new BackgroundVectorWrites(store, 10);
        writes.save(entry("lost"), TTL); // throws on the writer thread, never on the caller's
        writes.save(entry("kept"), TTL);
        writes.drain(Duration.ofSeconds(5));
        assertEquals(List.of("kept"), store.saved);
        assertEquals(0, writes.dropped());
    }

    @Test
    void readsGoStraightToTheStore() {
        SlowStore store = new SlowStore(); // its writes are blocked: reads must not wait behind them
        BackgroundVectorWrites writes = new BackgroundVectorWrites(store, 2);
        writes.save(entry("blocked"), TTL);
        assertSame(store.vectors, writes.load("scope"));
        assertSame(store.answer, writes.answer("k"));
        store.release.countDown();
        writes.drain(Duration.ofSeconds(5));
    }

    /** Waits until the writer has taken the first write and {@code queued} are waiting behind it. */
    private static void awaitQueued(BackgroundVectorWrites writes, int queued) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (writes.queued() != queued && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(queued, writes.queued());
    }
}
