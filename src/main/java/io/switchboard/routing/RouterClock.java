package io.switchboard.routing;

import java.time.Duration;

/**
 * The router's sense of time: a monotonic reading for cooldowns, usage minutes and latency, and
 * the wait before a retry. Tests pass a fake whose {@code sleep} only moves the reading forward,
 * so cooldowns and backoff are tested without sleeping.
 */
public interface RouterClock {
    RouterClock SYSTEM = new RouterClock() {
        @Override
        public long nanos() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    };

    /** A monotonic reading in nanoseconds (only differences mean anything). */
    long nanos();

    void sleep(Duration duration);
}
