package io.switchboard.chat;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes the canonical OpenAI shapes with a streaming generator (no intermediate tree). Field order
 * and explicit nulls follow OpenAI's own responses, which the strictest SDKs were tested against
 * (reference/provider-wire-formats.md §1.4 and §1.6).
 */
public final class ChatJsonWriter {
    private ChatJsonWriter() {
    }

    public static void writeResponse(JsonGenerator g, ChatResponse r) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", r.id());
        g.writeStringField("object", "chat.completion");
        g.writeNumberField("created", r.created());
        g.writeStringField("model", r.model());
        g.writeArrayFieldStart("choices");
        for (ChatResponse.Choice c : r.choices()) {
            g.writeStartObject();
            g.writeNumberField("index", c.index());
            g.writeFieldName("message");
            writeMessage(g, c.message(), true);
            writeRaw(g, "logprobs", c.logprobs());
            g.writeStringField("finish_reason", c.finishReason());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (r.usage() != null) {
            g.writeFieldName("usage");
            writeUsage(g, r.usage());
        }
        if (r.systemFingerprint() != null) {
            g.writeStringField("system_fingerprint", r.systemFingerprint());
        }
        g.writeEndObject();
    }

    /**
     * Writes a message as OpenAI does: a response message always carries {@code content} and
     * {@code refusal}, null when absent; tool calls only when there are some. In a request, content
     * is left out rather than null when an assistant message has only tool calls.
     */
    public static void writeMessage(JsonGenerator g, ChatMessage m, boolean inResponse) throws IOException {
        g.writeStartObject();
        g.writeStringField("role", m.role());
        if (m.content() != null || inResponse) {
            g.writeFieldName("content");
            writeContent(g, m.content());
        }
        if (m.name() != null) {
            g.writeStringField("name", m.name());
        }
        if (!m.toolCalls().isEmpty()) {
            writeToolCalls(g, m.toolCalls());
        }
        if (m.toolCallId() != null) {
            g.writeStringField("tool_call_id", m.toolCallId());
        }
        if (inResponse && m.role().equals("assistant") || m.refusal() != null) {
            g.writeStringField("refusal", m.refusal());
        }
        if (m.reasoningContent() != null) {
            g.writeStringField("reasoning_content", m.reasoningContent());
        }
        writeExtra(g, m.extra());
        g.writeEndObject();
    }

    public static void writeContent(JsonGenerator g, MessageContent content) throws IOException {
        if (content == null) {
            g.writeNull();
        } else if (content instanceof MessageContent.Text text) {
            g.writeString(text.value());
        } else if (content instanceof MessageContent.Parts parts) {
            g.writeStartArray();
            for (ContentPart part : parts.parts()) {
                writePart(g, part);
            }
            g.writeEndArray();
        }
    }

    private static void writePart(JsonGenerator g, ContentPart part) throws IOException {
        if (part instanceof ContentPart.OtherPart other) {
            g.writeTree(other.raw());
            return;
        }
        g.writeStartObject();
        if (part instanceof ContentPart.TextPart text) {
            g.writeStringField("type", "text");
            g.writeStringField("text", text.text());
        } else if (part instanceof ContentPart.ImagePart image) {
            g.writeStringField("type", "image_url");
            g.writeObjectFieldStart("image_url");
            g.writeStringField("url", image.url());
            if (image.detail() != null) {
                g.writeStringField("detail", image.detail());
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeToolCalls(JsonGenerator g, List<ToolCall> calls) throws IOException {
        g.writeArrayFieldStart("tool_calls");
        for (ToolCall call : calls) {
            g.writeStartObject();
            g.writeStringField("id", call.id());
            g.writeStringField("type", call.type());
            g.writeObjectFieldStart("function");
            g.writeStringField("name", call.name());
            g.writeStringField("arguments", call.arguments() == null ? "" : call.arguments());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    public static void writeUsage(JsonGenerator g, Usage u) throws IOException {
        g.writeStartObject();
        g.writeNumberField("prompt_tokens", u.promptTokens());
        g.writeNumberField("completion_tokens", u.completionTokens());
        g.writeNumberField("total_tokens", u.totalTokens());
        g.writeObjectFieldStart("prompt_tokens_details");
        g.writeNumberField("cached_tokens", u.cachedTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeEndObject();
        g.writeObjectFieldStart("completion_tokens_details");
        g.writeNumberField("reasoning_tokens", u.reasoningTokens());
        g.writeNumberField("audio_tokens", 0);
        g.writeNumberField("accepted_prediction_tokens", 0);
        g.writeNumberField("rejected_prediction_tokens", 0);
        g.writeEndObject();
        g.writeEndObject();
    }

    /** A stream chunk; {@code withUsageField} adds {@code "usage": null} as the spec asks when usage was requested. */
    public static void writeChunk(JsonGenerator g, ChatChunk c, boolean withUsageField) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", c.id());
        g.writeStringField("object", "chat.completion.chunk");
        g.writeNumberField("created", c.created());
        g.writeStringField("model", c.model());
        if (c.systemFingerprint() != null) {
            g.writeStringField("system_fingerprint", c.systemFingerprint());
        }
        g.writeArrayFieldStart("choices");
        for (ChatChunk.Choice choice : c.choices()) {
            g.writeStartObject();
            g.writeNumberField("index", choice.index());
            g.writeFieldName("delta");
            writeDelta(g, choice.delta());
            writeRaw(g, "logprobs", choice.logprobs());
            g.writeStringField("finish_reason", choice.finishReason());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (c.usage() != null) {
            g.writeFieldName("usage");
            writeUsage(g, c.usage());
        } else if (withUsageField) {
            g.writeNullField("usage");
        }
        g.writeEndObject();
    }

    private static void writeDelta(JsonGenerator g, ChatChunk.Delta d) throws IOException {
        g.writeStartObject();
        if (d.role() != null) {
            g.writeStringField("role", d.role());
        }
        if (d.content() != null) {
            g.writeStringField("content", d.content());
        } else if (d.role() != null) {
            g.writeNullField("content");
        }
        if (d.reasoningContent() != null) {
            g.writeStringField("reasoning_content", d.reasoningContent());
        }
        if (!d.toolCalls().isEmpty()) {
            g.writeArrayFieldStart("tool_calls");
            for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                writeToolCallDelta(g, t);
            }
            g.writeEndArray();
        }
        if (d.refusal() != null || d.role() != null) {
            g.writeStringField("refusal", d.refusal());
        }
        g.writeEndObject();
    }

    private static void writeToolCallDelta(JsonGenerator g, ChatChunk.ToolCallDelta t) throws IOException {
        g.writeStartObject();
        g.writeNumberField("index", t.index());
        if (t.id() != null) {
            g.writeStringField("id", t.id());
        }
        if (t.type() != null) {
            g.writeStringField("type", t.type());
        }
        // Every fragment carries a function object: openai-java's accumulator rejects one without.
        g.writeObjectFieldStart("function");
        if (t.name() != null) {
            g.writeStringField("name", t.name());
        }
        g.writeStringField("arguments", t.arguments() == null ? "" : t.arguments());
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeRaw(JsonGenerator g, String name, JsonNode value) throws IOException {
        g.writeFieldName(name);
        if (value == null) {
            g.writeNull();
        } else {
            g.writeTree(value);
        }
    }

    /** Writes the fields of {@code extra} into the object being written. */
    public static void writeExtra(JsonGenerator g, ObjectNode extra) throws IOException {
        if (extra == null) {
            return;
        }
        for (Map.Entry<String, JsonNode> field : extra.properties()) {
            g.writeFieldName(field.getKey());
            g.writeTree(field.getValue());
        }
    }
}
