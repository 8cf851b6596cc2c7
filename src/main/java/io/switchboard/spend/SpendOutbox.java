package io.switchboard.spend;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
 *
 * <p>The file is for recovery: the records of the segments this process wrote are also held in memory
 * (up to {@link #DEFAULT_HELD_RECORDS}), and the flusher settles from those, so a call's record is
 * serialized once and never parsed back (issue 7: writing a tree, rendering a string and reading every
 * line back was a fifth of the bytes a proxied call allocated). Segments an earlier run left, and any
 * segment whose records did not all fit under the bound (a long database outage), are read from disk.
 */
public final class SpendOutbox {
    private static final String SUFFIX = ".jsonl";
    /** About 5 MB of records: many seconds of calls at full speed, far more than one flush interval. */
    static final int DEFAULT_HELD_RECORDS = 10_000;

    private final Path directory;
    private final long maxBytes;
    private final int maxHeldRecords;
    private Path open;
    private OutputStream file;
    private long sequence;
    /** The open segment's records while all of them are held; null once one was not. */
    private List<SpendRecord> openRecords;
    /** The records of sealed segments this process wrote, when all of them were held. */
    private final Map<Path, List<SpendRecord>> sealedRecords = new HashMap<>();
    private int heldRecords;
    /** One line's JSON, reused under the lock: the line goes to the file in one write. */
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);
    /** Bytes in every segment, open or sealed: counted on append and delete, so the admission check does no I/O. */
    private final AtomicLong pending = new AtomicLong();

    public SpendOutbox(Path directory, long maxBytes) throws IOException {
        this(directory, maxBytes, DEFAULT_HELD_RECORDS);
    }

    SpendOutbox(Path directory, long maxBytes, int maxHeldRecords) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.maxBytes = maxBytes;
        this.maxHeldRecords = maxHeldRecords;
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
            if (file == null) {
                open = directory.resolve(String.format("spend-%019d%s", ++sequence, SUFFIX));
                file = Files.newOutputStream(open, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                openRecords = new ArrayList<>();
            }
            line.reset();
            try (JsonGenerator json = WireJson.generator(line)) {
                write(json, record);
            }
            line.write('\n');
            line.writeTo(file);
            pending.addAndGet(line.size());
            hold(record);
        } catch (IOException e) {
            throw new UncheckedIOException("The spend outbox could not be written", e);
        }
    }

    private void hold(SpendRecord record) {
        if (openRecords == null) {
            return;
        }
        if (heldRecords < maxHeldRecords) {
            openRecords.add(record);
            heldRecords++;
        } else {
            heldRecords -= openRecords.size(); // this segment will be read from its file
            openRecords = null;
        }
    }

    /** Closes the open segment so the flusher may take it; later records start a new one. */
    public synchronized void seal() throws IOException {
        if (file != null) {
            file.close();
            if (openRecords != null) {
                sealedRecords.put(open, openRecords);
            }
            file = null;
            open = null;
            openRecords = null;
        }
    }

    /** Sealed segments, oldest first. */
    public synchronized List<Path> sealed() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX) && !p.equals(open))
                    .sorted().toList();
        }
    }

    /**
     * A sealed segment's records: from memory when this process wrote and held them all, else from its file,
     * read outside the lock so appends never wait on it.
     */
    public List<SpendRecord> records(Path segment) throws IOException {
        List<SpendRecord> held;
        synchronized (this) {
            held = sealedRecords.get(segment);
        }
        return held != null ? held : read(segment);
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
        List<SpendRecord> held = sealedRecords.remove(segment);
        if (held != null) {
            heldRecords -= held.size();
        }
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

    /** One record as its line's JSON object, field by field (the names {@link #fromJson} reads). */
    static void write(JsonGenerator o, SpendRecord r) throws IOException {
        o.writeStartObject();
        o.writeStringField("request_id", r.requestId());
        o.writeObjectFieldStart("reserved");
        for (Map.Entry<String, BigDecimal> e : r.reserved().entrySet()) {
            o.writeStringField(e.getKey(), e.getValue().toPlainString());
        }
        o.writeEndObject();
        o.writeStringField("route", r.route());
        o.writeStringField("model_group", r.modelGroup());
        o.writeStringField("deployment_id", r.deploymentId());
        o.writeStringField("provider", r.provider());
        o.writeStringField("upstream_model", r.upstreamModel());
        o.writeNumberField("prompt_tokens", r.promptTokens());
        o.writeNumberField("completion_tokens", r.completionTokens());
        o.writeNumberField("cached_tokens", r.cachedTokens());
        o.writeNumberField("reasoning_tokens", r.reasoningTokens());
        o.writeStringField("cost", r.cost().toPlainString());
        o.writeStringField("started_at", r.startedAt().toString());
        o.writeStringField("first_token_at", r.firstTokenAt() == null ? null : r.firstTokenAt().toString());
        o.writeStringField("ended_at", r.endedAt().toString());
        o.writeStringField("status", r.status());
        o.writeNumberField("http_status", r.httpStatus());
        o.writeBooleanField("cache_hit", r.cacheHit());
        o.writeBooleanField("tokens_estimated", r.tokensEstimated());
        o.writeEndObject();
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
