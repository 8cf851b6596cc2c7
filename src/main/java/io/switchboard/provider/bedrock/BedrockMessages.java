package io.switchboard.provider.bedrock;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenAI messages as Converse's {@code system} and {@code messages} (reference §3.3): system and developer
 * messages become {@code system} text blocks; tool results become {@code toolResult} blocks of a user turn;
 * assistant tool calls {@code toolUse} blocks with the arguments as a JSON object; consecutive turns of one role
 * merge, since Converse wants user and assistant to alternate. An assistant's {@code thinking_blocks} (as Claude's
 * answers carry them) go back first as {@code reasoningContent} blocks with their signatures, which Claude requires
 * across turns of extended thinking with tools. Images must be base64 {@code data:} URLs: Converse
 * takes image bytes (or S3 locations), never a web URL, and an adapter does not fetch. {@code file} parts of a user
 * turn become {@code document} blocks ({@link BedrockDocuments}).
 */
final class BedrockMessages {
    private static final Map<String, String> IMAGE_FORMATS = Map.of("image/png", "png", "image/jpeg", "jpeg",
            "image/jpg", "jpeg", "image/gif", "gif", "image/webp", "webp");

    record Converted(ArrayNode system, ArrayNode messages, boolean usesTools) {
    }

    private record Turn(String role, List<ObjectNode> blocks) {
    }

    private BedrockMessages() {
    }

    static Converted convert(List<ChatMessage> messages) {
        ArrayNode system = WireJson.NODES.arrayNode();
        List<Turn> turns = new ArrayList<>();
        boolean usesTools = false;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            String path = "messages[" + i + "]";
            switch (m.role()) {
                case "system", "developer" -> contentBlocks(m.content(), path, false).forEach(system::add);
                case "user" -> append(turns, "user", contentBlocks(m.content(), path, true));
                case "tool" -> {
                    append(turns, "user", List.of(toolResult(m, path)));
                    usesTools = true;
                }
                case "assistant" -> {
                    append(turns, "assistant", assistantBlocks(m, path));
                    usesTools |= !m.toolCalls().isEmpty();
                }
                default -> throw GatewayException.invalidRequest("Messages with role '" + m.role()
                        + "' are not supported by Bedrock models; send tool results as 'tool' messages.",
                        path + ".role");
            }
        }
        ArrayNode out = WireJson.NODES.arrayNode();
        for (Turn turn : turns) {
            ObjectNode message = out.addObject();
            message.put("role", turn.role());
            ArrayNode content = message.putArray("content");
            turn.blocks().forEach(content::add);
        }
        return new Converted(system, out, usesTools);
    }

    private static void append(List<Turn> turns, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return; // Converse refuses empty content; an empty OpenAI message says nothing anyway
        }
        Turn last = turns.isEmpty() ? null : turns.get(turns.size() - 1);
        if (last != null && last.role().equals(role)) {
            last.blocks().addAll(blocks);
        } else {
            turns.add(new Turn(role, new ArrayList<>(blocks)));
        }
    }

    private static List<ObjectNode> contentBlocks(MessageContent content, String path, boolean mediaAllowed) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content instanceof MessageContent.Text text) {
            if (!text.value().isBlank()) { // Converse: "The text field in the ContentBlock object is blank"
                blocks.add(textBlock(text.value()));
            }
        } else if (content instanceof MessageContent.Parts parts) {
            for (int j = 0; j < parts.parts().size(); j++) {
                ContentPart part = parts.parts().get(j);
                String partPath = path + ".content[" + j + "]";
                if (part instanceof ContentPart.TextPart t) {
                    if (!t.text().isBlank()) {
                        blocks.add(textBlock(t.text()));
                    }
                } else if (part instanceof ContentPart.ImagePart image && mediaAllowed) {
                    blocks.add(imageBlock(image.url(), partPath + ".image_url.url"));
                } else if (part instanceof ContentPart.OtherPart file && file.type().equals("file") && mediaAllowed) {
                    blocks.add(BedrockDocuments.fromFilePart(file, partPath));
                } else {
                    String type = part instanceof ContentPart.OtherPart other ? other.type() : "image_url";
                    throw GatewayException.invalidRequest("Content parts of type '" + type
                            + "' are not supported here by Bedrock models.", partPath + ".type");
                }
            }
        }
        return blocks;
    }

    /** {@code data:image/png;base64,…} → {@code {"image":{"format":"png","source":{"bytes":"…"}}}}. */
    static ObjectNode imageBlock(String url, String path) {
        int comma = url.indexOf(',');
        String header = url.startsWith("data:") && comma > 0 ? url.substring(5, comma) : "";
        if (!header.endsWith(";base64")) {
            throw GatewayException.invalidRequest("Bedrock models take images as base64 'data:' URLs"
                    + " (data:image/png;base64,...), not web URLs.", path);
        }
        String format = IMAGE_FORMATS.get(header.substring(0, header.length() - ";base64".length()));
        if (format == null) {
            throw GatewayException.invalidRequest("Bedrock models take png, jpeg, gif and webp images.", path);
        }
        ObjectNode block = WireJson.object();
        ObjectNode image = block.putObject("image");
        image.put("format", format);
        image.putObject("source").put("bytes", url.substring(comma + 1));
        return block;
    }

    private static ObjectNode toolResult(ChatMessage m, String path) {
        if (m.toolCallId() == null || m.toolCallId().isBlank()) {
            throw GatewayException.invalidRequest("A 'tool' message needs its 'tool_call_id'.", path + ".tool_call_id");
        }
        ObjectNode block = WireJson.object();
        ObjectNode result = block.putObject("toolResult");
        result.put("toolUseId", m.toolCallId());
        ArrayNode content = result.putArray("content");
        List<ObjectNode> parts = contentBlocks(m.content(), path, false);
        if (parts.isEmpty()) {
            parts = List.of(textBlock(" ")); // a tool may answer nothing; Converse needs one non-empty block
        }
        parts.forEach(content::add);
        return block;
    }

    private static List<ObjectNode> assistantBlocks(ChatMessage m, String path) {
        List<ObjectNode> blocks = reasoningBlocks(m, path);
        blocks.addAll(contentBlocks(m.content(), path, false));
        for (int j = 0; j < m.toolCalls().size(); j++) {
            ToolCall call = m.toolCalls().get(j);
            ObjectNode block = WireJson.object();
            ObjectNode use = block.putObject("toolUse");
            use.put("toolUseId", call.id());
            use.put("name", call.name());
            use.set("input", ToolArguments.asObject(call.arguments(),
                    path + ".tool_calls[" + j + "].function.arguments", "Bedrock models"));
            blocks.add(block);
        }
        return blocks;
    }

    /**
     * {@code {"type":"thinking","thinking","signature"}} → {@code {"reasoningContent":{"reasoningText":{text,
     * signature}}}}; {@code {"type":"redacted_thinking","data"}} → {@code {"reasoningContent":{"redactedContent"}}}.
     */
    private static List<ObjectNode> reasoningBlocks(ChatMessage m, String path) {
        List<ObjectNode> blocks = new ArrayList<>();
        JsonNode thinking = m.extra() == null ? null : m.extra().get("thinking_blocks");
        if (thinking == null || !thinking.isArray()) {
            return blocks;
        }
        for (int k = 0; k < thinking.size(); k++) {
            JsonNode given = thinking.get(k);
            ObjectNode block = WireJson.object();
            ObjectNode reasoning = block.putObject("reasoningContent");
            switch (given.path("type").asText("")) {
                case "thinking" -> {
                    ObjectNode text = reasoning.putObject("reasoningText");
                    text.put("text", given.path("thinking").asText(""));
                    if (given.hasNonNull("signature")) {
                        text.put("signature", given.get("signature").asText());
                    }
                }
                case "redacted_thinking" -> reasoning.put("redactedContent", given.path("data").asText(""));
                default -> throw GatewayException.invalidRequest("Thinking blocks must be of type 'thinking' or"
                        + " 'redacted_thinking'.", path + ".thinking_blocks[" + k + "].type");
            }
            blocks.add(block);
        }
        return blocks;
    }

    static ObjectNode textBlock(String text) {
        ObjectNode block = WireJson.object();
        block.put("text", text);
        return block;
    }
}
