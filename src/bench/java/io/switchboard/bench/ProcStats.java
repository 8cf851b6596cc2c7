package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time and resident memory of a process, from Linux's {@code /proc}: {@code utime + stime} of
 * {@code /proc/<pid>/stat} (all threads, in clock ticks) and {@code VmRSS} / {@code VmHWM} of
 * {@code /proc/<pid>/status}.
 */
final class ProcStats {
    private static final long TICKS_PER_SECOND = clockTicks();

    private ProcStats() {
    }

    /** User plus system CPU time consumed so far, in microseconds. */
    static long cpuMicros(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) may hold spaces; fields after its closing ')' start at field 3.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * 1_000_000L / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time in microseconds by thread kind, from {@code /proc/<pid>/task/*}: {@code jit} (C1/C2
     * compiler threads), {@code gc} (the VM thread, where the serial collector a 1-CPU JVM picks runs,
     * and GC worker threads) and {@code app} (everything else: Liberty and the application). JIT time
     * during a measured step says the warm-up was too short.
     */
    static java.util.Map<String, Long> cpuMicrosByKind(long pid) {
        java.util.Map<String, Long> kinds = new java.util.HashMap<>(java.util.Map.of("jit", 0L, "gc", 0L, "app", 0L));
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String comm = Files.readString(task.resolve("comm")).trim();
                    String stat = Files.readString(task.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long micros = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1_000_000L / TICKS_PER_SECOND;
                    String kind = comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") ? "jit"
                            : comm.equals("VM Thread") || comm.startsWith("GC Thread") || comm.startsWith("G1 ") ? "gc"
                            : "app";
                    kinds.merge(kind, micros, Long::sum);
                } catch (IOException | RuntimeException threadGone) {
                    // a thread that ended between listing and reading
                }
            }
        } catch (IOException e) {
            return kinds;
        }
        return kinds;
    }

    /** Resident set size in kB, or -1 when the process is gone. */
    static long rssKb(long pid) {
        return statusField(pid, "VmRSS:");
    }

    /** Peak resident set size in kB. */
    static long peakRssKb(long pid) {
        return statusField(pid, "VmHWM:");
    }

    static long threads(long pid) {
        return statusField(pid, "Threads:");
    }

    private static long statusField(long pid, String name) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    private static long clockTicks() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            return Long.parseLong(new String(p.getInputStream().readAllBytes()).trim());
        } catch (IOException | RuntimeException e) {
            return 100;
        }
    }

    /** Samples a process's RSS in the background while a step runs, keeping the largest value. */
    static final class RssSampler implements AutoCloseable {
        private final long pid;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile long maxKb;

        RssSampler(long pid) {
            this.pid = pid;
            this.thread = new Thread(this::sample, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        private void sample() {
            while (running) {
                maxKb = Math.max(maxKb, rssKb(pid));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        long maxKb() {
            return maxKb;
        }

        @Override
        public void close() {
            running = false;
            thread.interrupt();
        }
    }
}
