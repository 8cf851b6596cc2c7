package io.switchboard.provider.cohere;

import io.switchboard.provider.UpstreamJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.util.ArrayList;
import java.util.List;

/** Reads Cohere's {@code /v2/chat} answers (docs.cohere.com/reference/chat, "Response"). */
final class CohereResponseReader {
    private CohereResponseReader() {
    }

    static JsonNode parse(byte[] body) {
        return UpstreamJson.object(body);
    }

    static JsonNode parse(String data) {
        return UpstreamJson.object(data);
    }

    static ChatResponse read(JsonNode root, String model) {
        JsonNode m = root.get("message");
        if (m == null || !m.isObject()) {
            throw garbage();
        }
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        for (JsonNode part : m.path("content")) {
            String type = part.path("type").asText();
            if (type.equals("text")) {
                text.append(part.path("text").asText(""));
            } else if (type.equals("thinking")) {
                thinking.append(part.path("thinking").asText(""));
            }
        }
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode c : m.path("tool_calls")) {
            JsonNode fn = c.path("function");
            JsonNode args = fn.get("arguments");
            calls.add(new ToolCall(c.path("id").asText(null), "function", fn.path("name").asText(null),
                    args == null || args.isNull() ? "{}" : args.isTextual() ? args.textValue() : WireJson.render(args)));
        }
        // The tool plan is the model's reasoning before its calls, not part of its answer.
        String plan = m.path("tool_plan").asText("");
        String reasoning = thinking.length() > 0 ? thinking.toString() : plan.isEmpty() ? null : plan;
        ObjectNode extra = null;
        if (m.path("citations").isArray() && !m.path("citations").isEmpty()) {
            extra = WireJson.object();
            extra.set("citations", m.get("citations"));
        }
        MessageContent content = text.length() == 0 && !calls.isEmpty() ? null : new MessageContent.Text(text.toString());
        ChatMessage message = new ChatMessage("assistant", content, null, calls, null, null, reasoning, extra);
        String finish = finishReason(root.path("finish_reason").asText(null), !calls.isEmpty());
        return new ChatResponse(root.path("id").asText(null), 0, model, null,
                List.of(new ChatResponse.Choice(0, message, finish, null)), usage(root.get("usage")));
    }

    /**
     * COMPLETE and STOP_SEQUENCE → stop, MAX_TOKENS → length, TOOL_CALL → tool_calls (reference §5);
     * ERROR means Cohere failed while generating, which no OpenAI finish reason says.
     */
    static String finishReason(String cohere, boolean hasToolCalls) {
        if (cohere == null) {
            return null;
        }
        return switch (cohere) {
            case "MAX_TOKENS" -> "length";
            case "TOOL_CALL" -> "tool_calls";
            case "ERROR" -> throw new GatewayException(ErrorKind.UPSTREAM_ERROR,
                    "The provider failed while generating the answer.", null, "upstream_error");
            default -> hasToolCalls ? "tool_calls" : "stop";
        };
    }

    /**
     * Cohere reports two counts: {@code tokens}, what the model processed (its own prompt template
     * included: 507 input tokens for a 12-token question in the recorded fixture), and
     * {@code billed_units}, what Cohere charges. Usage is read from {@code billed_units} so that spend
     * computed from per-token prices matches Cohere's invoice; {@code tokens} is the fallback when a
     * response has no billed units. {@code cached_tokens} counts against {@code tokens}, not billed
     * units, so it is not reported as cached prompt tokens.
     */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        JsonNode counts = u.path("billed_units").isObject() ? u.get("billed_units") : u.path("tokens");
        if (!counts.isObject()) {
            return null;
        }
        return Usage.of(counts.path("input_tokens").asInt(0), counts.path("output_tokens").asInt(0));
    }

    static GatewayException garbage() {
        return UpstreamJson.unreadable();
    }
}
