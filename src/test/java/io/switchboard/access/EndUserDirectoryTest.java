package io.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The end-user lookup every call with a {@code user} makes: one load per end user per cache lifetime. */
class EndUserDirectoryTest {

    @Test
    void loadsEachEndUserOnceWhileCached() {
        AtomicInteger loads = new AtomicInteger();
        EndUserDirectory directory = new EndUserDirectory(Duration.ofMinutes(1), id -> {
            loads.incrementAndGet();
            return id.equals("blocked") ? Optional.of(new EndUserStanding(true, Limits.NONE)) : Optional.empty();
        });
        for (int i = 0; i < 1_000; i++) {
            assertTrue(directory.find("blocked").blocked());
            assertNull(directory.find("unknown-" + (i % 10)));
        }
        assertEquals(11, loads.get(), "one load for the blocked user and one per unknown id");

        directory.forget("blocked");
        directory.find("blocked");
        assertEquals(12, loads.get(), "an admin change on this instance reloads at once");
    }

    /** Prints what the hot path pays per call once the entry is cached; asserts only a generous bound. */
    @Test
    void aCachedLookupCostsAboutAHashMapRead() {
        EndUserDirectory directory = new EndUserDirectory(Duration.ofMinutes(1),
                id -> Optional.of(new EndUserStanding(false, Limits.NONE)));
        int n = 2_000_000;
        for (int i = 0; i < n; i++) { // warm-up
            directory.find("customer-" + (i & 1023));
        }
        long started = System.nanoTime();
        int blocked = 0;
        for (int i = 0; i < n; i++) {
            blocked += directory.find("customer-" + (i & 1023)).blocked() ? 1 : 0;
        }
        double perLookup = (System.nanoTime() - started) / (double) n;
        System.out.printf("[end-user-directory] cached lookup: %.0f ns per call (%d lookups, 1024 end users)%n",
                perLookup, n);
        assertEquals(0, blocked);
        assertTrue(perLookup < 20_000, perLookup + " ns");
    }
}
