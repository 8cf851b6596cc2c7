package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Ollama {@code /api/chat} answers and NDJSON stream lines (ollama docs/api.md, reference §3.7), built from a
 * {@link ChatReply}: tool calls whole with object arguments and no id, counts and nanosecond durations on the
 * {@code done: true} object.
 */
final class OllamaBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED_AT = "2024-08-07T03:57:33.0365888Z";

    private OllamaBodies() {
    }

    /** The request seen as OpenAI's, so {@link ChatReply} can answer it. */
    static ChatReply reply(JsonNode request) {
        ObjectNode view = JSON.createObjectNode();
        view.set("messages", request.path("messages"));
        if (request.has("tools")) {
            view.set("tools", request.get("tools"));
        }
        if (request.path("options").has("num_predict")) {
            view.set("max_tokens", request.path("options").get("num_predict"));
        }
        JsonNode format = request.get("format");
        if (format != null && format.isObject()) {
            view.putObject("response_format").put("type", "json_schema").putObject("json_schema").set("schema", format);
        } else if (format != null && "json".equals(format.asText())) {
            view.putObject("response_format").put("type", "json_object");
        }
        return ChatReply.to(view);
    }

    static ObjectNode completion(String model, ChatReply reply) {
        ObjectNode body = line(model, message(reply.choices().get(0)));
        finish(body, reply);
        return body;
    }

    /** One line a word, the tool calls on one line of their own, then the {@code done} line. */
    static List<ObjectNode> lines(String model, ChatReply reply) {
        ChatReply.Choice choice = reply.choices().get(0);
        List<ObjectNode> lines = new ArrayList<>();
        if (choice.toolCalls().isEmpty()) {
            String[] words = choice.text().split(" ", -1);
            for (int i = 0; i < words.length; i++) {
                ObjectNode message = JSON.createObjectNode().put("role", "assistant")
                        .put("content", i == 0 ? words[i] : " " + words[i]);
                lines.add(line(model, message));
            }
        } else {
            lines.add(line(model, message(choice)));
        }
        ObjectNode last = line(model, JSON.createObjectNode().put("role", "assistant").put("content", ""));
        finish(last, reply);
        lines.add(last);
        return lines;
    }

    private static ObjectNode message(ChatReply.Choice choice) {
        ObjectNode message = JSON.createObjectNode().put("role", "assistant")
                .put("content", choice.toolCalls().isEmpty() ? choice.text() : "");
        if (!choice.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < choice.toolCalls().size(); i++) {
                ChatReply.ToolCall call = choice.toolCalls().get(i);
                ObjectNode function = calls.addObject().putObject("function");
                function.put("index", i).put("name", call.name());
                try {
                    function.set("arguments", JSON.readTree(call.arguments()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return message;
    }

    private static ObjectNode line(String model, ObjectNode message) {
        ObjectNode line = JSON.createObjectNode().put("model", model).put("created_at", CREATED_AT);
        line.set("message", message);
        line.put("done", false);
        return line;
    }

    /** Ollama ends a turn that called tools with done_reason "stop" too. */
    private static void finish(ObjectNode line, ChatReply reply) {
        line.put("done_reason", "length".equals(reply.choices().get(0).finishReason()) ? "length" : "stop");
        line.put("done", true);
        line.put("total_duration", 4353619900L).put("load_duration", 63915300L)
                .put("prompt_eval_count", reply.promptTokens()).put("prompt_eval_duration", 246847000L)
                .put("eval_count", reply.completionTokens()).put("eval_duration", 4032296000L);
    }

    static String error(String message) {
        return JSON.createObjectNode().put("error", message).toString();
    }
}
