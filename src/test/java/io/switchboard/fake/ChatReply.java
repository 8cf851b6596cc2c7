package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fake's deterministic answer to one chat request, before it is rendered as a body or a stream. Everything is
 * derived from the request so tests can predict it:
 * <ul>
 * <li>text: {@code "Echo: <last user message>"} (choice i &gt; 0 gets a {@code " [i]"} suffix so choices differ);</li>
 * <li>{@code response_format} json_object / json_schema: a JSON string (built from the schema, strings = user text);</li>
 * <li>{@code tools} with {@code tool_choice} other than "none": tool calls to the named tool, else the first tool, or
 * the first two when {@code parallel_tool_calls} isn't false; arguments built from each tool's JSON schema;</li>
 * <li>{@code max_completion_tokens}/{@code max_tokens}: text cut to that many words, {@code finish_reason: "length"};</li>
 * <li>tokens: whitespace-separated words (prompt = all message text, completion = answer text or tool arguments).</li>
 * </ul>
 */
record ChatReply(List<Choice> choices, int promptTokens, int completionTokens) {

    record ToolCall(String id, String name, String arguments) {
    }

    /** Either {@code text} (possibly empty) or {@code toolCalls} (non-empty) is the answer. */
    record Choice(int index, String text, List<ToolCall> toolCalls, String finishReason) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static ChatReply to(JsonNode request) {
        String userText = lastUserText(request.path("messages"));
        int promptTokens = 0;
        for (JsonNode message : request.path("messages")) {
            promptTokens += words(textOf(message.path("content")));
        }
        List<JsonNode> tools = toolsToCall(request);
        JsonNode limit = request.hasNonNull("max_completion_tokens") ? request.get("max_completion_tokens")
                : request.get("max_tokens");
        List<Choice> choices = new ArrayList<>();
        int completionTokens = 0;
        for (int i = 0; i < Math.max(1, request.path("n").asInt(1)); i++) {
            if (!tools.isEmpty()) {
                List<ToolCall> calls = new ArrayList<>();
                for (int k = 0; k < tools.size(); k++) {
                    JsonNode function = tools.get(k).path("function");
                    String name = function.path("name").asText();
                    String arguments = sample(function.path("parameters"), userText).toString();
                    calls.add(new ToolCall(callId(i, k, name), name, arguments));
                    completionTokens += 1 + words(arguments);
                }
                choices.add(new Choice(i, null, List.copyOf(calls), "tool_calls"));
                continue;
            }
            String text = answerText(request.path("response_format"), userText, i);
            String finishReason = "stop";
            if (limit != null && limit.canConvertToInt() && words(text) > limit.asInt()) {
                text = String.join(" ", Arrays.asList(text.trim().split("\\s+")).subList(0, Math.max(0, limit.asInt())));
                finishReason = "length";
            }
            completionTokens += words(text);
            choices.add(new Choice(i, text, List.of(), finishReason));
        }
        return new ChatReply(List.copyOf(choices), Math.max(1, promptTokens), completionTokens);
    }

    static int words(String text) {
        return text == null || text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    /** A string content, or the text parts of an array content, joined by spaces. */
    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.textValue();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("text").isTextual()) {
                parts.add(part.path("text").textValue());
            }
        }
        return String.join(" ", parts);
    }

    private static String lastUserText(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return textOf(messages.get(i).path("content"));
            }
        }
        return "";
    }

    private static String answerText(JsonNode responseFormat, String userText, int choice) {
        switch (responseFormat.path("type").asText("text")) {
            case "json_object":
                return JSON.createObjectNode().put("echo", userText).toString();
            case "json_schema":
                return sample(responseFormat.path("json_schema").path("schema"), userText).toString();
            default:
                return ("Echo: " + userText).trim() + (choice == 0 ? "" : " [" + choice + "]");
        }
    }

    /** Which tools get called, following tool_choice and parallel_tool_calls (reference §3.1). */
    private static List<JsonNode> toolsToCall(JsonNode request) {
        JsonNode tools = request.path("tools");
        JsonNode choice = request.path("tool_choice");
        if (!tools.isArray() || tools.isEmpty() || "none".equals(choice.asText())) {
            return List.of();
        }
        if (choice.isObject()) {
            String wanted = choice.path("function").path("name").asText();
            for (JsonNode tool : tools) {
                if (wanted.equals(tool.path("function").path("name").asText())) {
                    return List.of(tool);
                }
            }
        }
        boolean parallel = request.path("parallel_tool_calls").asBoolean(true);
        return parallel && tools.size() >= 2 ? List.of(tools.get(0), tools.get(1)) : List.of(tools.get(0));
    }

    /** A value that satisfies a (simple) JSON schema: strings are the user's text, numbers 42, booleans true. */
    static JsonNode sample(JsonNode schema, String text) {
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return schema.path("enum").get(0);
        }
        JsonNode type = schema.path("type");
        String kind = type.isArray() ? type.path(0).asText() : type.asText("object");
        switch (kind) {
            case "string":
                return JSON.getNodeFactory().textNode(text.isEmpty() ? "fake" : text);
            case "integer":
            case "number":
                return JSON.getNodeFactory().numberNode(42);
            case "boolean":
                return JSON.getNodeFactory().booleanNode(true);
            case "array":
                ArrayNode array = JSON.createArrayNode();
                array.add(sample(schema.path("items"), text));
                return array;
            default:
                ObjectNode object = JSON.createObjectNode();
                for (var property : schema.path("properties").properties()) {
                    object.set(property.getKey(), sample(property.getValue(), text));
                }
                return object;
        }
    }

    /** Stable ids so tests can assert them, in OpenAI's {@code call_} form. */
    private static String callId(int choice, int call, String name) {
        return String.format("call_%08x%02d%02d", name.hashCode(), choice, call);
    }
}
