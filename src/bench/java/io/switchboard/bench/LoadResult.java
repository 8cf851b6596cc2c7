package io.switchboard.bench;

import org.HdrHistogram.Histogram;

/**
 * What one load step measured. Latencies are in nanoseconds; for the open-loop driver they run from
 * each request's intended send time, so queueing behind a slow answer counts (no coordinated omission).
 * {@code firstChunk} and {@code chunkGap} are empty unless the step streamed.
 */
record LoadResult(String target, int connections, double offeredRate, double seconds, long requests, long errors,
        Histogram latency, Histogram firstChunk, Histogram chunkGap) {

    double throughput() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    static Histogram histogram() {
        return new Histogram(120_000_000_000L, 3);
    }

    /** A percentile in microseconds, or NaN when nothing was recorded. */
    static double micros(Histogram h, double percentile) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1_000.0;
    }

    static double maxMicros(Histogram h) {
        return h == null || h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1_000.0;
    }
}
