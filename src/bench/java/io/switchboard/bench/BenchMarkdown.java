package io.switchboard.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Renders a {@link BenchReport} as the markdown results page: machine, command, issue 7's targets, tables. */
final class BenchMarkdown {
    private final BenchReport report;
    private final StringBuilder md = new StringBuilder();

    BenchMarkdown(BenchReport report) {
        this.report = report;
    }

    String render() {
        md.append("# Switchboard overhead benchmark\n\n");
        if (report.smoke()) {
            md.append("> **SMOKE RUN** (").append(report.seconds()).append(" s per step): it proves the harness works "
                    + "end to end. These numbers are not figures; do not quote them.\n\n");
        }
        md.append("Measured ").append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(". Latencies in "
                + "microseconds. *Added* = gateway percentile minus direct percentile at the same step "
                + "(a difference of percentiles).\n\n");
        machine();
        md.append("## Command\n\n```sh\n").append(report.command()).append("\n```\n\n");
        md.append("| setting | value |\n|---|---|\n");
        report.settings().forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
        md.append('\n');
        targets();
        telemetryCost();
        Set<String> configs = new LinkedHashSet<>();
        report.rows().forEach(r -> configs.add(r.config()));
        configs.addAll(report.unavailable().keySet());
        for (String config : configs) {
            config(config);
        }
        return md.toString();
    }

    private void machine() {
        md.append("## Machine\n\n| | |\n|---|---|\n")
                .append("| CPU | ").append(Machine.cpuModel()).append(", ").append(Machine.cores()).append(" cores |\n")
                .append("| memory | ").append(Machine.memory()).append(" |\n")
                .append("| kernel | ").append(Machine.kernel()).append(" |\n")
                .append("| Java | ").append(Machine.java()).append(" |\n")
                .append("| gateway runtime | ").append(report.runtime()).append(" |\n")
                .append("| load average at start / end | ").append(report.loadAtStart()).append(" / ")
                .append(Machine.loadAverage()).append(" |\n\n");
    }

    private void targets() {
        md.append("## Issue 7 targets\n\n| target | goal | measured | met |\n|---|---|---|---|\n");
        // At a fixed rate (open loop) the added latency is the gateway's own time per request. A closed loop at
        // saturation (wrk) adds the queue of 16 requests sharing one core, about 16 / throughput: shown too.
        Optional<BenchReport.Row> open = row("bare", "open-loop", "added", 16);
        String rate = open.map(r -> String.format(Locale.ROOT, " at %.0f req/s", r.rate())).orElse("");
        target("bare: added latency p50 at 16 connections (open loop" + rate + ")", "<= 500 us", open.map(BenchReport.Row::p50), v -> v <= 500);
        target("bare: added latency p99 at 16 connections (open loop" + rate + ")", "<= 3000 us", open.map(BenchReport.Row::p99), v -> v <= 3000);
        if (open.isPresent()) {
            double p50 = open.get().p50() * 1.5;
            double p99 = open.get().p99() * 1.5;
            Optional<BenchReport.Row> full = row("full", "open-loop", "added", 16);
            target("full: added latency p50 at 16 connections (open loop" + rate + ")", "<= 1.5 x bare = " + us(p50), full.map(BenchReport.Row::p50), v -> v <= p50);
            target("full: added latency p99 at 16 connections (open loop" + rate + ")", "<= 1.5 x bare = " + us(p99), full.map(BenchReport.Row::p99), v -> v <= p99);
        }
        Optional<BenchReport.Row> added16 = row("bare", "wrk", "added", 16);
        target("bare: added latency p50 at 16 connections (wrk closed loop at saturation: queueing included)", "<= 500 us", added16.map(BenchReport.Row::p50), v -> v <= 500);
        target("bare: added latency p99 at 16 connections (wrk closed loop at saturation: queueing included)", "<= 3000 us", added16.map(BenchReport.Row::p99), v -> v <= 3000);
        target("bare: gateway CPU per request at saturation (wrk, at the saturation step)", "<= 200 us",
                saturation("bare").map(BenchReport.Row::cpuPerRequest), v -> v <= 200);
        target("bare: saturation throughput, gateway on one core", ">= 4000 req/s",
                saturation("bare").map(BenchReport.Row::throughput), v -> v >= 4000);
        target("bare: added time to first streamed chunk, p50", "<= 2000 us",
                row("bare", "stream-first-chunk", "added", -1).map(BenchReport.Row::p50), v -> v <= 2000);
        Optional<Double> gap = row("bare", "stream-chunk-gap", "gateway", -1)
                .flatMap(g -> row("bare", "stream-chunk-gap", "direct", -1).map(d -> g.p50() - d.p50()));
        target("bare: chunk gap p50, gateway minus direct (no batching)", "within +-1000 us", gap, v -> Math.abs(v) <= 1000);
        target("bare: RSS under load", "<= 512 MB", metric("bare", "rss_load_max_mb"), v -> v <= 512);
        Optional<Double> growth = metric("bare", "soak_rss_last_mb").flatMap(l -> metric("bare", "soak_rss_first_mb").map(f -> l - f));
        target("bare: RSS growth over the soak (--soak-seconds 600)", "none (<= 16 MB)", growth, v -> v <= 16);
        long errors = report.rows().stream().filter(r -> !r.series().equals("direct") && !r.step().equals("metric"))
                .mapToLong(BenchReport.Row::errors).sum();
        target("errors through the gateway (no errors injected unless --error-rate)", "0", Optional.of((double) errors), v -> v == 0);
        md.append('\n');
    }

    /** Issue 6: what tracing and the access log cost, "full" against "full-telemetry-off" in the same run. */
    private void telemetryCost() {
        if (row("full-telemetry-off", "wrk", "added", 16).isEmpty() || row("full", "wrk", "added", 16).isEmpty()) {
            return;
        }
        md.append("## Telemetry on vs off (issue 6)\n\n\"full\" (OTel spans exported over OTLP, JSON access log) "
                + "against \"full-telemetry-off\" (the same governance, tracing and access log off), same run.\n\n"
                + "| measure | telemetry off | telemetry on | on minus off |\n|---|---|---|---|\n");
        compare("added latency p50 at 16 connections (us)", c -> row(c, "wrk", "added", 16).map(BenchReport.Row::p50));
        compare("added latency p99 at 16 connections (us)", c -> row(c, "wrk", "added", 16).map(BenchReport.Row::p99));
        compare("gateway CPU per request at saturation (us)", c -> saturation(c).map(BenchReport.Row::cpuPerRequest));
        compare("saturation throughput (req/s)", c -> saturation(c).map(BenchReport.Row::throughput));
        compare("RSS under load (MB)", c -> metric(c, "rss_load_max_mb"));
        md.append('\n');
    }

    private void compare(String what, java.util.function.Function<String, Optional<Double>> measure) {
        Optional<Double> off = measure.apply("full-telemetry-off");
        Optional<Double> on = measure.apply("full");
        md.append("| ").append(what).append(" | ").append(off.map(BenchReport::num).orElse("-")).append(" | ")
                .append(on.map(BenchReport::num).orElse("-")).append(" | ")
                .append(off.isPresent() && on.isPresent() ? BenchReport.num(on.get() - off.get()) : "-").append(" |\n");
    }

    private void target(String what, String goal, Optional<Double> measured, java.util.function.DoublePredicate met) {
        md.append("| ").append(what).append(" | ").append(goal).append(" | ");
        if (measured.isEmpty() || measured.get().isNaN()) {
            md.append("not measured | - |\n");
            return;
        }
        md.append(String.format(Locale.ROOT, "%.1f", measured.get())).append(" | ")
                .append(report.smoke() ? "(smoke)" : met.test(measured.get()) ? "yes" : "**no**").append(" |\n");
    }

    private void config(String config) {
        md.append("## ").append(config).append("\n\n");
        if (report.unavailable().containsKey(config)) {
            md.append("**").append(report.unavailable().get(config)).append("**\n\n");
        }
        md.append("| metric | value | note |\n|---|---|---|\n");
        report.rows().stream().filter(r -> r.config().equals(config) && r.step().equals("metric"))
                .forEach(r -> md.append("| ").append(r.series()).append(" | ").append(BenchReport.num(r.value()))
                        .append(" | ").append(r.note()).append(" |\n"));
        md.append("\n| step | series | conns | offered req/s | requests | errors | req/s | p50 | p90 | p99 | p99.9 | max "
                + "| gateway CPU us/req |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        report.rows().stream().filter(r -> r.config().equals(config) && !r.step().equals("metric"))
                .forEach(r -> md.append("| ").append(r.step()).append(" | ").append(r.series()).append(" | ")
                        .append(r.connections()).append(" | ").append(BenchReport.num(r.rate())).append(" | ")
                        .append(r.requests()).append(" | ").append(r.errors()).append(" | ")
                        .append(BenchReport.num(r.throughput())).append(" | ").append(BenchReport.num(r.p50()))
                        .append(" | ").append(BenchReport.num(r.p90())).append(" | ").append(BenchReport.num(r.p99()))
                        .append(" | ").append(BenchReport.num(r.p999())).append(" | ").append(BenchReport.num(r.max()))
                        .append(" | ").append(BenchReport.num(r.cpuPerRequest())).append(" |\n"));
        md.append('\n');
    }

    /** The gateway's wrk row with the highest throughput: the saturation point. */
    private Optional<BenchReport.Row> saturation(String config) {
        return report.rows().stream().filter(r -> r.config().equals(config) && r.step().equals("wrk")
                && r.series().equals("gateway")).max(java.util.Comparator.comparingDouble(BenchReport.Row::throughput));
    }

    private Optional<BenchReport.Row> row(String config, String step, String series, int connections) {
        return report.rows().stream().filter(r -> r.config().equals(config) && r.step().equals(step)
                && r.series().equals(series) && (connections < 0 || r.connections() == connections)).findFirst();
    }

    private Optional<Double> metric(String config, String name) {
        return row(config, "metric", name, -1).map(BenchReport.Row::value);
    }

    private static String us(double v) {
        return String.format(Locale.ROOT, "%.0f us", v);
    }
}
