package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * OpenAI messages as Gemini {@code contents} (ai.google.dev/api/generate-content): {@code system}/{@code developer}
 * messages go to {@code systemInstruction}; {@code assistant} is role {@code model} with {@code functionCall}
 * parts; {@code tool} results are {@code functionResponse} parts (matched to their call by name, since Gemini has
 * no call ids) in a {@code user} turn. Consecutive messages of one role are merged into one turn, because Gemini
 * wants the answers to parallel calls together in the turn after the calls.
 */
final class GeminiContents {
    private final ArrayNode contents = WireJson.NODES.arrayNode();
    private final ArrayNode system = WireJson.NODES.arrayNode();
    private final Map<String, String> toolNamesById = new HashMap<>();

    static GeminiContents of(List<ChatMessage> messages) {
        GeminiContents c = new GeminiContents();
        for (int i = 0; i < messages.size(); i++) {
            c.add(messages.get(i), "messages[" + i + "]");
        }
        return c;
    }

    ArrayNode contents() {
        return contents;
    }

    /** {@code {"parts":[...]}}, or null when the conversation has no system text. */
    ObjectNode systemInstruction() {
        if (system.isEmpty()) {
            return null;
        }
        ObjectNode instruction = WireJson.object();
        instruction.set("parts", system);
        return instruction;
    }

    private void add(ChatMessage m, String param) {
        switch (m.role()) {
            case "system", "developer" -> {
                String text = m.text();
                if (text != null && !text.isEmpty()) {
                    system.addObject().put("text", text);
                }
            }
            case "user" -> addParts("user", m.content(), param);
            case "assistant" -> {
                String text = m.text();
                if ((text == null || text.isEmpty()) && m.toolCalls().isEmpty()) {
                    return; // an empty turn would be refused ("contents.parts must not be empty")
                }
                ArrayNode parts = turn("model");
                if (text != null && !text.isEmpty()) {
                    parts.addObject().put("text", text);
                }
                for (ToolCall call : m.toolCalls()) {
                    toolNamesById.put(call.id(), call.name());
                    ObjectNode part = parts.addObject();
                    ObjectNode fn = part.putObject("functionCall");
                    String geminiId = ToolCallIds.geminiId(call.id());
                    if (geminiId != null) {
                        fn.put("id", geminiId);
                    }
                    fn.put("name", call.name());
                    fn.set("args", arguments(call.arguments(), param));
                    String signature = ToolCallIds.thoughtSignature(call.id());
                    if (signature != null) {
                        part.put("thoughtSignature", signature);
                    }
                }
            }
            case "tool", "function" -> {
                String name = m.role().equals("function") ? m.name() : toolNamesById.get(m.toolCallId());
                if (name == null) {
                    name = ToolCallIds.functionName(m.toolCallId());
                }
                if (name == null) {
                    throw GatewayException.invalidRequest("Tool message's tool_call_id '" + m.toolCallId()
                            + "' does not match a tool call of an earlier assistant message.", param + ".tool_call_id");
                }
                ObjectNode fr = turn("user").addObject().putObject("functionResponse");
                String geminiId = ToolCallIds.geminiId(m.toolCallId());
                if (geminiId != null) {
                    fr.put("id", geminiId);
                }
                fr.put("name", name);
                fr.set("response", toolResult(m.text()));
            }
            default -> throw GatewayException.invalidRequest("Role '" + m.role() + "' is not supported.",
                    param + ".role");
        }
    }

    private void addParts(String role, MessageContent content, String param) {
        ArrayNode parts = turn(role);
        if (content instanceof MessageContent.Text t) {
            parts.addObject().put("text", t.value());
        } else if (content instanceof MessageContent.Parts list) {
            for (int i = 0; i < list.parts().size(); i++) {
                parts.add(part(list.parts().get(i), param + ".content[" + i + "]"));
            }
        }
    }

    /** The parts of the last turn when it has this role, else of a new turn. */
    private ArrayNode turn(String role) {
        if (!contents.isEmpty()) {
            JsonNode last = contents.get(contents.size() - 1);
            if (role.equals(last.path("role").asText())) {
                return (ArrayNode) last.get("parts");
            }
        }
        ObjectNode turn = contents.addObject();
        turn.put("role", role);
        return turn.putArray("parts");
    }

    private static ObjectNode part(ContentPart p, String param) {
        ObjectNode part = WireJson.object();
        if (p instanceof ContentPart.TextPart t) {
            part.put("text", t.text());
        } else if (p instanceof ContentPart.ImagePart image) {
            media(part, image.url(), param);
        } else if (p instanceof ContentPart.OtherPart other && other.type().equals("input_audio")) {
            JsonNode audio = other.raw().path("input_audio");
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", "audio/" + audio.path("format").asText("wav"));
            inline.put("data", audio.path("data").asText());
        } else if (p instanceof ContentPart.OtherPart other && other.type().equals("file")
                && other.raw().path("file").hasNonNull("file_data")) {
            media(part, other.raw().path("file").path("file_data").asText(), param);
        } else {
            String type = p instanceof ContentPart.OtherPart other ? other.type() : "unknown";
            throw GatewayException.invalidRequest("Content part type '" + type + "' is not supported by Gemini.",
                    param + ".type");
        }
        return part;
    }

    /** {@code data:} URLs are sent inline; {@code gs://} and {@code https://} URLs by reference ({@code fileData}). */
    private static void media(ObjectNode part, String url, String param) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw GatewayException.invalidRequest("A data: URL must be base64-encoded.", param);
            }
            ObjectNode inline = part.putObject("inlineData");
            inline.put("mimeType", header.substring(0, header.length() - ";base64".length()));
            inline.put("data", url.substring(comma + 1));
        } else if (url.startsWith("gs://") || url.startsWith("https://") || url.startsWith("http://")) {
            ObjectNode file = part.putObject("fileData");
            file.put("mimeType", mimeTypeOf(url));
            file.put("fileUri", url);
        } else {
            throw GatewayException.invalidRequest("An image URL must be a data:, gs:// or https:// URL.", param);
        }
    }

    /** Gemini requires a MIME type with {@code fileData}; OpenAI parts carry none, so it is read from the name. */
    static String mimeTypeOf(String url) {
        String path = url.toLowerCase(Locale.ROOT);
        int q = path.indexOf('?');
        path = q < 0 ? path : path.substring(0, q);
        if (path.endsWith(".png")) {
            return "image/png";
        } else if (path.endsWith(".webp")) {
            return "image/webp";
        } else if (path.endsWith(".gif")) {
            return "image/gif";
        } else if (path.endsWith(".heic")) {
            return "image/heic";
        } else if (path.endsWith(".pdf")) {
            return "application/pdf";
        } else if (path.endsWith(".mp3")) {
            return "audio/mp3";
        } else if (path.endsWith(".wav")) {
            return "audio/wav";
        } else if (path.endsWith(".mp4")) {
            return "video/mp4";
        }
        return "image/jpeg";
    }

    private static JsonNode arguments(String arguments, String param) {
        if (arguments == null || arguments.isBlank()) {
            return WireJson.object();
        }
        try {
            JsonNode args = WireJson.MAPPER.readTree(arguments);
            if (args != null && args.isObject()) {
                return args;
            }
        } catch (Exception notJson) {
            // refused below
        }
        throw GatewayException.invalidRequest("Tool call arguments must be a JSON object.", param + ".tool_calls");
    }

    /** Gemini's {@code response} is an object: a JSON-object result is sent as is, any other text wrapped. */
    private static JsonNode toolResult(String text) {
        if (text != null) {
            try {
                JsonNode parsed = WireJson.MAPPER.readTree(text);
                if (parsed != null && parsed.isObject()) {
                    return parsed;
                }
            } catch (Exception notJson) {
                // wrapped below
            }
        }
        ObjectNode wrapped = WireJson.object();
        wrapped.put("content", text == null ? "" : text);
        return wrapped;
    }
}
