package io.switchboard.it;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** Reads Prometheus' text format into sample → value, for before/after comparisons. */
final class Metrics {
    private Metrics() {
    }

    static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        text.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).forEach(l -> {
            int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }

    static double delta(Map<String, Double> before, Map<String, Double> after, String sample) {
        return after.getOrDefault(sample, 0.0) - before.getOrDefault(sample, 0.0);
    }

    /** Scrapes until {@code sample} has grown by {@code expected} (the counters are fed asynchronously). */
    static Map<String, Double> awaitDelta(Supplier<String> scrape, Map<String, Double> before, String sample,
                                          double expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (true) {
            Map<String, Double> after = parse(scrape.get());
            if (delta(before, after, sample) >= expected || Instant.now().isAfter(deadline)) {
                Thread.sleep(300); // the failure and the unknown model, fired after, have settled too
                return parse(scrape.get());
            }
            Thread.sleep(100);
        }
    }
}
