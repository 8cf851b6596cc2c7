package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Collects every measured row and writes them as {@code results.csv} (one row per series, step and
 * connection count) and {@code results.md} (machine, command, tables, and issue 7's targets with
 * the measured figure beside each). "Added" is the gateway's percentile minus the direct one at the
 * same step: a difference of percentiles, not a percentile of per-request differences.
 */
final class BenchReport {
    static final String CSV_HEADER = "config,step,series,connections,rate_rps,requests,errors,throughput_rps,"
            + "p50_us,p90_us,p99_us,p999_us,max_us,gateway_cpu_us_per_req,value,note";

    record Row(String config, String step, String series, int connections, double rate, long requests, long errors,
            double throughput, double p50, double p90, double p99, double p999, double max, double cpuPerRequest,
            double value, String note) {
    }

    private final String command;
    private final int seconds;
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final String loadAtStart = Machine.loadAverage();
    private String runtime = "unknown";

    BenchReport(String command, int seconds) {
        this.command = command;
        this.seconds = seconds;
    }

    void setting(String name, String value) {
        settings.put(name, value);
    }

    void runtime(String description) {
        runtime = description;
    }

    void unavailable(String config, String reason) {
        BenchRun.log(reason);
        unavailable.put(config, reason);
    }

    void metric(String config, String name, double value, String note) {
        rows.add(new Row(config, "metric", name, 0, 0, 0, 0, 0, nan(), nan(), nan(), nan(), nan(), nan(), value, note));
    }

    void wrk(String config, int connections, Wrk.Result direct, Wrk.Result gateway, double cpuPerRequest) {
        rows.add(wrkRow(config, connections, "direct", direct, Double.NaN));
        rows.add(wrkRow(config, connections, "gateway", gateway, cpuPerRequest));
        rows.add(new Row(config, "wrk", "added", connections, nan(), 0, 0, nan(), gateway.p50() - direct.p50(),
                gateway.p90() - direct.p90(), gateway.p99() - direct.p99(), gateway.p999() - direct.p999(), nan(),
                nan(), nan(), "gateway percentile minus direct percentile"));
    }

    private static Row wrkRow(String config, int connections, String series, Wrk.Result r, double cpu) {
        return new Row(config, "wrk", series, connections, nan(), r.requests(), r.errors(), r.throughput(), r.p50(),
                r.p90(), r.p99(), r.p999(), r.max(), cpu, nan(), "closed loop");
    }

    /** Adds a direct/gateway/added triple (or only the gateway when direct is null) of an open-loop step. */
    void openLoop(String config, String step, LoadResult direct, LoadResult gateway, double cpuPerRequest) {
        if (direct != null) {
            rows.add(loadRow(config, step, "direct", direct, direct.latency(), Double.NaN));
        }
        rows.add(loadRow(config, step, "gateway", gateway, gateway.latency(), cpuPerRequest));
        if (direct != null) {
            rows.add(added(config, step, "added", direct, gateway, direct.latency(), gateway.latency()));
        }
        if (gateway.firstChunk().getTotalCount() > 0) {
            if (direct != null) {
                rows.add(loadRow(config, step + "-first-chunk", "direct", direct, direct.firstChunk(), nan()));
            }
            rows.add(loadRow(config, step + "-first-chunk", "gateway", gateway, gateway.firstChunk(), nan()));
            if (direct != null) {
                rows.add(added(config, step + "-first-chunk", "added", direct, gateway, direct.firstChunk(),
                        gateway.firstChunk()));
                rows.add(loadRow(config, step + "-chunk-gap", "direct", direct, direct.chunkGap(), nan()));
            }
            rows.add(loadRow(config, step + "-chunk-gap", "gateway", gateway, gateway.chunkGap(), nan()));
        }
    }

    private static Row loadRow(String config, String step, String series, LoadResult r,
            org.HdrHistogram.Histogram h, double cpu) {
        return new Row(config, step, series, r.connections(), r.offeredRate(), r.requests(), r.errors(), r.throughput(),
                LoadResult.micros(h, 50), LoadResult.micros(h, 90), LoadResult.micros(h, 99), LoadResult.micros(h, 99.9),
                LoadResult.maxMicros(h), cpu, h.getTotalCount(), "open loop, latency from the intended send time");
    }

    private static Row added(String config, String step, String series, LoadResult d, LoadResult g,
            org.HdrHistogram.Histogram dh, org.HdrHistogram.Histogram gh) {
        return new Row(config, step, series, g.connections(), g.offeredRate(), 0, 0, nan(),
                LoadResult.micros(gh, 50) - LoadResult.micros(dh, 50), LoadResult.micros(gh, 90) - LoadResult.micros(dh, 90),
                LoadResult.micros(gh, 99) - LoadResult.micros(dh, 99),
                LoadResult.micros(gh, 99.9) - LoadResult.micros(dh, 99.9), nan(), nan(), nan(),
                "gateway percentile minus direct percentile");
    }

    List<Row> rows() {
        return rows;
    }

    Map<String, String> unavailable() {
        return unavailable;
    }

    boolean smoke() {
        return seconds < 30;
    }

    void write(Path out) throws IOException {
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        for (Row r : rows) {
            csv.append(String.join(",", r.config(), r.step(), r.series(), Integer.toString(r.connections()),
                    num(r.rate()), Long.toString(r.requests()), Long.toString(r.errors()), num(r.throughput()),
                    num(r.p50()), num(r.p90()), num(r.p99()), num(r.p999()), num(r.max()), num(r.cpuPerRequest()),
                    num(r.value()), '"' + r.note() + '"')).append('\n');
        }
        Files.writeString(out.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(out.resolve("results.md"), new BenchMarkdown(this).render(), StandardCharsets.UTF_8);
    }

    String command() {
        return command;
    }

    int seconds() {
        return seconds;
    }

    Map<String, String> settings() {
        return settings;
    }

    String runtime() {
        return runtime;
    }

    String loadAtStart() {
        return loadAtStart;
    }

    static String num(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.1f", v);
    }

    private static double nan() {
        return Double.NaN;
    }
}
