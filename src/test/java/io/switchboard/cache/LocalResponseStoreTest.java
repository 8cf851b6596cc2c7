package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LocalResponseStoreTest {
    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Test
    void anEntryExpiresAfterItsOwnTtl() {
        LocalResponseStore store = new LocalResponseStore(100, 1_000_000, ticker);
        store.put("short", new byte[] {1}, Duration.ofSeconds(2));
        store.put("long", new byte[] {2}, Duration.ofSeconds(60));
        nanos.addAndGet(Duration.ofMillis(1_999).toNanos());
        assertArrayEquals(new byte[] {1}, store.get("short"));
        nanos.addAndGet(Duration.ofMillis(2).toNanos());
        assertNull(store.get("short"));
        assertArrayEquals(new byte[] {2}, store.get("long"));
    }

    @Test
    void isBoundedByEntriesWhenEntriesAreSmall() {
        LocalResponseStore store = new LocalResponseStore(50, 1_000_000, ticker);
        for (int i = 0; i < 500; i++) {
            store.put("k" + i, new byte[10], Duration.ofMinutes(1));
        }
        assertTrue(store.size() <= 50, "size " + store.size());
        assertTrue(store.size() >= 40, "a bound, not a purge: size " + store.size());
    }

    @Test
    void isBoundedByBytesWhenEntriesAreLarge() {
        LocalResponseStore store = new LocalResponseStore(10_000, 100_000, ticker);
        for (int i = 0; i < 100; i++) {
            store.put("k" + i, new byte[10_000], Duration.ofMinutes(1));
        }
        assertTrue(store.weight() <= 100_000, "weight " + store.weight());
        assertTrue(store.size() <= 10, "size " + store.size());
        assertTrue(store.size() >= 5, "a bound, not a purge: size " + store.size());
    }

    @Test
    void anAnswerLargerThanAQuarterOfTheBudgetIsNotKept() {
        LocalResponseStore store = new LocalResponseStore(10, 100_000, ticker);
        store.put("small", new byte[100], Duration.ofMinutes(1));
        store.put("huge", new byte[30_000], Duration.ofMinutes(1));
        assertNull(store.get("huge"));
        assertEquals(100, store.get("small").length);
    }
}
