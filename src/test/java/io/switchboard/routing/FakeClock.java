package io.switchboard.routing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A router clock that moves only when told to, or when the router "sleeps": no test waits. */
final class FakeClock implements RouterClock {
    long now = 1_000_000_000_000L;
    final List<Duration> sleeps = new ArrayList<>();

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
        advance(duration);
    }

    void advance(Duration d) {
        now += d.toNanos();
    }
}
