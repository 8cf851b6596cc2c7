package io.switchboard.it;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged gateway ({@code target/switchboard.jar}) as users do: {@code java -jar}, configured
 * only through the documented environment variables, on a free loopback port. The process is
 * stopped when the test JVM exits, so no server outlives the build.
 */
public final class GatewayServer implements AutoCloseable {
    private final Process process;
    private final int port;
    private final Path log;
    private Duration startup;

    private GatewayServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the gateway with a config file and extra environment, and waits until it answers.
     *
     * @param name a name for the server's work directory under {@code target/it}
     */
    public static GatewayServer start(String name, String configYaml, Map<String, String> env) throws IOException {
        // A loaded build machine can take minutes to start Liberty; override with -Dswitchboard.it.startup.seconds.
        return start(name, configYaml, env, Duration.ofSeconds(Long.getLong("switchboard.it.startup.seconds", 180)));
    }

    /** As {@link #start(String, String, Map)}, waiting up to {@code limit} (tests that start several servers). */
    public static GatewayServer start(String name, String configYaml, Map<String, String> env, Duration limit)
            throws IOException {
        GatewayServer server = launch(name, configYaml, env);
        Instant began = Instant.now();
        server.awaitReady(limit);
        server.startup = Duration.between(began, Instant.now());
        return server;
    }

    /**
     * Starts the gateway and waits only until Liberty has finished starting (ready or not), for tests
     * of configurations that must stop the application from starting.
     */
    public static GatewayServer startExpectingNoApplication(String name, String configYaml, Map<String, String> env)
            throws IOException {
        GatewayServer server = launch(name, configYaml, env);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(180));
        while (Instant.now().isBefore(deadline) && server.process.isAlive()) {
            if (server.logText().contains("CWWKF0011I")) {
                return server;
            }
            sleep(250);
        }
        return server;
    }

    private static GatewayServer launch(String name, String configYaml, Map<String, String> env) throws IOException {
        Path jar = Path.of(System.getProperty("switchboard.jar", "target/switchboard.jar"));
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn verify` (it packages the jar first)");
        }
        Path dir = Path.of(System.getProperty("switchboard.it.dir", "target/it")).resolve(name);
        deleteTree(dir); // the runnable jar refuses to extract into a directory left by an earlier run
        Files.createDirectories(dir);
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, configYaml);
        Path log = dir.resolve("server.log");
        int port = freePort();

        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", jar.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("PORT", Integer.toString(port));
        environment.put("HOST", "127.0.0.1");
        environment.put("CONFIG_FILE_PATH", config.toAbsolutePath().toString());
        environment.put("WLP_JAR_EXTRACT_DIR", dir.resolve("extract").toAbsolutePath().toString());
        // Only what the test names: a developer's own keys must neither leak into nor change a test.
        environment.keySet().removeIf(k -> k.endsWith("_API_KEY") || k.startsWith("LITELLM_")
                || k.startsWith("SWITCHBOARD_") || k.startsWith("OTEL_") || k.startsWith("AWS_ACCESS_KEY")
                || k.startsWith("AWS_SECRET") || k.startsWith("AWS_SESSION") || k.startsWith("AWS_REGION")
                || k.equals("AWS_DEFAULT_REGION") || k.equals("AWS_BEARER_TOKEN_BEDROCK"));
        environment.putAll(env);

        Process process = builder.start();
        GatewayServer server = new GatewayServer(process, port, log);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        return server;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Wall time from {@code java -jar} to the first successful answer. */
    public Duration startupTime() {
        return startup;
    }

    public String logText() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** Liberty's messages.log (INFO and above, everything the application logs), or "" before it exists. */
    public String messagesLog() throws IOException {
        Path messages = log.getParent().resolve("extract/wlp/usr/servers/defaultServer/logs/messages.log");
        return Files.exists(messages) ? Files.readString(messages, StandardCharsets.UTF_8) : "";
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration limit) throws IOException {
        // HTTP/1.1: an h2c upgrade probe abandoned by its 2 s timeout parks a Liberty executor thread in
        // H2StreamProcessor.waitForConnectionInit; on a loaded machine the probes starve the server they wait for.
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The gateway exited during start-up:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/health/liveliness"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            sleep(250);
        }
        close();
        throw new IllegalStateException("The gateway did not become ready within " + limit + ":\n" + tail());
    }

    /** The last lines of the server's log, for failure messages. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The JDK that runs the gateway: {@code -Dswitchboard.it.java.home=...} to test another Java version. */
    private static String javaBinary() {
        String home = System.getProperty("switchboard.it.java.home", "");
        return Path.of(home.isBlank() ? System.getProperty("java.home") : home, "bin", "java").toString();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
