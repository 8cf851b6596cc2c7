package io.switchboard.provider.openai;

import io.switchboard.provider.UpstreamJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads what OpenAI-family providers send back. Lenient where providers differ harmlessly
 * (missing ids, usage on odd chunks, extra fields), strict where the answer would be meaningless:
 * a body that is not JSON or has no {@code choices} is a 502, never passed on.
 */
final class OpenAiResponseReader {
    private static final Set<String> MESSAGE_FIELDS = Set.of("role", "content", "tool_calls", "refusal",
            "reasoning_content", "function_call", "name");

    private OpenAiResponseReader() {
    }

    static JsonNode parse(byte[] body) {
        return UpstreamJson.object(body);
    }

    static JsonNode parse(String data) {
        return UpstreamJson.object(data);
    }

    static ChatResponse readResponse(JsonNode root, String fallbackModel) {
        JsonNode choicesNode = root.get("choices");
        if (choicesNode == null || !choicesNode.isArray()) {
            throw garbage();
        }
        List<ChatResponse.Choice> choices = new ArrayList<>(choicesNode.size());
        for (JsonNode c : choicesNode) {
            choices.add(new ChatResponse.Choice(c.path("index").asInt(choices.size()), readMessage(c.path("message")),
                    text(c, "finish_reason"), nonNull(c.get("logprobs"))));
        }
        return new ChatResponse(text(root, "id"), root.path("created").asLong(0), textOr(root, "model", fallbackModel),
                text(root, "system_fingerprint"), choices, readUsage(root.get("usage")));
    }

    static ChatChunk readChunk(JsonNode root) {
        JsonNode choicesNode = root.get("choices");
        List<ChatChunk.Choice> choices = new ArrayList<>();
        if (choicesNode != null && choicesNode.isArray()) {
            for (JsonNode c : choicesNode) {
                choices.add(new ChatChunk.Choice(c.path("index").asInt(0), readDelta(c.path("delta")),
                        nonNull(c.get("logprobs")), text(c, "finish_reason")));
            }
        }
        // Groq reports usage under x_groq on the finish chunk as well as (newer) top-level usage.
        JsonNode usage = root.get("usage");
        if ((usage == null || usage.isNull()) && root.has("x_groq")) {
            usage = root.get("x_groq").get("usage");
        }
        return new ChatChunk(text(root, "id"), root.path("created").asLong(0), text(root, "model"),
                text(root, "system_fingerprint"), choices, readUsage(usage));
    }

    /** A legacy text completion, as a chat response whose message content is the text. */
    static ChatResponse readTextResponse(JsonNode root, String fallbackModel) {
        JsonNode choicesNode = root.get("choices");
        if (choicesNode == null || !choicesNode.isArray()) {
            throw garbage();
        }
        List<ChatResponse.Choice> choices = new ArrayList<>(choicesNode.size());
        for (JsonNode c : choicesNode) {
            choices.add(new ChatResponse.Choice(c.path("index").asInt(choices.size()),
                    ChatMessage.assistant(c.path("text").asText(""), List.of()), text(c, "finish_reason"),
                    nonNull(c.get("logprobs"))));
        }
        return new ChatResponse(text(root, "id"), root.path("created").asLong(0), textOr(root, "model", fallbackModel),
                text(root, "system_fingerprint"), choices, readUsage(root.get("usage")));
    }

    /** A legacy text completion chunk, as a chat chunk whose delta content is the text. */
    static ChatChunk readTextChunk(JsonNode root) {
        List<ChatChunk.Choice> choices = new ArrayList<>();
        for (JsonNode c : root.path("choices")) {
            String text = text(c, "text");
            choices.add(new ChatChunk.Choice(c.path("index").asInt(0),
                    new ChatChunk.Delta(null, text == null || text.isEmpty() ? null : text, null, null, null),
                    nonNull(c.get("logprobs")), text(c, "finish_reason")));
        }
        return new ChatChunk(text(root, "id"), root.path("created").asLong(0), text(root, "model"),
                text(root, "system_fingerprint"), choices, readUsage(root.get("usage")));
    }

    private static ChatMessage readMessage(JsonNode m) {
        if (!m.isObject()) {
            throw garbage();
        }
        JsonNode content = m.get("content");
        MessageContent body = content == null || content.isNull() ? null : new MessageContent.Text(content.asText());
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode t : m.path("tool_calls")) {
            JsonNode fn = t.path("function");
            calls.add(new ToolCall(text(t, "id"), textOr(t, "type", "function"), text(fn, "name"),
                    argumentsText(fn.get("arguments"))));
        }
        return new ChatMessage("assistant", body, null, calls, null, text(m, "refusal"),
                text(m, "reasoning_content"), extraMessageFields((ObjectNode) m));
    }

    private static ChatChunk.Delta readDelta(JsonNode d) {
        if (!d.isObject()) {
            return ChatChunk.Delta.EMPTY;
        }
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode t : d.path("tool_calls")) {
            JsonNode fn = t.path("function");
            JsonNode index = t.get("index");
            calls.add(new ChatChunk.ToolCallDelta(index != null && index.canConvertToInt() ? index.intValue() : null,
                    text(t, "id"), text(t, "type"), text(fn, "name"), argumentsText(fn.get("arguments"))));
        }
        return new ChatChunk.Delta(text(d, "role"), text(d, "content"), text(d, "reasoning_content"),
                text(d, "refusal"), calls);
    }

    static Usage readUsage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        int prompt = u.path("prompt_tokens").asInt(0);
        int completion = u.path("completion_tokens").asInt(0);
        int total = u.path("total_tokens").asInt(prompt + completion);
        int cached = u.path("prompt_tokens_details").path("cached_tokens").asInt(
                u.path("prompt_cache_hit_tokens").asInt(0)); // DeepSeek's name for the same count
        int reasoning = u.path("completion_tokens_details").path("reasoning_tokens").asInt(0);
        return new Usage(prompt, completion, total, cached, reasoning);
    }

    /** Arguments are a JSON text on OpenAI; some compatible servers send the object itself. */
    private static String argumentsText(JsonNode arguments) {
        if (arguments == null || arguments.isNull()) {
            return null;
        }
        return arguments.isTextual() ? arguments.textValue() : WireJson.render(arguments);
    }

    private static ObjectNode extraMessageFields(ObjectNode m) {
        ObjectNode extra = null;
        for (var field : m.properties()) {
            if (!MESSAGE_FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                if (extra == null) {
                    extra = WireJson.object();
                }
                extra.set(field.getKey(), field.getValue());
            }
        }
        return extra;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static JsonNode nonNull(JsonNode node) {
        return node == null || node.isNull() ? null : node;
    }

    static GatewayException garbage() {
        return UpstreamJson.unreadable();
    }
}
