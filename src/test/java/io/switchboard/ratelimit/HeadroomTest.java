package io.switchboard.ratelimit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The headroom gauges' source: the last level per party and window, bounded in how many parties it keeps. */
class HeadroomTest {
    @Test
    void keepsTheLastLevelPerPartyAndWindow() {
        Headroom headroom = new Headroom(10);
        headroom.record("rpm", "key:k1", 5, 4);
        headroom.record("rpm", "key:k1", 5, 3);
        headroom.record("tpm", "key:k1", 100, 60);
        assertEquals(List.of(new Headroom.Level("rpm", "key:k1", 5, 3)),
                headroom.levels().stream().filter(l -> l.window().equals("rpm")).toList());
        assertEquals(2, headroom.levels().size());
    }

    @Test
    void stopsTrackingNewPartiesAtItsCapacityButKeepsUpdatingKnownOnes() {
        Headroom headroom = new Headroom(2);
        headroom.record("rpm", "key:a", 5, 4);
        headroom.record("rpm", "key:b", 5, 4);
        headroom.record("rpm", "key:c", 5, 4);
        headroom.record("rpm", "key:a", 5, 1);
        assertEquals(2, headroom.levels().size());
        assertEquals(1, headroom.levels().stream().filter(l -> l.scope().equals("key:a")).findFirst().orElseThrow()
                .remaining());
    }

    @Test
    void aLimiterRecordsWhatEachAdmittedCallLeft() {
        RateLimiter limiter = new RateLimiter(new InProcessLimits());
        limiter.admit(List.of(new Quota("team:t1", 10L, 1000L, null)), 100, "call-1");
        limiter.admit(List.of(new Quota("team:t1", 10L, 1000L, null)), 100, "call-2");
        assertEquals(8, limiter.headroom().stream().filter(l -> l.window().equals("rpm")).findFirst().orElseThrow()
                .remaining());
        assertEquals(800, limiter.headroom().stream().filter(l -> l.window().equals("tpm")).findFirst().orElseThrow()
                .remaining());
    }
}
