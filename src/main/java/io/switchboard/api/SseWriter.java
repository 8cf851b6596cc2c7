package io.switchboard.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChunkSink;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes chunks as OpenAI's SSE: {@code data: <json>\n\n} per chunk, flushed at once, no
 * {@code event:} lines, {@code data: [DONE]} at the end, and on failure a {@code data: {"error":...}}
 * event that every OpenAI SDK raises as an error.
 */
final class SseWriter implements ChunkSink {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final JsonGenerator json;
    private final ChunkFormat format;

    /** @param format how a chunk is written: a chat chunk or a legacy text-completion chunk */
    SseWriter(OutputStream out, ChunkFormat format) throws IOException {
        this.out = out;
        this.format = format;
        this.json = WireJson.generator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        json.setRootValueSeparator(null);
        // Liberty's first flush only commits the headers; flushing now makes the first chunk go out when written.
        out.flush();
    }

    @Override
    public void chunk(ChatChunk chunk, boolean withUsageField) throws IOException {
        if (onlyReasoningSignatures(chunk)) {
            return; // OpenAI's stream has no place for Anthropic's thinking signature: nothing to send
        }
        out.write(DATA);
        format.write(json, chunk, withUsageField);
        json.flush();
        out.write(END);
        out.flush();
    }

    @Override
    public void error(GatewayException error) throws IOException {
        out.write(DATA);
        ErrorBody.write(json, error);
        json.flush();
        out.write(END);
        out.flush();
    }

    private static boolean onlyReasoningSignatures(ChatChunk chunk) {
        return !chunk.choices().isEmpty() && chunk.choices().stream().allMatch(c -> c.finishReason() == null
                && c.delta().reasoningSignature() != null && c.delta().role() == null && c.delta().content() == null
                && c.delta().reasoningContent() == null && c.delta().refusal() == null
                && c.delta().toolCalls().isEmpty());
    }

    /** Writes one chunk's JSON. */
    @FunctionalInterface
    interface ChunkFormat {
        void write(JsonGenerator json, ChatChunk chunk, boolean withUsageField) throws IOException;
    }

    @Override
    public void done() throws IOException {
        out.write(DONE);
        out.flush();
    }
}
