package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatChunk;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.JsonTool;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * Decodes ConverseStream (reference §3.3) from the raw bytes of the body, frames split anywhere. Each frame's
 * {@code :event-type} names its event: {@code messageStart} (the role), {@code contentBlockStart} (only for tool
 * use: id and name), {@code contentBlockDelta} (text, tool input JSON fragments, reasoning text),
 * {@code contentBlockStop}, {@code messageStop} (the stop reason), then {@code metadata} (usage), the last event.
 * Tool calls are numbered in the order their blocks start; the forced {@link JsonTool}'s input, when structured
 * output was asked for, streams as content instead. A reasoning signature closes its block of reasoning. A frame whose {@code :message-type} is
 * {@code exception} (or {@code error}) is the provider failing mid-stream and is thrown as its gateway error.
 */
final class BedrockStreamDecoder implements StreamDecoder {
    private final Deployment deployment;
    private final EventStreamFrames frames = new EventStreamFrames();
    /** Converse content block index → OpenAI tool-call index, for tool-use blocks. */
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    /** Content block indexes of the forced JSON tool, whose input is the answer's text. */
    private final Set<Integer> jsonBlocks = new HashSet<>();
    private final boolean jsonTool;
    private boolean toolCalls;
    private boolean done;

    BedrockStreamDecoder(Deployment deployment, boolean jsonTool) {
        this.deployment = deployment;
        this.jsonTool = jsonTool;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        if (event.bytes() == null) {
            throw BedrockResponseReader.garbage();
        }
        List<ChatChunk> out = new ArrayList<>();
        for (Message message : frames.feed(event.bytes())) {
            out.addAll(decode(message));
        }
        return out;
    }

    private List<ChatChunk> decode(Message message) {
        String messageType = header(message, ":message-type");
        if ("exception".equals(messageType)) {
            throw BedrockErrors.fromStreamException(header(message, ":exception-type"), message.getPayload(),
                    deployment);
        }
        if ("error".equals(messageType)) {
            throw BedrockErrors.fromStreamException(header(message, ":error-code"), new byte[0], deployment);
        }
        JsonNode payload = BedrockResponseReader.parse(message.getPayload());
        String type = header(message, ":event-type");
        return switch (type == null ? "" : type) {
            case "messageStart" -> List.of(chunk(new ChatChunk.Delta(payload.path("role").asText("assistant"),
                    null, null, null, null), null));
            case "contentBlockStart" -> blockStart(payload.path("contentBlockIndex").asInt(), payload.path("start"));
            case "contentBlockDelta" -> blockDelta(payload.path("contentBlockIndex").asInt(), payload.path("delta"));
            case "messageStop" -> List.of(new ChatChunk(null, 0, null, null, List.of(new ChatChunk.Choice(0,
                    ChatChunk.Delta.EMPTY, null, BedrockResponseReader.finishReason(
                            payload.path("stopReason").asText("end_turn"), toolCalls))), null));
            case "metadata" -> {
                done = true;
                yield List.of(new ChatChunk(null, 0, null, null, List.of(),
                        BedrockResponseReader.usage(payload.get("usage"))));
            }
            default -> List.of(); // contentBlockStop, and event types added after this was written
        };
    }

    private List<ChatChunk> blockStart(int block, JsonNode start) {
        JsonNode use = start.get("toolUse");
        if (use == null) {
            return List.of();
        }
        if (JsonTool.answers(jsonTool, use.path("name").asText())) {
            jsonBlocks.add(block);
            return List.of();
        }
        int index = toolIndexes.computeIfAbsent(block, b -> toolIndexes.size());
        toolCalls = true;
        return List.of(chunk(new ChatChunk.Delta(null, null, null, null, List.of(new ChatChunk.ToolCallDelta(index,
                use.path("toolUseId").asText(), "function", use.path("name").asText(), ""))), null));
    }

    private List<ChatChunk> blockDelta(int block, JsonNode delta) {
        if (delta.has("text")) {
            return List.of(chunk(new ChatChunk.Delta(null, delta.path("text").asText(""), null, null, null), null));
        }
        if (delta.has("toolUse") && jsonBlocks.contains(block)) {
            return List.of(chunk(new ChatChunk.Delta(null, delta.path("toolUse").path("input").asText(""), null, null,
                    null), null));
        }
        if (delta.has("toolUse")) {
            Integer index = toolIndexes.get(block);
            if (index == null) { // a delta for a block that never started: Converse always starts tool blocks
                throw BedrockResponseReader.garbage();
            }
            return List.of(chunk(new ChatChunk.Delta(null, null, null, null, List.of(new ChatChunk.ToolCallDelta(
                    index, null, null, null, delta.path("toolUse").path("input").asText("")))), null));
        }
        JsonNode reasoning = delta.path("reasoningContent").get("text");
        if (reasoning != null) {
            return List.of(chunk(new ChatChunk.Delta(null, null, reasoning.asText(""), null, null), null));
        }
        JsonNode signature = delta.path("reasoningContent").get("signature");
        if (signature != null) {
            return List.of(chunk(new ChatChunk.Delta(null, null, null, null, null, signature.asText("")), null));
        }
        return List.of(); // redacted reasoning, citations
    }

    private static ChatChunk chunk(ChatChunk.Delta delta, String finish) {
        return new ChatChunk(null, 0, null, null, List.of(new ChatChunk.Choice(0, delta, null, finish)), null);
    }

    private static String header(Message message, String name) {
        HeaderValue value = message.getHeaders().get(name);
        if (value == null) {
            return null;
        }
        try {
            return value.getString();
        } catch (RuntimeException notAString) {
            return null;
        }
    }

    @Override
    public boolean done() {
        return done;
    }
}
