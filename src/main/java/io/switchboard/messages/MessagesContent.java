package io.switchboard.messages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.FieldReader;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic's {@code system} and content blocks as canonical messages. A user turn's {@code tool_result}
 * blocks become {@code tool} messages, placed before the turn's other content because OpenAI wants tool
 * results right after the assistant message that called the tools; an assistant turn's {@code tool_use}
 * blocks become tool calls with JSON-text arguments; thinking blocks ride along as {@code thinking_blocks}
 * (with their signatures) for providers that can take them back. {@code cache_control} stays on text parts.
 */
final class MessagesContent {
    private MessagesContent() {
    }

    /** The top-level {@code system}: a string or an array of text blocks; null when absent or empty. */
    static ChatMessage system(JsonNode system) {
        if (system == null || system.isNull()) {
            return null;
        }
        MessageContent content;
        if (system.isTextual()) {
            if (system.textValue().isEmpty()) {
                return null;
            }
            content = new MessageContent.Text(system.textValue());
        } else if (system.isArray()) {
            List<ContentPart> parts = new ArrayList<>(system.size());
            for (int i = 0; i < system.size(); i++) {
                FieldReader b = new FieldReader(system.get(i), "system." + i);
                String type = b.requiredString("type");
                if (!type.equals("text")) {
                    throw GatewayException.invalidRequest("system." + i + ".type: system blocks must be of type"
                            + " 'text'.", b.param("type"));
                }
                parts.add(textPart(b));
            }
            if (parts.isEmpty()) {
                return null;
            }
            content = new MessageContent.Parts(parts);
        } else {
            throw GatewayException.wrongType("system", "a string or an array of text blocks");
        }
        return new ChatMessage("system", content, null, null, null, null, null, null);
    }

    /** One Anthropic message as one or more canonical messages (a user turn's tool results come first). */
    static List<ChatMessage> message(JsonNode node, String path) {
        FieldReader f = new FieldReader(node, path);
        String role = f.requiredString("role");
        JsonNode content = f.get("content");
        if (content == null) {
            throw GatewayException.missing(f.param("content"));
        }
        if (!content.isTextual() && !content.isArray()) {
            throw GatewayException.wrongType(f.param("content"), "a string or an array of content blocks");
        }
        return switch (role) {
            case "user" -> user(content, f.param("content"));
            case "assistant" -> List.of(assistant(content, f.param("content")));
            default -> throw GatewayException.invalidRequest(f.param("role") + ": '" + role + "' is not one of"
                    + " 'user' or 'assistant'; put system prompts in the top-level 'system' field.", f.param("role"));
        };
    }

    private static List<ChatMessage> user(JsonNode content, String path) {
        if (content.isTextual()) {
            return List.of(new ChatMessage("user", new MessageContent.Text(content.textValue()), null, null, null,
                    null, null, null));
        }
        List<ChatMessage> out = new ArrayList<>();
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < content.size(); i++) {
            FieldReader b = new FieldReader(content.get(i), path + "." + i);
            String type = b.requiredString("type");
            switch (type) {
                case "text" -> parts.add(textPart(b));
                case "image" -> parts.add(image(b));
                case "document" -> parts.add(document(b));
                case "tool_result" -> out.add(toolResult(b));
                default -> throw unsupportedBlock(b, type);
            }
        }
        if (!parts.isEmpty()) {
            out.add(new ChatMessage("user", new MessageContent.Parts(parts), null, null, null, null, null, null));
        }
        return out;
    }

    private static ChatMessage assistant(JsonNode content, String path) {
        if (content.isTextual()) {
            return ChatMessage.assistant(content.textValue(), List.of());
        }
        List<ContentPart> parts = new ArrayList<>();
        List<ToolCall> calls = new ArrayList<>();
        ArrayNode thinking = WireJson.NODES.arrayNode();
        for (int i = 0; i < content.size(); i++) {
            FieldReader b = new FieldReader(content.get(i), path + "." + i);
            String type = b.requiredString("type");
            switch (type) {
                case "text" -> parts.add(textPart(b));
                case "tool_use" -> calls.add(toolUse(b));
                case "thinking", "redacted_thinking" -> thinking.add(b.node());
                default -> throw unsupportedBlock(b, type);
            }
        }
        ObjectNode extra = null;
        if (!thinking.isEmpty()) {
            extra = WireJson.object();
            extra.set("thinking_blocks", thinking);
        }
        MessageContent text = parts.isEmpty() ? null : parts.size() == 1 && plain(parts.get(0))
                ? new MessageContent.Text(((ContentPart.TextPart) parts.get(0)).text())
                : new MessageContent.Parts(parts);
        return new ChatMessage("assistant", text, null, calls, null, null, null, extra);
    }

    private static boolean plain(ContentPart part) {
        return part instanceof ContentPart.TextPart t && t.extra() == null;
    }

    /** A text block; its {@code cache_control} is kept for providers with prompt caching (the part's extra). */
    private static ContentPart.TextPart textPart(FieldReader b) {
        String text = b.requiredString("text");
        JsonNode cache = b.object("cache_control");
        ObjectNode extra = null;
        if (cache != null) {
            extra = WireJson.object();
            extra.set("cache_control", cache);
        }
        return new ContentPart.TextPart(text, extra);
    }

    /** base64 sources become {@code data:} URLs, URL sources stay URLs: the canonical image part takes both. */
    private static ContentPart image(FieldReader b) {
        FieldReader source = source(b);
        String type = source.requiredString("type");
        return switch (type) {
            case "base64" -> new ContentPart.ImagePart("data:" + source.requiredString("media_type") + ";base64,"
                    + source.requiredString("data"), null);
            case "url" -> new ContentPart.ImagePart(source.requiredString("url"), null);
            default -> throw GatewayException.invalidRequest(source.param("type") + ": image sources must be"
                    + " 'base64' or 'url'.", source.param("type"));
        };
    }

    /**
     * A base64 PDF becomes OpenAI's {@code file} part, which OpenAI, Gemini and the Anthropic adapter all
     * take; other document sources (plain text, URLs) are Anthropic's own and are kept as sent.
     */
    private static ContentPart document(FieldReader b) {
        FieldReader source = source(b);
        if ("base64".equals(source.string("type")) && "application/pdf".equals(source.string("media_type"))) {
            ObjectNode part = WireJson.object();
            part.put("type", "file");
            ObjectNode file = part.putObject("file");
            String title = b.string("title");
            file.put("filename", title == null || title.isBlank() ? "document.pdf" : title);
            file.put("file_data", "data:application/pdf;base64," + source.requiredString("data"));
            return new ContentPart.OtherPart("file", part);
        }
        return new ContentPart.OtherPart("document", b.node().deepCopy());
    }

    private static FieldReader source(FieldReader b) {
        JsonNode source = b.object("source");
        if (source == null) {
            throw GatewayException.missing(b.param("source"));
        }
        return new FieldReader(source, b.param("source"));
    }

    /** A tool result as a {@code tool} message: string content as is, text blocks joined, images kept as parts. */
    private static ChatMessage toolResult(FieldReader b) {
        String id = b.requiredString("tool_use_id");
        JsonNode content = b.get("content");
        MessageContent result;
        if (content == null) {
            result = new MessageContent.Text("");
        } else if (content.isTextual()) {
            result = new MessageContent.Text(content.textValue());
        } else if (content.isArray()) {
            List<ContentPart> parts = new ArrayList<>(content.size());
            for (int i = 0; i < content.size(); i++) {
                FieldReader p = new FieldReader(content.get(i), b.param("content") + "." + i);
                String type = p.requiredString("type");
                switch (type) {
                    case "text" -> parts.add(new ContentPart.TextPart(p.requiredString("text")));
                    case "image" -> parts.add(image(p));
                    default -> throw unsupportedBlock(p, type);
                }
            }
            boolean textOnly = parts.stream().allMatch(ContentPart.TextPart.class::isInstance);
            result = textOnly ? new MessageContent.Text(String.join("\n", parts.stream()
                    .map(p -> ((ContentPart.TextPart) p).text()).toList())) : new MessageContent.Parts(parts);
        } else {
            throw GatewayException.wrongType(b.param("content"), "a string or an array of content blocks");
        }
        return new ChatMessage("tool", result, null, null, id, null, null, null);
    }

    /** {@code input} is an object; OpenAI carries it as JSON text. */
    private static ToolCall toolUse(FieldReader b) {
        String id = b.requiredString("id");
        String name = b.requiredString("name");
        JsonNode input = b.object("input");
        return new ToolCall(id, "function", name, WireJson.render(input == null ? WireJson.object() : input));
    }

    private static GatewayException unsupportedBlock(FieldReader b, String type) {
        return GatewayException.invalidRequest(b.param("type") + ": content blocks of type '" + type
                + "' are not supported here.", b.param("type"));
    }
}
