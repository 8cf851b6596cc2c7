package io.switchboard.provider.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ErrorScrubber;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads Ollama's chat objects: the single answer of {@code "stream": false} and each NDJSON line of a
 * stream have the same shape (ollama docs/api.md, "Generate a chat completion").
 */
final class OllamaResponseReader {
    private OllamaResponseReader() {
    }

    /** One JSON object; an object with {@code error} is the provider failing (a mid-stream error line). */
    static JsonNode parse(String text, Deployment deployment) {
        JsonNode node;
        try {
            node = WireJson.MAPPER.readTree(text);
        } catch (IOException e) {
            throw garbage();
        }
        if (node == null || !node.isObject()) {
            throw garbage();
        }
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            String message = ErrorScrubber.scrub(error.asText(null), deployment);
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    message == null ? "The provider reported an error." : message, null, "upstream_stream_error");
        }
        return node;
    }

    static ChatResponse read(JsonNode root) {
        JsonNode m = root.get("message");
        if (m == null || !m.isObject()) {
            throw garbage();
        }
        List<ToolCall> calls = toolCalls(m);
        String text = m.path("content").asText("");
        String thinking = m.path("thinking").asText("");
        ChatMessage message = new ChatMessage("assistant",
                text.isEmpty() && !calls.isEmpty() ? null : new MessageContent.Text(text), null, calls, null, null,
                thinking.isEmpty() ? null : thinking, null);
        return new ChatResponse(null, created(root), root.path("model").asText(null), null,
                List.of(new ChatResponse.Choice(0, message, finishReason(root, !calls.isEmpty()), null)), usage(root));
    }

    /**
     * A message's tool calls. Ollama sends each whole with {@code arguments} as an object and (before
     * 0.12) no id, so ids are made up where it sent none.
     */
    static List<ToolCall> toolCalls(JsonNode message) {
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : message.path("tool_calls")) {
            JsonNode fn = c.path("function");
            JsonNode args = fn.get("arguments");
            String arguments = args == null || args.isNull() ? "{}"
                    : args.isTextual() ? args.textValue() : WireJson.render(args);
            String id = c.path("id").asText("");
            if (id.isEmpty()) {
                id = "call_" + UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            }
            calls.add(new ToolCall(id, "function", fn.path("name").asText(null), arguments));
        }
        return calls;
    }

    /** {@code done_reason} stop/length as OpenAI's; a turn that called tools ends with tool_calls (reference §5). */
    static String finishReason(JsonNode root, boolean calledTools) {
        if (!root.path("done").asBoolean(false)) {
            return null;
        }
        if (calledTools) {
            return "tool_calls";
        }
        return root.path("done_reason").asText("stop").equals("length") ? "length" : "stop";
    }

    /** Ollama leaves out {@code prompt_eval_count} when the whole prompt came from its cache. */
    static Usage usage(JsonNode root) {
        if (!root.has("eval_count") && !root.has("prompt_eval_count")) {
            return null;
        }
        return Usage.of(root.path("prompt_eval_count").asInt(0), root.path("eval_count").asInt(0));
    }

    /** {@code created_at} (RFC 3339 with nanoseconds) as epoch seconds; 0 when absent or unreadable. */
    static long created(JsonNode root) {
        String at = root.path("created_at").asText("");
        try {
            return at.isEmpty() ? 0 : OffsetDateTime.parse(at).toEpochSecond();
        } catch (DateTimeParseException e) {
            return 0;
        }
    }

    static GatewayException garbage() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider sent a response that could not be read.",
                null, "upstream_invalid_response");
    }
}
