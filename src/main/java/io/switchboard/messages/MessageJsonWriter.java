package io.switchboard.messages;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.io.IOException;

/**
 * Writes a canonical response as an Anthropic Message (docs.anthropic.com/en/api/messages, "Response"):
 * thinking blocks first, then the text, then one {@code tool_use} block per tool call, with the stop reason
 * and usage in Anthropic's terms. Every field anthropic-java validates ({@code id}, {@code type},
 * {@code role}, {@code model}, {@code content}, {@code usage}) is always written.
 */
public final class MessageJsonWriter {
    private MessageJsonWriter() {
    }

    public static void writeMessage(JsonGenerator g, ChatResponse r) throws IOException {
        ChatResponse.Choice choice = r.choices().get(0);
        ChatMessage m = choice.message();
        g.writeStartObject();
        g.writeStringField("id", messageId(r.id()));
        g.writeStringField("type", "message");
        g.writeStringField("role", "assistant");
        g.writeStringField("model", r.model());
        g.writeArrayFieldStart("content");
        writeThinking(g, m);
        String text = m.text();
        if (text != null && !text.isEmpty()) {
            g.writeStartObject();
            g.writeStringField("type", "text");
            g.writeStringField("text", text);
            g.writeEndObject();
        }
        for (ToolCall call : m.toolCalls()) {
            g.writeStartObject();
            g.writeStringField("type", "tool_use");
            g.writeStringField("id", call.id());
            g.writeStringField("name", call.name());
            g.writeFieldName("input");
            g.writeTree(toolInput(call.arguments()));
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("stop_reason", stopReason(choice.finishReason()));
        g.writeNullField("stop_sequence");
        g.writeFieldName("usage");
        writeUsage(g, r.usage(), true);
        g.writeEndObject();
    }

    /**
     * Anthropic's signed thinking blocks when the provider was Anthropic (kept as sent, so the client can
     * send them back next turn); otherwise the provider's reasoning text as one unsigned thinking block.
     */
    private static void writeThinking(JsonGenerator g, ChatMessage m) throws IOException {
        JsonNode blocks = m.extra() == null ? null : m.extra().get("thinking_blocks");
        if (blocks != null && blocks.isArray() && !blocks.isEmpty()) {
            for (JsonNode block : blocks) {
                g.writeTree(block);
            }
        } else if (m.reasoningContent() != null && !m.reasoningContent().isEmpty()) {
            g.writeStartObject();
            g.writeStringField("type", "thinking");
            g.writeStringField("thinking", m.reasoningContent());
            g.writeStringField("signature", "");
            g.writeEndObject();
        }
    }

    /**
     * Anthropic's {@code input_tokens} leaves out cache reads, which OpenAI counts inside {@code prompt_tokens};
     * the cache-creation count is not kept by the canonical usage and is reported as 0.
     *
     * @param full whether to write the cache fields (the Message and {@code message_delta}) or only the two counts
     */
    static void writeUsage(JsonGenerator g, Usage u, boolean full) throws IOException {
        Usage usage = u == null ? Usage.of(0, 0) : u;
        g.writeStartObject();
        g.writeNumberField("input_tokens", Math.max(0, usage.promptTokens() - usage.cachedTokens()));
        if (full) {
            g.writeNumberField("cache_creation_input_tokens", 0);
            g.writeNumberField("cache_read_input_tokens", usage.cachedTokens());
        }
        g.writeNumberField("output_tokens", usage.completionTokens());
        g.writeEndObject();
    }

    /** OpenAI finish reasons as Anthropic stop reasons; OpenAI does not say whether a stop sequence ended the turn. */
    static String stopReason(String finishReason) {
        if (finishReason == null) {
            return "end_turn";
        }
        return switch (finishReason) {
            case "length" -> "max_tokens";
            case "tool_calls", "function_call" -> "tool_use";
            case "content_filter" -> "refusal";
            default -> "end_turn";
        };
    }

    /** Anthropic message ids start with {@code msg_}; other providers' ids are kept after that prefix. */
    static String messageId(String id) {
        if (id == null || id.isEmpty()) {
            return "msg_" + java.util.UUID.randomUUID().toString().replace("-", "");
        }
        return id.startsWith("msg_") ? id : "msg_" + id;
    }

    /** Tool arguments are JSON text in OpenAI's shape; Anthropic's {@code input} must be an object. */
    static JsonNode toolInput(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.object();
        }
        try {
            JsonNode input = WireJson.MAPPER.readTree(arguments);
            if (input != null && input.isObject()) {
                return input;
            }
        } catch (IOException notJson) {
            // a model that produced broken arguments: handed over as text below
        }
        // Anthropic's schema has no place for arguments that are not an object; keep them visible to the client.
        var wrapped = WireJson.object();
        wrapped.put("_raw_arguments", arguments);
        return wrapped;
    }
}
