package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a client's JSON body into a {@link ChatRequest}, validating what the gateway relies on and
 * keeping every other field for the provider. Every refusal is a 400 naming the parameter.
 */
public final class ChatRequestReader {
    /** Fields read into typed record components; everything else goes to {@code extra}. */
    private static final Set<String> TYPED = Set.of("model", "messages", "stream", "stream_options", "tools",
            "tool_choice", "parallel_tool_calls", "response_format", "n", "max_tokens", "max_completion_tokens",
            "temperature", "top_p", "stop", "seed", "user", "metadata", "logprobs", "top_logprobs",
            "reasoning_effort");

    private ChatRequestReader() {
    }

    public static ChatRequest read(JsonNode body) {
        FieldReader f = new FieldReader(body, "");
        CallerOverrides.reject(f);
        String model = f.requiredString("model");
        if (model.isBlank()) {
            throw GatewayException.invalidRequest("'model' must not be empty.", "model");
        }
        return new ChatRequest(
                model,
                readMessages(f),
                Boolean.TRUE.equals(f.bool("stream")),
                readIncludeUsage(f),
                ToolsReader.readTools(f),
                ToolsReader.readToolChoice(f),
                f.bool("parallel_tool_calls"),
                readResponseFormat(f),
                f.integer("n", 1, 128),
                f.integer("max_tokens", 1, Integer.MAX_VALUE),
                f.integer("max_completion_tokens", 1, Integer.MAX_VALUE),
                f.number("temperature", 0, 2),
                f.number("top_p", 0, 1),
                readStop(f),
                f.longValue("seed"),
                f.string("user"),
                f.object("metadata"),
                f.bool("logprobs"),
                f.integer("top_logprobs", 0, 20),
                f.string("reasoning_effort"),
                f.fieldsOtherThan(TYPED));
    }

    private static List<ChatMessage> readMessages(FieldReader f) {
        JsonNode messages = f.array("messages");
        if (messages == null) {
            throw GatewayException.missing("messages");
        }
        if (messages.isEmpty()) {
            throw GatewayException.invalidRequest("'messages' must contain at least one message.", "messages");
        }
        List<ChatMessage> result = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            result.add(MessageReader.read(messages.get(i), "messages[" + i + "]"));
        }
        return result;
    }

    private static boolean readIncludeUsage(FieldReader f) {
        JsonNode options = f.object("stream_options");
        if (options == null) {
            return false;
        }
        return Boolean.TRUE.equals(new FieldReader(options, "stream_options").bool("include_usage"));
    }

    private static JsonNode readResponseFormat(FieldReader f) {
        JsonNode format = f.object("response_format");
        if (format == null) {
            return null;
        }
        FieldReader r = new FieldReader(format, "response_format");
        String type = r.requiredString("type");
        switch (type) {
            case "text", "json_object" -> { }
            case "json_schema" -> {
                JsonNode schema = r.object("json_schema");
                if (schema == null) {
                    throw GatewayException.missing("response_format.json_schema");
                }
                new FieldReader(schema, "response_format.json_schema").requiredString("name");
            }
            default -> throw GatewayException.invalidRequest("Invalid value for 'response_format.type': '" + type
                    + "'. Supported values are: 'text', 'json_object' and 'json_schema'.", "response_format.type");
        }
        return format;
    }

    private static List<String> readStop(FieldReader f) {
        JsonNode stop = f.get("stop");
        if (stop == null) {
            return List.of();
        }
        if (stop.isTextual()) {
            return List.of(stop.textValue());
        }
        if (!stop.isArray()) {
            throw GatewayException.wrongType("stop", "a string or an array of strings");
        }
        List<String> result = new ArrayList<>(stop.size());
        for (JsonNode s : stop) {
            if (!s.isTextual()) {
                throw GatewayException.wrongType("stop", "a string or an array of strings");
            }
            result.add(s.textValue());
        }
        return result;
    }
}
