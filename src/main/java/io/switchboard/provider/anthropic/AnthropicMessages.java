package io.switchboard.provider.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.ToolArguments;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * OpenAI messages as Anthropic's {@code system} and {@code messages} (reference §3.2): system and developer
 * messages move to the top-level {@code system}; tool results become {@code tool_result} blocks of a user
 * message; consecutive messages of one role merge, since Anthropic wants user and assistant to alternate;
 * assistant {@code thinking_blocks} go back with their signatures, as extended thinking requires across turns.
 */
final class AnthropicMessages {
    private static final String PLAIN_TEXT = "data:text/plain;base64,";
    private static final Set<String> IMAGE_TYPES = Set.of("image/jpeg", "image/png", "image/gif", "image/webp");

    /** @param system a string, an array of text blocks, or null */
    record Converted(JsonNode system, ArrayNode messages) {
    }

    private record Turn(String role, List<ObjectNode> blocks) {
    }

    private AnthropicMessages() {
    }

    static Converted convert(List<ChatMessage> messages) {
        List<ObjectNode> system = new ArrayList<>();
        List<Turn> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String path = "messages[" + i + "]";
            switch (m.role()) {
                case "system", "developer" -> system.addAll(withMessageCache(contentBlocks(m.content(), path), m));
                case "user" -> append(turns, "user", withMessageCache(contentBlocks(m.content(), path), m));
                case "tool" -> append(turns, "user", withMessageCache(List.of(toolResult(m, path)), m));
                case "assistant" -> append(turns, "assistant", withMessageCache(assistantBlocks(m, path), m));
                default -> throw GatewayException.invalidRequest("Messages with role '" + m.role()
                        + "' are not supported by Anthropic models; send tool results as 'tool' messages.",
                        path + ".role");
            }
        }
        ArrayNode out = WireJson.NODES.arrayNode();
        for (Turn turn : turns) {
            ObjectNode message = out.addObject();
            message.put("role", turn.role());
            message.set("content", compact(turn.blocks()));
        }
        return new Converted(system.isEmpty() ? null : compact(system), out);
    }

    /** One plain text block is sent as a string, the shape Anthropic's own examples use; anything else as blocks. */
    private static JsonNode compact(List<ObjectNode> blocks) {
        if (blocks.size() == 1 && blocks.get(0).path("type").asText().equals("text") && blocks.get(0).size() == 2) {
            return blocks.get(0).get("text");
        }
        ArrayNode array = WireJson.NODES.arrayNode();
        blocks.forEach(array::add);
        return array;
    }

    private static void append(List<Turn> turns, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return; // Anthropic refuses empty turns; an empty OpenAI message says nothing anyway
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            last.blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    /** A message-level {@code cache_control} marks the message's last block, as LiteLLM applies it. */
    private static List<ObjectNode> withMessageCache(List<ObjectNode> blocks, ChatMessage m) {
        JsonNode cache = m.extra() == null ? null : m.extra().get("cache_control");
        if (cache != null && !cache.isNull() && !blocks.isEmpty()) {
            blocks.get(blocks.size() - 1).set("cache_control", cache);
        }
        return blocks;
    }

    private static List<ObjectNode> contentBlocks(MessageContent content, String path) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content instanceof MessageContent.Text text) {
            if (!text.value().isEmpty()) { // Anthropic: "text content blocks must be non-empty"
                blocks.add(textBlock(text.value()));
            }
        } else if (content instanceof MessageContent.Parts parts) {
            for (int j = 0; j < parts.parts().size(); j++) {
                ObjectNode block = partBlock(parts.parts().get(j), path + ".content[" + j + "]");
                if (block != null) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }

    private static ObjectNode partBlock(ContentPart part, String path) {
        if (part instanceof ContentPart.TextPart text) {
            if (text.text().isEmpty()) {
                return null;
            }
            ObjectNode block = textBlock(text.text());
            JsonNode cache = text.extra() == null ? null : text.extra().get("cache_control");
            if (cache != null && !cache.isNull()) {
                block.set("cache_control", cache);
            }
            return block;
        }
        if (part instanceof ContentPart.ImagePart image) {
            return mediaBlock(image.url(), path + ".image_url.url");
        }
        ContentPart.OtherPart other = (ContentPart.OtherPart) part;
        if (other.type().equals("document")) {
            return other.raw().deepCopy(); // already an Anthropic block (LiteLLM passes these through)
        }
        if (other.type().equals("file") && other.raw().path("file").path("file_data").isTextual()) {
            String data = other.raw().path("file").path("file_data").textValue();
            return data.startsWith(PLAIN_TEXT) ? plainTextDocument(data, path + ".file.file_data")
                    : mediaBlock(data, path + ".file.file_data");
        }
        throw GatewayException.invalidRequest("Content parts of type '" + other.type()
                + "' are not supported by Anthropic models.", path + ".type");
    }

    /**
     * A {@code text/plain} file is a document with a text source: Anthropic's base64 documents are PDFs only
     * (docs.anthropic.com, "PDF support" and "Citations": plain text documents carry their text as sent).
     */
    private static ObjectNode plainTextDocument(String url, String path) {
        String text;
        try {
            text = new String(Base64.getDecoder().decode(url.substring(PLAIN_TEXT.length())), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw GatewayException.invalidRequest("'file_data' is not valid base64.", path);
        }
        ObjectNode block = WireJson.object();
        block.put("type", "document");
        ObjectNode source = block.putObject("source");
        source.put("type", "text");
        source.put("media_type", "text/plain");
        source.put("data", text);
        return block;
    }

    /** {@code data:} URLs become base64 sources (PDFs a document block); http(s) URLs, URL sources. */
    private static ObjectNode mediaBlock(String url, String path) {
        ObjectNode block = WireJson.object();
        ObjectNode source = WireJson.object();
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            String header = comma < 0 ? "" : url.substring(5, comma);
            if (comma < 0 || !header.endsWith(";base64")) {
                throw GatewayException.invalidRequest("Images must be base64 'data:' URLs or http(s) URLs.", path);
            }
            String mediaType = header.substring(0, header.length() - ";base64".length());
            boolean pdf = mediaType.equals("application/pdf");
            if (!pdf && !IMAGE_TYPES.contains(mediaType)) {
                throw GatewayException.invalidRequest("Media type '" + mediaType + "' is not supported by Anthropic"
                        + " models; use image/jpeg, image/png, image/gif, image/webp, application/pdf or text/plain.",
                        path);
            }
            block.put("type", pdf ? "document" : "image");
            source.put("type", "base64");
            source.put("media_type", mediaType);
            source.put("data", url.substring(comma + 1));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            block.put("type", "image");
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw GatewayException.invalidRequest("Images must be base64 'data:' URLs or http(s) URLs.", path);
        }
        block.set("source", source);
        return block;
    }

    private static ObjectNode toolResult(ChatMessage m, String path) {
        ObjectNode block = WireJson.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", m.toolCallId());
        if (m.content() instanceof MessageContent.Parts) {
            ArrayNode content = block.putArray("content");
            contentBlocks(m.content(), path).forEach(content::add);
        } else {
            block.put("content", m.text() == null ? "" : m.text());
        }
        return block;
    }

    /** Thinking blocks first (Anthropic requires them before the text and tool use they led to), then text, then calls. */
    private static List<ObjectNode> assistantBlocks(ChatMessage m, String path) {
        List<ObjectNode> blocks = new ArrayList<>();
        JsonNode thinking = m.extra() == null ? null : m.extra().get("thinking_blocks");
        if (thinking != null && thinking.isArray()) {
            for (int k = 0; k < thinking.size(); k++) {
                JsonNode block = thinking.get(k);
                String type = block.path("type").asText("");
                if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                    throw GatewayException.invalidRequest("Thinking blocks must be of type 'thinking' or"
                            + " 'redacted_thinking'.", path + ".thinking_blocks[" + k + "].type");
                }
                blocks.add(((ObjectNode) block).deepCopy());
            }
        }
        blocks.addAll(contentBlocks(m.content(), path));
        for (int j = 0; j < m.toolCalls().size(); j++) {
            ToolCall call = m.toolCalls().get(j);
            ObjectNode block = WireJson.object();
            block.put("type", "tool_use");
            block.put("id", call.id());
            block.put("name", call.name());
            block.set("input", ToolArguments.asObject(call.arguments(),
                    path + ".tool_calls[" + j + "].function.arguments", "Anthropic models"));
            blocks.add(block);
        }
        return blocks;
    }

    private static ObjectNode textBlock(String text) {
        ObjectNode block = WireJson.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }
}
