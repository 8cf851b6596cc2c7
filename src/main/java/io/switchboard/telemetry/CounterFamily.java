package io.switchboard.telemetry;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A Prometheus counter with labels: one {@link LongAdder} per label combination, so concurrent calls
 * add without a lock. Values are whole units scaled by {@code 10^-scale}: tokens and requests with
 * scale 0, spend in nano-dollars with scale 9, so money is never a double.
 */
final class CounterFamily {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final int scale;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    CounterFamily(String name, String help, int scale, String... labelNames) {
        this.name = name;
        this.help = help;
        this.scale = scale;
        this.labelNames = List.of(labelNames);
    }

    void add(long amount, String... labelValues) {
        series.computeIfAbsent(List.of(labelValues), k -> new LongAdder()).add(amount);
    }

    /** The current value of one series, for tests. */
    BigDecimal value(String... labelValues) {
        LongAdder adder = series.get(List.of(labelValues));
        return BigDecimal.valueOf(adder == null ? 0 : adder.sum(), scale);
    }

    /**
     * As Python's prometheus_client writes counters, which LiteLLM's dashboards read: the family is
     * {@code name}, its samples {@code name_total}.
     */
    void writeTo(StringBuilder out) {
        PrometheusText.header(out, name, help, "counter");
        series.forEach((labels, adder) -> {
            out.append(name).append("_total");
            PrometheusText.labels(out, labelNames, labels, null, null);
            out.append(' ').append(BigDecimal.valueOf(adder.sum(), scale).toPlainString()).append('\n');
        });
    }
}
