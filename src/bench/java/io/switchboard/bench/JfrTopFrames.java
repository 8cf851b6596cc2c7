package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the gateway (taken with {@code --jfr}): the hottest top frames of
 * {@code jdk.ExecutionSample}, the Switchboard frames nearest the top (where our own code spends or
 * causes the time), and the allocation samples ({@code jdk.ObjectAllocationSample}, by weight) by
 * allocated class and by nearest Switchboard frame, and samples by thread. Usable alone:
 * {@code java -cp target/bench-classes io.switchboard.bench.JfrTopFrames target/bench/bare.jfr}.
 */
public final class JfrTopFrames {
    private static final int TOP = 25;

    private JfrTopFrames() {
    }

    public static void main(String[] args) throws IOException {
        System.out.print(summarise(Path.of(args[0])));
    }

    static String summarise(Path recording) throws IOException {
        Map<String, Long> topFrames = new HashMap<>();
        Map<String, Long> ownFrames = new HashMap<>();
        Map<String, Long> allocatedClasses = new HashMap<>();
        Map<String, Long> allocatingOwnFrames = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0;
        long allocated = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            String type = e.getEventType().getName();
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            if (type.equals("jdk.ExecutionSample")) {
                samples++;
                topFrames.merge(name(stack.getFrames().get(0)), 1L, Long::sum);
                ownFrames.merge(nearestOwn(stack.getFrames()), 1L, Long::sum);
                threads.merge(threadGroup(e), 1L, Long::sum);
            } else if (type.equals("jdk.ObjectAllocationSample")) {
                long weight = e.getLong("weight");
                allocated += weight;
                allocatedClasses.merge(e.getClass("objectClass").getName(), weight, Long::sum);
                allocatingOwnFrames.merge(nearestOwn(stack.getFrames()), weight, Long::sum);
            }
        }
        StringBuilder md = new StringBuilder("# JFR profile of the gateway\n\n");
        table(md, "Top frames (" + samples + " execution samples)", topFrames, samples, "samples");
        table(md, "Nearest io.switchboard frame of each execution sample", ownFrames, samples, "samples");
        table(md, "Execution samples by thread (digits folded)", threads, samples, "samples");
        table(md, "Allocated classes (sampled weight, " + allocated / (1024 * 1024) + " MB)", allocatedClasses, allocated,
                "bytes");
        table(md, "Nearest io.switchboard frame of each allocation", allocatingOwnFrames, allocated, "bytes");
        return md.toString();
    }

    private static String threadGroup(RecordedEvent e) {
        var thread = e.getThread("sampledThread");
        return thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName().replaceAll("[0-9]+", "N");
    }

    private static String nearestOwn(List<RecordedFrame> frames) {
        for (RecordedFrame f : frames) {
            if (f.getMethod().getType().getName().startsWith("io.switchboard.")) {
                return name(f);
            }
        }
        return "(no io.switchboard frame: server, JIT or GC threads)";
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void table(StringBuilder md, String title, Map<String, Long> counts, long total, String unit) {
        md.append("## ").append(title).append("\n\n| share | ").append(unit).append(" | frame |\n|---|---|---|\n");
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(TOP)
                .forEach(en -> md.append(String.format(java.util.Locale.ROOT, "| %.1f%% | %d | `%s` |%n",
                        total == 0 ? 0 : 100.0 * en.getValue() / total, en.getValue(), en.getKey())));
        md.append('\n');
    }

    static void write(Path recording, Path out) throws IOException {
        Files.writeString(out, summarise(recording));
    }
}
