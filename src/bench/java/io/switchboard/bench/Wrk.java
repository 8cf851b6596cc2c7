package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code wrk} (closed loop: each connection sends its next request when the last answer is
 * in) pinned to the load core, with {@code src/bench/wrk/post.lua} supplying the POST and printing
 * one machine-readable summary line (latencies in microseconds, as wrk keeps them).
 */
final class Wrk {
    private Wrk() {
    }

    record Result(long requests, double seconds, long errors, double p50, double p90, double p99, double p999,
            double max, String raw) {
        double throughput() {
            return requests / seconds;
        }
    }

    static boolean installed() {
        try {
            Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            p.waitFor();
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static Result run(Target target, int connections, int seconds, Path lua, Path workDir, String core)
            throws IOException, InterruptedException {
        Path body = workDir.resolve("wrk-body-" + target.name() + ".json");
        Files.write(body, target.body());
        ProcessBuilder builder = new ProcessBuilder("taskset", "-c", core, "wrk", "-t1", "-c" + connections,
                "-d" + seconds + "s", "--timeout", "30s", "-s", lua.toString(), target.url()).redirectErrorStream(true);
        builder.environment().put("BENCH_BODY_FILE", body.toString());
        builder.environment().put("BENCH_AUTHORIZATION", target.authorization() == null ? "" : target.authorization());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        return parse(out);
    }

    static Result parse(String out) {
        for (String line : out.split("\n")) {
            if (line.startsWith("BENCH_RESULT ")) {
                Map<String, String> kv = new HashMap<>();
                for (String pair : line.substring("BENCH_RESULT ".length()).trim().split(" ")) {
                    String[] p = pair.split("=", 2);
                    kv.put(p[0], p[1]);
                }
                long errors = List.of("connect", "read", "write", "status", "timeout").stream()
                        .mapToLong(k -> Long.parseLong(kv.get(k))).sum();
                return new Result(Long.parseLong(kv.get("requests")), Long.parseLong(kv.get("duration_us")) / 1e6,
                        errors, d(kv, "p50"), d(kv, "p90"), d(kv, "p99"), d(kv, "p999"), d(kv, "max"), out);
            }
        }
        throw new IllegalStateException("wrk printed no BENCH_RESULT line:\n" + out);
    }

    private static double d(Map<String, String> kv, String key) {
        return Double.parseDouble(kv.get(key));
    }
}
