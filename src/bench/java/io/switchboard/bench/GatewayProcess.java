package io.switchboard.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged gateway as users run it ({@code java -jar target/switchboard.jar}, configured only
 * through the environment, like the ITs' GatewayServer), pinned with {@code taskset} to one core.
 * The runnable jar is a launcher: it extracts Liberty and starts the server in a child JVM that
 * inherits the CPU affinity and takes its JVM options from {@code JVM_ARGS}. CPU and memory are
 * read from that child, the process that serves.
 */
final class GatewayProcess implements AutoCloseable {
    private static final Pattern STARTED = Pattern.compile("CWWKF0011I.* ([0-9.]+) seconds");
    private static final Pattern LAUNCHING = Pattern.compile("Launching defaultServer \\(([^)]*)\\)");

    private final Process launcher;
    private final int port;
    private final Path dir;
    private long serverPid = -1;
    private double startupSeconds;

    private GatewayProcess(Process launcher, int port, Path dir) {
        this.launcher = launcher;
        this.port = port;
        this.dir = dir;
    }

    static GatewayProcess start(Path jar, Path dir, String configYaml, Map<String, String> env, String core,
            List<String> jvmArgs) throws IOException {
        deleteTree(dir); // the runnable jar refuses to extract over an earlier run
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, configYaml);
        int port = freePort();
        List<String> command = new ArrayList<>(List.of("taskset", "-c", core, javaBinary(), "-jar",
                jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.log").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("LITELLM_")
                || k.startsWith("SWITCHBOARD_") || k.startsWith("OTEL_") || k.equals("JAVA_TOOL_OPTIONS"));
        environment.put("PORT", Integer.toString(port));
        environment.put("HOST", "127.0.0.1");
        environment.put("CONFIG_FILE_PATH", config.toAbsolutePath().toString());
        environment.put("WLP_JAR_EXTRACT_DIR", dir.resolve("extract").toAbsolutePath().toString());
        environment.put("JVM_ARGS", String.join(" ", jvmArgs));
        environment.putAll(env);
        long began = System.nanoTime();
        GatewayProcess gateway = new GatewayProcess(builder.start(), port, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close));
        gateway.awaitReady(Duration.ofSeconds(300));
        gateway.startupSeconds = (System.nanoTime() - began) / 1e9;
        gateway.serverPid = gateway.findServerPid();
        return gateway;
    }

    int port() {
        return port;
    }

    /** The serving JVM's pid (the launcher's child running ws-server.jar). */
    long pid() {
        return serverPid;
    }

    /** Wall time from {@code java -jar} (extraction included) to the first 200 from /health/liveliness. */
    double startupSeconds() {
        return startupSeconds;
    }

    /** Liberty's own "server started in N seconds" (CWWKF0011I), or NaN. */
    double libertyStartedSeconds() {
        Matcher m = STARTED.matcher(consoleLog());
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** "Open Liberty 26.0.0.3/wlp-1.0.x) on OpenJDK ..." from the launch line. */
    String runtimeDescription() {
        Matcher m = LAUNCHING.matcher(consoleLog());
        return m.find() ? m.group(1) : "unknown";
    }

    String consoleLog() {
        try {
            return Files.readString(dir.resolve("console.log"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitReady(Duration limit) throws IOException {
        // HTTP/1.1: the JDK client's default h2c upgrade would park a Liberty thread in its HTTP/2 set-up.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("The gateway exited during start-up; see " + dir.resolve("console.log"));
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/health/liveliness")).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("The gateway did not become ready within " + limit);
    }

    private long findServerPid() {
        Optional<ProcessHandle> server = launcher.toHandle().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("ws-server.jar")).findFirst();
        return server.map(ProcessHandle::pid).orElse(launcher.pid());
    }

    @Override
    public void close() {
        Optional<ProcessHandle> server = serverPid > 0 ? ProcessHandle.of(serverPid) : Optional.empty();
        launcher.destroy();
        try {
            launcher.waitFor(30, TimeUnit.SECONDS);
            // The launcher stops its server on SIGTERM; wait for it so the next step has the core.
            if (server.isPresent()) {
                server.get().onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            server.ifPresent(ProcessHandle::destroyForcibly);
            launcher.destroyForcibly();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
