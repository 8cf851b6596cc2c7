package io.switchboard.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The fake upstream in its own JVM, pinned to the load core, so its GC never pauses the driver. */
final class FakeProcess implements AutoCloseable {
    private final Process process;
    private final int port;

    private FakeProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static FakeProcess start(String core, List<String> fakeArgs) throws IOException {
        List<String> command = new ArrayList<>(List.of("taskset", "-c", core, GatewayProcess.javaBinary(),
                "-XX:ActiveProcessorCount=1", "-XX:+UseSerialGC", "-Xms256m", "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), FakeUpstream.class.getName()));
        command.addAll(fakeArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IllegalStateException("The fake upstream did not start: " + line);
        }
        FakeProcess fake = new FakeProcess(process, Integer.parseInt(line.substring(10).trim()));
        Runtime.getRuntime().addShutdownHook(new Thread(fake::close));
        return fake;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.destroy();
    }
}
