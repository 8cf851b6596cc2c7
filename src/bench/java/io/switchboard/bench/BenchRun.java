package io.switchboard.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's orchestrator (started by {@code src/bench/run-bench.sh}, itself pinned to the load
 * core). One fake upstream serves the whole run; for each configuration it starts the packaged
 * gateway on the gateway core and, step by step, sends the same requests directly to the fake and
 * through the gateway, so every "added" figure compares two measurements taken minutes apart on
 * the same machine state. Writes {@code results.md} and {@code results.csv} under {@code --out}.
 */
public final class BenchRun {
    private static final Pattern KEY = Pattern.compile("\"key\"\\s*:\\s*\"([^\"]+)\"");
    static final String MASTER_KEY = "sk-bench-master-0000";
    private static final String UPSTREAM_KEY = "sk-bench-upstream-0000";

    private final Options o;
    private final BenchReport report;
    private final Path benchDir;
    private final Path out;
    private final String gatewayCore;
    private final String loadCore;
    private final int seconds;
    private final int warmup;
    /** The warm-up at one connection runs in chunks of this many seconds, checking the compiler after each. */
    private static final int WARM_UP_CHUNK_S = 10;
    /** Compiler CPU in a chunk under which the JIT counts as done: 3% of the core. */
    private static final long JIT_QUIET_MICROS = 300_000;

    private BenchRun(Options o, BenchReport report) {
        this.o = o;
        this.report = report;
        this.benchDir = Path.of(o.text("bench-dir", "src/bench"));
        this.out = Path.of(o.text("out", "target/bench"));
        this.gatewayCore = o.text("gateway-core", "1");
        this.loadCore = o.text("load-core", "0");
        this.seconds = o.integer("seconds", 30);
        this.warmup = o.integer("warmup", 60);
    }

    public static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        if (!o.flag("no-wrk") && !Wrk.installed()) {
            System.err.println("wrk is not installed: `apt-get install -y wrk` (Debian package), or pass --no-wrk.");
            System.exit(2);
        }
        BenchReport report = new BenchReport(o.text("command", "(not given)"), o.integer("seconds", 30));
        BenchRun run = new BenchRun(o, report);
        Files.createDirectories(run.out);
        report.setting("upstream", "delay " + o.integer("delay-ms", 0) + " ms, body ~" + o.integer("size", 1024)
                + " B, stream " + o.integer("chunks", 20) + " chunks every " + o.integer("chunk-gap-ms", 10)
                + " ms, error rate " + o.decimal("error-rate", 0));
        report.setting("steps", run.seconds + " s measured after " + run.warmup + " s warm-up; open loop at "
                + o.integer("rate", 1000) + " req/s, streams at " + o.integer("stream-rate", 50) + " /s");
        report.setting("pinning", "gateway on core " + run.gatewayCore + " (taskset, -XX:ActiveProcessorCount=1); "
                + "fake upstream, wrk, driver on core " + run.loadCore);
        int heldDelay = o.integer("held-delay-ms", 1000);
        if (heldDelay > 0) {
            report.setting("held step", "a second fake answering after " + heldDelay + " ms, open loop at "
                    + o.integer("held-rate", 50) + " req/s: requests in flight as with a real LLM");
        }
        try (FakeProcess fake = FakeProcess.start(run.loadCore, run.fakeArgs(o.text("delay-ms", "0")));
                FakeProcess slow = heldDelay > 0 ? FakeProcess.start(run.loadCore, run.fakeArgs("" + heldDelay)) : null) {
            for (String config : o.texts("configs", "bare,full-telemetry-off,full")) {
                try {
                    run.runConfig(config, fake, slow == null ? fake : slow);
                } catch (IllegalStateException | IOException e) {
                    // One configuration that cannot start (e.g. full, before its features land) must not
                    // cost the other its figures.
                    report.unavailable(config, config + ": not measured: " + e.getMessage());
                }
            }
        } finally {
            report.write(run.out);
        }
        System.out.println("Results: " + run.out.resolve("results.md") + " and " + run.out.resolve("results.csv"));
    }

    private List<String> fakeArgs(String delayMillis) {
        return List.of("--delay-ms", delayMillis, "--size", o.text("size", "1024"), "--chunks", o.text("chunks", "20"),
                "--chunk-gap-ms", o.text("chunk-gap-ms", "10"), "--error-rate", o.text("error-rate", "0"));
    }

    private void runConfig(String name, FakeProcess fake, FakeProcess slow) throws Exception {
        log("== " + name + ": starting the gateway");
        Files.deleteIfExists(out.resolve(name + ".jfr")); // never summarise an earlier run's recording
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LITELLM_MASTER_KEY", MASTER_KEY);
        env.put("OPENAI_API_KEY", UPSTREAM_KEY);
        env.putAll(readEnv(benchDir.resolve("config/" + name + ".env")));
        // A variant config shares another's config.yaml and differs only in its environment.
        String yamlName = env.getOrDefault("BENCH_CONFIG_YAML", name);
        env.remove("BENCH_CONFIG_YAML");
        String yaml = Files.readString(benchDir.resolve("config/" + yamlName + ".yaml"))
                .replace("{{UPSTREAM_BASE}}", "http://127.0.0.1:" + fake.port() + "/v1")
                .replace("{{SLOW_UPSTREAM_BASE}}", "http://127.0.0.1:" + slow.port() + "/v1");
        List<String> jvm = new ArrayList<>(List.of("-XX:ActiveProcessorCount=1"));
        jvm.addAll(o.texts("gateway-jvm-args", "").stream().flatMap(a -> List.of(a.split(" ")).stream()).toList());
        try (GatewayProcess gateway = GatewayProcess.start(Path.of(o.text("jar", "target/switchboard.jar")),
                out.resolve("server-" + name), yaml, env, gatewayCore, jvm)) {
            report.runtime(gateway.runtimeDescription());
            report.metric(name, "startup_s", gateway.startupSeconds(), "java -jar to first 200 of /health/liveliness");
            report.metric(name, "liberty_started_s", gateway.libertyStartedSeconds(), "Liberty's CWWKF0011I");
            GatewayProcess.sleep(2_000);
            report.metric(name, "rss_idle_mb", ProcStats.rssKb(gateway.pid()) / 1024.0, "after start, before load");
            long idle0 = ProcStats.cpuMicros(gateway.pid());
            GatewayProcess.sleep(5_000);
            report.metric(name, "idle_cpu_ms_per_s", (ProcStats.cpuMicros(gateway.pid()) - idle0) / 5_000.0,
                    "gateway CPU with no traffic (timers, late start-up work); counted in CPU per request");
            String auth = authorization(name, gateway);
            if (auth == null) {
                return;
            }
            byte[] body = body(false);
            Target direct = new Target("direct", "127.0.0.1", fake.port(), "/v1/chat/completions", auth, body);
            Target proxied = new Target("gateway", "127.0.0.1", gateway.port(), "/v1/chat/completions", auth, body);
            String problem = firstAnswerProblem(proxied);
            if (problem != null) {
                report.unavailable(name, "the gateway's first answer was not 200: " + problem);
                return;
            }
            measure(name, gateway, fake, direct, proxied, slow == fake ? null : direct.withPort(slow.port()));
        }
        Path recording = out.resolve(name + ".jfr");
        if (o.flag("jfr") && Files.exists(recording)) {
            JfrTopFrames.write(recording, out.resolve("profile-" + name + ".md"));
            log(name + ": profile in " + out.resolve("profile-" + name + ".md"));
        }
    }

    private void measure(String name, GatewayProcess gateway, FakeProcess fake, Target direct, Target proxied,
            Target slowDirect) throws Exception {
        long pid = gateway.pid();
        try (ProcStats.RssSampler rss = new ProcStats.RssSampler(pid)) {
            warmUp(name, pid, direct, proxied);
            // Profile the measured steps only, not start-up and JIT warm-up: JFR started over jcmd.
            boolean profiling = o.flag("jfr") && jcmd(pid, "JFR.start", "name=bench", "settings=profile",
                    "filename=" + out.toAbsolutePath().resolve(name + ".jfr"));
            Map<String, Long> cpuBefore = ProcStats.cpuMicrosByKind(pid);
            long totalBefore = ProcStats.cpuMicros(pid);
            if (!o.flag("no-wrk")) {
                for (int connections : o.integers("connections", "1,16,64")) {
                    log(name + ": wrk " + connections + " connections, direct then gateway");
                    Wrk.Result d = Wrk.run(direct, connections, seconds, benchDir.resolve("wrk/post.lua"), out, loadCore);
                    long cpu0 = ProcStats.cpuMicros(pid);
                    long jit0 = ProcStats.cpuMicrosByKind(pid).get("jit");
                    Wrk.Result g = Wrk.run(proxied, connections, seconds, benchDir.resolve("wrk/post.lua"), out, loadCore);
                    long cpu = ProcStats.cpuMicros(pid) - cpu0;
                    long jit = ProcStats.cpuMicrosByKind(pid).get("jit") - jit0;
                    report.wrk(name, connections, d, g, g.requests() == 0 ? Double.NaN : (double) cpu / g.requests());
                    // The JIT's share of a step is start-up cost still being paid, not the cost of a call: shown apart.
                    report.metric(name, "wrk" + connections + "_cpu_us_per_request_without_jit",
                            g.requests() == 0 ? Double.NaN : (double) (cpu - jit) / g.requests(),
                            "the wrk step's gateway CPU per request less the C1/C2 compiler threads' CPU in that step");
                }
            }
            double rate = o.integer("rate", 1000);
            log(name + ": open loop at " + rate + " req/s, direct then gateway");
            // Issue 7's latency targets are "at 16 connections": here 16 keep-alive connections at a fixed rate, so the
            // figure is the gateway's added time per request, not the queue a closed loop at saturation builds.
            int openConnections = o.integer("open-connections", 16);
            LoadResult d = OpenLoopDriver.run(direct, rate, 1, seconds, openConnections);
            long cpu0 = ProcStats.cpuMicros(pid);
            LoadResult g = OpenLoopDriver.run(proxied, rate, 1, seconds, openConnections);
            long cpu = ProcStats.cpuMicros(pid) - cpu0;
            report.openLoop(name, "open-loop", d, g, g.requests() == 0 ? Double.NaN : (double) cpu / g.requests());

            double streamRate = o.integer("stream-rate", 50);
            log(name + ": streams at " + streamRate + " /s, direct then gateway");
            byte[] stream = body(true);
            LoadResult ds = OpenLoopDriver.run(direct.withBody(stream), streamRate, 1, seconds, 64);
            LoadResult gs = OpenLoopDriver.run(proxied.withBody(stream), streamRate, 1, seconds, 64);
            report.openLoop(name, "stream", ds, gs, Double.NaN);
            if (slowDirect != null) {
                held(name, pid, slowDirect, proxied);
            }
            report.metric(name, "rss_load_max_mb", rss.maxKb() / 1024.0, "largest VmRSS sampled every 250 ms under load");
            if (profiling) {
                jcmd(pid, "JFR.stop", "name=bench");
            }
            Map<String, Long> cpuAfter = ProcStats.cpuMicrosByKind(pid);
            long total = ProcStats.cpuMicros(pid) - totalBefore;
            long jit = cpuAfter.get("jit") - cpuBefore.get("jit");
            long gc = cpuAfter.get("gc") - cpuBefore.get("gc");
            // "app" by difference: the executor retires threads, and a thread's CPU leaves /proc/<pid>/task with it.
            report.metric(name, "cpu_s_total_while_measuring", total / 1e6, "gateway CPU over the measured steps");
            report.metric(name, "cpu_s_jit_while_measuring", jit / 1e6, "of which C1/C2 compiler threads (well above 0: warm up longer)");
            report.metric(name, "cpu_s_gc_while_measuring", gc / 1e6, "of which the VM thread (serial GC) and GC threads");
            report.metric(name, "cpu_s_app_while_measuring", (total - jit - gc) / 1e6, "the rest: Liberty and the application");
            int soak = o.integer("soak-seconds", 0);
            // The soak answers "does memory grow?", a property of the proxying path: by default only bare pays its
            // ten minutes, so a three-configuration run stays under half an hour.
            if (soak > 0 && o.texts("soak-configs", "bare").contains(name)) {
                soak(name, proxied, pid, soak);
            }
        }
        GatewayProcess.sleep(3_000);
        report.metric(name, "rss_after_mb", ProcStats.rssKb(pid) / 1024.0, "3 s after the last step");
        report.metric(name, "rss_peak_mb", ProcStats.peakRssKb(pid) / 1024.0, "VmHWM over the whole run");
        report.metric(name, "threads", ProcStats.threads(pid), "server JVM threads at the end");
        report.metric(name, "fake_cpu_s", ProcStats.cpuMicros(fake.pid()) / 1e6, "fake upstream CPU so far");
    }

    /**
     * Requests that stay in flight as long as real LLM calls do (the slow fake's delay): shows whether
     * the gateway's thread model caps concurrency, which zero-delay steps cannot.
     */
    private void held(String name, long pid, Target slowDirect, Target proxied) throws Exception {
        double rate = o.integer("held-rate", 50);
        int inFlight = (int) Math.ceil(rate * o.integer("held-delay-ms", 1000) / 1000.0);
        int connections = Math.max(64, 2 * inFlight + 16);
        byte[] body = body(false, "bench-slow");
        log(name + ": held requests (" + inFlight + " in flight) at " + rate + " req/s, direct then gateway");
        LoadResult d = OpenLoopDriver.run(slowDirect.withBody(body), rate, 2, seconds, connections);
        long cpu0 = ProcStats.cpuMicros(pid);
        LoadResult g = OpenLoopDriver.run(proxied.withBody(body), rate, 2, seconds, connections);
        long cpu = ProcStats.cpuMicros(pid) - cpu0;
        report.openLoop(name, "held-" + o.integer("held-delay-ms", 1000) + "ms", d, g,
                g.requests() == 0 ? Double.NaN : (double) cpu / g.requests());
    }

    /**
     * Lets the JIT compile both paths before anything is recorded. At one connection first, until the compiler
     * threads go quiet: held to one core, a saturating warm-up leaves the C2 compiler one runnable thread among a
     * dozen busy workers, and it was still compiling the hot path during the measured steps (16 s of the full
     * configuration's 90 s of CPU there, after 60 s at 16 connections). Then a third of {@code --warmup} at 16
     * connections, so the measured steps start from saturation, and streams. Closed loop (wrk, or the driver at a
     * modest rate) so a cold gateway slows the warm-up instead of stretching it.
     */
    private void warmUp(String name, long pid, Target direct, Target proxied) throws Exception {
        int saturated = Math.max(1, warmup / 3);
        log(name + ": warm-up at one connection for " + warmup + " s or until the JIT is quiet (at most "
                + 3 * warmup + " s), " + saturated + " s at 16, " + saturated + " s streams");
        if (o.flag("no-wrk")) {
            OpenLoopDriver.run(proxied, Math.min(200, o.integer("rate", 1000)), warmup, 0.001, 16);
            OpenLoopDriver.run(direct, Math.min(200, o.integer("rate", 1000)), saturated, 0.001, 16);
        } else {
            Path script = benchDir.resolve("wrk/post.lua");
            int light = 0;
            long jitInLastChunk;
            do {
                long jit0 = ProcStats.cpuMicrosByKind(pid).get("jit");
                Wrk.run(proxied, 1, WARM_UP_CHUNK_S, script, out, loadCore);
                light += WARM_UP_CHUNK_S;
                jitInLastChunk = ProcStats.cpuMicrosByKind(pid).get("jit") - jit0;
            } while (light < 3 * warmup && (light < warmup || jitInLastChunk > JIT_QUIET_MICROS));
            report.metric(name, "warmup_light_s", light, "warm-up at one connection, until the compiler threads"
                    + " used under " + JIT_QUIET_MICROS / 1000 + " ms of CPU in " + WARM_UP_CHUNK_S + " s"
                    + " (or 3 x --warmup)");
            report.metric(name, "warmup_jit_ms_last_chunk", jitInLastChunk / 1000.0,
                    "compiler CPU in the warm-up's last " + WARM_UP_CHUNK_S + " s at one connection");
            Wrk.run(proxied, 16, saturated, script, out, loadCore);
            Wrk.run(direct, 16, saturated, script, out, loadCore);
        }
        byte[] stream = body(true);
        OpenLoopDriver.run(proxied.withBody(stream), o.integer("stream-rate", 50), saturated, 0.001, 64);
    }

    /** A fixed-rate run of soakSeconds; RSS sampled every 10 s shows whether memory grows. */
    private void soak(String name, Target proxied, long pid, int soakSeconds) throws Exception {
        log(name + ": soak " + soakSeconds + " s at " + o.integer("rate", 1000) + " req/s");
        List<Long> samples = new ArrayList<>();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                samples.add(ProcStats.rssKb(pid));
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        LoadResult r = OpenLoopDriver.run(proxied, o.integer("rate", 1000), 0, soakSeconds, 32);
        sampler.interrupt();
        sampler.join();
        report.openLoop(name, "soak", null, r, Double.NaN);
        // Skip the first minute (heap and code cache still sizing themselves), then compare ends.
        List<Long> settled = samples.subList(Math.min(samples.size() - 1, 6), samples.size());
        report.metric(name, "soak_rss_first_mb", settled.get(0) / 1024.0, "RSS 1 min into the soak");
        report.metric(name, "soak_rss_last_mb", settled.get(settled.size() - 1) / 1024.0, "RSS at the end of the soak");
        report.metric(name, "soak_errors", r.errors(), "non-200 answers during the soak");
    }

    /** The bearer token for a configuration: the master key, or (full and its variants) a virtual key made for the run. */
    private String authorization(String name, GatewayProcess gateway) throws IOException, InterruptedException {
        if (!name.startsWith("full")) {
            return MASTER_KEY;
        }
        String request = "{\"models\":[\"bench\",\"bench-slow\"],\"key_alias\":\"bench-" + System.currentTimeMillis()
                + "\",\"max_budget\":1000000,\"rpm_limit\":100000000,\"tpm_limit\":10000000000}";
        HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + gateway.port() + "/key/generate"))
                .header("Authorization", "Bearer " + MASTER_KEY).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(request)).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher key = KEY.matcher(r.body());
        if (r.statusCode() != 200 || !key.find()) {
            report.unavailable(name, "full: not available yet (POST /key/generate answered " + r.statusCode() + ")");
            return null;
        }
        return key.group(1);
    }

    private static boolean jcmd(long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = p.waitFor() == 0;
        log("jcmd " + String.join(" ", command) + (ok ? ": ok" : ": failed " + output.trim()));
        return ok;
    }

    private static String firstAnswerProblem(Target target) throws IOException {
        try (RawHttpConnection c = new RawHttpConnection(target.host(), target.port())) {
            int status = c.exchange(target.request());
            return status == 200 ? null : "status " + status;
        }
    }

    private static byte[] body(boolean stream) {
        return body(stream, "bench");
    }

    private static byte[] body(boolean stream, String model) {
        return ("{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark.\"}],"
                + "\"max_tokens\":256" + (stream ? ",\"stream\":true" : "") + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> readEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String l = line.trim();
                if (!l.isEmpty() && !l.startsWith("#") && l.contains("=")) {
                    env.put(l.substring(0, l.indexOf('=')).trim(), l.substring(l.indexOf('=') + 1).trim());
                }
            }
        }
        return env;
    }

    static void log(String message) {
        System.out.println("[bench " + java.time.LocalTime.now().withNano(0) + "] " + message);
        System.out.flush();
    }
}
