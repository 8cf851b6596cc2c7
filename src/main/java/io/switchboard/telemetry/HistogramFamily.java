package io.switchboard.telemetry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus histogram of durations with labels, lock-free: per series one {@link LongAdder} per
 * bucket and one for the sum in microseconds. Buckets are LiteLLM's {@code LATENCY_BUCKETS}, so
 * dashboards built on its histograms read these the same way.
 */
final class HistogramFamily {
    /** LiteLLM's latency buckets in seconds (litellm/types/integrations/prometheus.py). */
    static final double[] LATENCY_BUCKETS = {0.005, 0.00625, 0.0125, 0.025, 0.05, 0.1, 0.5, 1.0, 1.5, 2.0, 2.5,
        3.0, 3.5, 4.0, 4.5, 5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5, 9.0, 9.5, 10.0, 15.0, 20.0, 25.0, 30.0, 60.0,
        120.0, 180.0, 240.0, 300.0};
    private static final long[] BUCKET_MICROS = new long[LATENCY_BUCKETS.length];

    static {
        for (int i = 0; i < LATENCY_BUCKETS.length; i++) {
            BUCKET_MICROS[i] = Math.round(LATENCY_BUCKETS[i] * 1_000_000);
        }
    }

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    HistogramFamily(String name, String help, String... labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.of(labelNames);
    }

    void observeNanos(long nanos, String... labelValues) {
        series.computeIfAbsent(List.of(labelValues), k -> new Series()).observe(Math.max(0, nanos / 1000));
    }

    /** Observations so far in one series, for tests. */
    long count(String... labelValues) {
        Series s = series.get(List.of(labelValues));
        return s == null ? 0 : s.count.sum();
    }

    void writeTo(StringBuilder out) {
        PrometheusText.header(out, name, help, "histogram");
        series.forEach((labels, s) -> {
            long cumulative = 0;
            for (int i = 0; i < BUCKET_MICROS.length; i++) {
                cumulative += s.buckets[i].sum();
                out.append(name).append("_bucket");
                PrometheusText.labels(out, labelNames, labels, "le", Double.toString(LATENCY_BUCKETS[i]));
                out.append(' ').append(cumulative).append('\n');
            }
            long count = s.count.sum();
            out.append(name).append("_bucket");
            PrometheusText.labels(out, labelNames, labels, "le", "+Inf");
            out.append(' ').append(count).append('\n');
            out.append(name).append("_count");
            PrometheusText.labels(out, labelNames, labels, null, null);
            out.append(' ').append(count).append('\n');
            out.append(name).append("_sum");
            PrometheusText.labels(out, labelNames, labels, null, null);
            out.append(' ').append(s.sumMicros.sum() / 1_000_000.0).append('\n');
        });
    }

    private static final class Series {
        final LongAdder[] buckets = new LongAdder[BUCKET_MICROS.length];
        final LongAdder count = new LongAdder();
        final LongAdder sumMicros = new LongAdder();

        Series() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }

        /** Counts the observation in its own bucket only; the exposition accumulates. */
        void observe(long micros) {
            for (int i = 0; i < BUCKET_MICROS.length; i++) {
                if (micros <= BUCKET_MICROS[i]) {
                    buckets[i].increment();
                    break;
                }
            }
            count.increment();
            sumMicros.add(micros);
        }
    }
}
