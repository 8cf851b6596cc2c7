package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the results were measured on: CPU model and count, memory, kernel, Java, and how busy the machine was. */
final class Machine {
    private Machine() {
    }

    static String cpuModel() {
        for (String line : run(List.of("lscpu")).split("\n")) {
            if (line.startsWith("Model name:")) {
                return line.substring("Model name:".length()).trim();
            }
        }
        return "unknown";
    }

    static String cores() {
        return run(List.of("nproc", "--all")).trim();
    }

    static String memory() {
        return firstLine(Path.of("/proc/meminfo")).replaceAll("\\s+", " ");
    }

    static String kernel() {
        return run(List.of("uname", "-r")).trim();
    }

    static String java() {
        return run(List.of(GatewayProcess.javaBinary(), "-version")).trim().replace("\n", "; ");
    }

    /** The 1-, 5- and 15-minute load averages: a busy machine makes every figure worse. */
    static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"));
    }

    private static String firstLine(Path file) {
        try {
            return Files.readAllLines(file).get(0).trim();
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
