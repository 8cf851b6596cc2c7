package io.switchboard.chat;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads one message of a request's {@code messages} array. */
final class MessageReader {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final Set<String> TYPED = Set.of("role", "content", "name", "tool_calls", "tool_call_id",
            "refusal", "reasoning_content");
    private static final Set<String> TEXT_PART_TYPED = Set.of("type", "text");

    private MessageReader() {
    }

    static ChatMessage read(JsonNode node, String path) {
        FieldReader f = new FieldReader(node, path);
        String role = f.requiredString("role");
        if (!ROLES.contains(role)) {
            throw GatewayException.invalidRequest("Invalid value for '" + f.param("role") + "': '" + role
                    + "'. Supported values are: 'system', 'developer', 'user', 'assistant', 'tool' and 'function'.",
                    f.param("role"));
        }
        MessageContent content = readContent(f);
        List<ToolCall> toolCalls = ToolsReader.readToolCalls(f);
        if (content == null && toolCalls.isEmpty() && !role.equals("assistant")) {
            throw GatewayException.missing(f.param("content"));
        }
        String toolCallId = f.string("tool_call_id");
        if (role.equals("tool") && toolCallId == null) {
            throw GatewayException.missing(f.param("tool_call_id"));
        }
        return new ChatMessage(role, content, f.string("name"), toolCalls, toolCallId, f.string("refusal"),
                f.string("reasoning_content"), f.fieldsOtherThan(TYPED));
    }

    private static MessageContent readContent(FieldReader f) {
        JsonNode content = f.get("content");
        if (content == null) {
            return null;
        }
        if (content.isTextual()) {
            return new MessageContent.Text(content.textValue());
        }
        if (!content.isArray()) {
            throw GatewayException.wrongType(f.param("content"), "a string or an array of content parts");
        }
        List<ContentPart> parts = new ArrayList<>(content.size());
        for (int i = 0; i < content.size(); i++) {
            parts.add(readPart(content.get(i), f.param("content") + "[" + i + "]"));
        }
        return new MessageContent.Parts(parts);
    }

    private static ContentPart readPart(JsonNode node, String path) {
        FieldReader f = new FieldReader(node, path);
        String type = f.requiredString("type");
        return switch (type) {
            case "text" -> new ContentPart.TextPart(f.requiredString("text"), f.fieldsOtherThan(TEXT_PART_TYPED));
            case "image_url" -> {
                JsonNode image = f.object("image_url");
                if (image == null) {
                    throw GatewayException.missing(f.param("image_url"));
                }
                FieldReader img = new FieldReader(image, f.param("image_url"));
                yield new ContentPart.ImagePart(img.requiredString("url"), img.string("detail"));
            }
            default -> new ContentPart.OtherPart(type, f.node());
        };
    }
}
