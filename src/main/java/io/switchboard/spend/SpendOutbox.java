package io.switchboard.spend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * An append-only outbox of spend records on local disk: one JSON line per call, in segment files.
 * The writer appends to the open segment; the flusher seals it, writes sealed segments to the
 * database in order and deletes each only after its transaction committed. A database outage leaves
 * segments waiting; a crash leaves them for the next start. Rows are unique by request id, so a segment
 * written twice (crash between commit and delete) changes nothing the second time.
 */
public final class SpendOutbox {
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final long maxBytes;
    private Path open;
    private Writer writer;
    private long sequence;
    /** Bytes in every segment, open or sealed: counted on append and delete, so the admission check does no I/O. */
    private final AtomicLong pending = new AtomicLong();

    public SpendOutbox(Path directory, long maxBytes) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
        try (Stream<Path> files = Files.list(directory)) {
            for (Path p : files.toList()) {
                sequence = Math.max(sequence, sequenceOf(p));
                pending.addAndGet(Files.size(p));
            }
        }
    }

    /** Appends one record; the line reaches the operating system before this returns. */
    public synchronized void append(SpendRecord record) {
        try {
            if (writer == null) {
                open = directory.resolve(String.format("spend-%019d%s", ++sequence, SUFFIX));
                writer = Files.newBufferedWriter(open, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            String line = WireJson.render(toJson(record)) + '\n';
            writer.write(line);
            writer.flush();
            pending.addAndGet(line.getBytes(StandardCharsets.UTF_8).length);
        } catch (IOException e) {
            throw new UncheckedIOException("The spend outbox could not be written", e);
        }
    }

    /** Closes the open segment so the flusher may take it; later records start a new one. */
    public synchronized void seal() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
            open = null;
        }
    }

    /** Sealed segments, oldest first. */
    public synchronized List<Path> sealed() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(open))
                    .sorted().toList();
        }
    }

    public static List<SpendRecord> read(Path segment) throws IOException {
        List<SpendRecord> records = new ArrayList<>();
        for (String line : Files.readAllLines(segment, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                records.add(fromJson(WireJson.MAPPER.readTree(line)));
            } catch (IOException | RuntimeException torn) {
                // a line cut by a crash mid-write: its call never ended from the client's view either
            }
        }
        return records;
    }

    /** Deletes a settled segment; one already gone (removed by hand, or by an earlier try) is no error. */
    public synchronized void delete(Path segment) throws IOException {
        long size;
        try {
            size = Files.size(segment);
        } catch (java.nio.file.NoSuchFileException gone) {
            return;
        }
        if (Files.deleteIfExists(segment)) {
            pending.addAndGet(-size);
        }
    }

    /**
     * True when the outbox holds more than its bound: new billable calls must wait (503), not go unlogged.
     * Read on every admission, so it is a counter, not a directory listing (which also raced the flusher's
     * deletes and read a vanished file as "full").
     */
    public boolean full() {
        return pending.get() > maxBytes;
    }

    long pendingBytes() {
        return pending.get();
    }

    static ObjectNode toJson(SpendRecord r) {
        ObjectNode o = WireJson.object();
        o.put("request_id", r.requestId());
        ObjectNode reserved = o.putObject("reserved");
        r.reserved().forEach((k, v) -> reserved.put(k, v.toPlainString()));
        o.put("route", r.route()).put("model_group", r.modelGroup()).put("deployment_id", r.deploymentId())
                .put("provider", r.provider()).put("upstream_model", r.upstreamModel())
                .put("prompt_tokens", r.promptTokens()).put("completion_tokens", r.completionTokens())
                .put("cached_tokens", r.cachedTokens()).put("reasoning_tokens", r.reasoningTokens())
                .put("cost", r.cost().toPlainString()).put("started_at", r.startedAt().toString())
                .put("first_token_at", r.firstTokenAt() == null ? null : r.firstTokenAt().toString())
                .put("ended_at", r.endedAt().toString()).put("status", r.status()).put("http_status", r.httpStatus())
                .put("cache_hit", r.cacheHit()).put("tokens_estimated", r.tokensEstimated());
        return o;
    }

    static SpendRecord fromJson(JsonNode o) {
        Map<String, BigDecimal> reserved = new LinkedHashMap<>();
        o.get("reserved").properties().forEach(e -> reserved.put(e.getKey(), new BigDecimal(e.getValue().asText())));
        return new SpendRecord(o.get("request_id").asText(), reserved, text(o, "route"), text(o, "model_group"),
                text(o, "deployment_id"), text(o, "provider"), text(o, "upstream_model"),
                o.get("prompt_tokens").asLong(), o.get("completion_tokens").asLong(), o.get("cached_tokens").asLong(),
                o.get("reasoning_tokens").asLong(), new BigDecimal(o.get("cost").asText()),
                Instant.parse(o.get("started_at").asText()),
                o.hasNonNull("first_token_at") ? Instant.parse(o.get("first_token_at").asText()) : null,
                Instant.parse(o.get("ended_at").asText()), o.get("status").asText(), o.get("http_status").asInt(),
                o.get("cache_hit").asBoolean(), o.get("tokens_estimated").asBoolean());
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    private static long sequenceOf(Path p) {
        String name = p.getFileName().toString();
        if (!name.startsWith("spend-") || !name.endsWith(SUFFIX)) {
            return 0;
        }
        try {
            return Long.parseLong(name.substring(6, name.length() - SUFFIX.length()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
