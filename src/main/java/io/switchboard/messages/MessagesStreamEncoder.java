package io.switchboard.messages;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChunkSink;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes canonical chunks as Anthropic's stream (reference §1.4, §3.2), every event with its {@code event:}
 * line: {@code message_start} (with usage), {@code ping}, then per content block {@code content_block_start},
 * its deltas ({@code text_delta}, {@code thinking_delta}, {@code input_json_delta}, the first of which is
 * {@code ""} as Anthropic sends it and anthropic-java requires; a thinking block's {@code signature_delta} when
 * an Anthropic deployment sent one) and {@code content_block_stop}; finally
 * {@code message_delta} with the stop reason and usage, and {@code message_stop}, after which nothing is sent.
 * The canonical chunks come one choice, in order: a block ends when content of another kind (or another tool
 * call) starts. A failure after the first byte is an {@code event: error}, never a made-up stop reason.
 * Not thread-safe: one instance per stream.
 */
public final class MessagesStreamEncoder implements ChunkSink {
    private enum Block { NONE, TEXT, THINKING, TOOL }

    private final OutputStream out;
    private final JsonGenerator json;
    private final String requestedModel;
    private boolean started;
    private Block open = Block.NONE;
    private int openToolIndex = -1;
    private int blockIndex = -1;
    private String finishReason;
    private Usage usage;

    public MessagesStreamEncoder(OutputStream out, String requestedModel) throws IOException {
        this.out = out;
        this.requestedModel = requestedModel;
        this.json = WireJson.generator(out);
        json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        json.disable(JsonGenerator.Feature.FLUSH_PASSED_TO_STREAM);
        json.setRootValueSeparator(null);
        // Liberty's first flush only commits the headers; flushing now makes the first event go out when written.
        out.flush();
    }

    @Override
    public void chunk(ChatChunk chunk, boolean withUsageField) throws IOException {
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.choices().isEmpty()) {
            return; // the closing usage chunk: its numbers go out with message_delta
        }
        start(chunk);
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.index() != 0) {
                continue; // a Message has one answer; /v1/messages never asks for more
            }
            ChatChunk.Delta d = choice.delta();
            if (d.reasoningContent() != null && !d.reasoningContent().isEmpty()) {
                openBlock(Block.THINKING, -1, null, null);
                delta("thinking_delta", "thinking", d.reasoningContent());
            }
            if (d.reasoningSignature() != null && open == Block.THINKING) {
                delta("signature_delta", "signature", d.reasoningSignature());
            }
            if (d.content() != null && !d.content().isEmpty()) {
                openBlock(Block.TEXT, -1, null, null);
                delta("text_delta", "text", d.content());
            }
            for (ChatChunk.ToolCallDelta call : d.toolCalls()) {
                int toolIndex = call.index() == null ? Math.max(openToolIndex, 0) : call.index();
                if (open != Block.TOOL || toolIndex != openToolIndex) {
                    openBlock(Block.TOOL, toolIndex, call.id(), call.name());
                }
                if (call.arguments() != null && !call.arguments().isEmpty()) {
                    delta("input_json_delta", "partial_json", call.arguments());
                }
            }
            if (choice.finishReason() != null) {
                finishReason = choice.finishReason();
                closeBlock();
            }
        }
    }

    @Override
    public void error(GatewayException error) throws IOException {
        event("error");
        AnthropicErrorJson.write(json, error);
        end();
    }

    @Override
    public void done() throws IOException {
        start(null);
        closeBlock();
        event("message_delta");
        json.writeStartObject();
        json.writeStringField("type", "message_delta");
        json.writeObjectFieldStart("delta");
        json.writeStringField("stop_reason", MessageJsonWriter.stopReason(finishReason));
        json.writeNullField("stop_sequence");
        json.writeEndObject();
        json.writeFieldName("usage");
        MessageJsonWriter.writeUsage(json, usage, true);
        json.writeEndObject();
        end();
        event("message_stop");
        json.writeStartObject();
        json.writeStringField("type", "message_stop");
        json.writeEndObject();
        end();
    }

    /**
     * {@code message_start}: usage is required here, but other providers report the prompt's size only at
     * the end, so it starts at what is known (usually 0) and the real counts follow in {@code message_delta}.
     */
    private void start(ChatChunk first) throws IOException {
        if (started) {
            return;
        }
        started = true;
        event("message_start");
        json.writeStartObject();
        json.writeStringField("type", "message_start");
        json.writeObjectFieldStart("message");
        json.writeStringField("id", MessageJsonWriter.messageId(first == null ? null : first.id()));
        json.writeStringField("type", "message");
        json.writeStringField("role", "assistant");
        json.writeStringField("model", first == null || first.model() == null ? requestedModel : first.model());
        json.writeArrayFieldStart("content");
        json.writeEndArray();
        json.writeNullField("stop_reason");
        json.writeNullField("stop_sequence");
        json.writeFieldName("usage");
        MessageJsonWriter.writeUsage(json, usage, true);
        json.writeEndObject();
        json.writeEndObject();
        end();
        event("ping");
        json.writeStartObject();
        json.writeStringField("type", "ping");
        json.writeEndObject();
        end();
    }

    private void openBlock(Block kind, int toolIndex, String toolId, String toolName) throws IOException {
        if (open == kind && kind != Block.TOOL) {
            return;
        }
        closeBlock();
        open = kind;
        openToolIndex = kind == Block.TOOL ? toolIndex : -1;
        blockIndex++;
        event("content_block_start");
        json.writeStartObject();
        json.writeStringField("type", "content_block_start");
        json.writeNumberField("index", blockIndex);
        json.writeObjectFieldStart("content_block");
        switch (kind) {
            case TEXT -> {
                json.writeStringField("type", "text");
                json.writeStringField("text", "");
            }
            case THINKING -> {
                json.writeStringField("type", "thinking");
                json.writeStringField("thinking", "");
                json.writeStringField("signature", "");
            }
            default -> {
                json.writeStringField("type", "tool_use");
                json.writeStringField("id", toolId == null ? "toolu_" + blockIndex : toolId);
                json.writeStringField("name", toolName == null ? "" : toolName);
                json.writeObjectFieldStart("input");
                json.writeEndObject();
            }
        }
        json.writeEndObject();
        json.writeEndObject();
        end();
        if (kind == Block.TOOL) {
            delta("input_json_delta", "partial_json", "");
        }
    }

    private void closeBlock() throws IOException {
        if (open == Block.NONE) {
            return;
        }
        open = Block.NONE;
        openToolIndex = -1;
        event("content_block_stop");
        json.writeStartObject();
        json.writeStringField("type", "content_block_stop");
        json.writeNumberField("index", blockIndex);
        json.writeEndObject();
        end();
    }

    private void delta(String type, String field, String value) throws IOException {
        event("content_block_delta");
        json.writeStartObject();
        json.writeStringField("type", "content_block_delta");
        json.writeNumberField("index", blockIndex);
        json.writeObjectFieldStart("delta");
        json.writeStringField("type", type);
        json.writeStringField(field, value);
        json.writeEndObject();
        json.writeEndObject();
        end();
    }

    private void event(String name) throws IOException {
        out.write(("event: " + name + "\ndata: ").getBytes(StandardCharsets.US_ASCII));
    }

    private void end() throws IOException {
        json.flush();
        out.write('\n');
        out.write('\n');
        out.flush();
    }
}
