package io.switchboard.provider.anthropic;

import io.switchboard.provider.JsonTool;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a Messages stream (reference §1.4, §3.2): {@code message_start}, then per content block
 * {@code content_block_start}/{@code _delta}/{@code _stop}, then {@code message_delta} (stop reason, cumulative
 * usage) and {@code message_stop}. Text deltas become content, {@code thinking_delta}s reasoning content, and
 * {@code input_json_delta}s tool-call argument fragments numbered in the order the calls started. The event
 * name is taken from the payload's {@code type}, which Anthropic always sends alongside the {@code event:} line.
 */
final class AnthropicStreamDecoder implements StreamDecoder {
    private enum Block { TEXT, THINKING, TOOL, JSON_TOOL, OTHER }

    private final Deployment deployment;
    private final boolean jsonTool;
    /** Anthropic block index → what the block is; tool blocks also → their OpenAI tool-call index. */
    private final Map<Integer, Block> blocks = new HashMap<>();
    private final Map<Integer, Integer> toolIndexes = new HashMap<>();
    private final Map<Integer, Boolean> toolHasArguments = new HashMap<>();
    private String id;
    private String model;
    private int inputTokens;
    private int cacheRead;
    private int cacheCreation;
    private int outputTokens;
    private boolean done;

    AnthropicStreamDecoder(Deployment deployment, boolean jsonTool) {
        this.deployment = deployment;
        this.jsonTool = jsonTool;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        JsonNode root = parse(event.data());
        String type = root.path("type").asText(event.type() == null ? "" : event.type());
        return switch (type) {
            case "message_start" -> start(root.path("message"));
            case "content_block_start" -> blockStart(root.path("index").asInt(), root.path("content_block"));
            case "content_block_delta" -> blockDelta(root.path("index").asInt(), root.path("delta"));
            case "content_block_stop" -> blockStop(root.path("index").asInt());
            case "message_delta" -> messageDelta(root);
            case "message_stop" -> {
                done = true;
                yield List.of();
            }
            case "error" -> throw AnthropicErrors.fromStreamEvent(root, deployment);
            default -> List.of(); // ping, and event types added after this was written
        };
    }

    @Override
    public boolean done() {
        return done;
    }

    private List<ChatChunk> start(JsonNode message) {
        id = AnthropicResponseReader.text(message, "id");
        model = AnthropicResponseReader.text(message, "model");
        readUsage(message.path("usage"));
        return List.of(chunk(new ChatChunk.Delta("assistant", null, null, null, null), null, null));
    }

    private List<ChatChunk> blockStart(int index, JsonNode block) {
        switch (block.path("type").asText("")) {
            case "text" -> {
                blocks.put(index, Block.TEXT);
                return content(block.path("text").asText(""));
            }
            case "thinking" -> {
                blocks.put(index, Block.THINKING);
                return reasoning(block.path("thinking").asText(""));
            }
            case "tool_use" -> {
                String name = block.path("name").asText();
                if (jsonTool && JsonTool.NAME.equals(name)) {
                    blocks.put(index, Block.JSON_TOOL);
                    return List.of();
                }
                blocks.put(index, Block.TOOL);
                int toolIndex = toolIndexes.size();
                toolIndexes.put(index, toolIndex);
                toolHasArguments.put(index, false);
                return toolDelta(toolIndex, block.path("id").asText(), name, "");
            }
            default -> {
                blocks.put(index, Block.OTHER); // redacted thinking, server tools: nothing OpenAI can show
                return List.of();
            }
        }
    }

    private List<ChatChunk> blockDelta(int index, JsonNode delta) {
        Block block = blocks.getOrDefault(index, Block.OTHER);
        return switch (delta.path("type").asText("")) {
            case "text_delta" -> content(delta.path("text").asText(""));
            case "thinking_delta" -> reasoning(delta.path("thinking").asText(""));
            case "input_json_delta" -> {
                String fragment = delta.path("partial_json").asText("");
                if (fragment.isEmpty()) {
                    yield List.of(); // the first fragment is usually empty
                }
                if (block == Block.JSON_TOOL) {
                    yield content(fragment);
                }
                if (block != Block.TOOL) {
                    yield List.of();
                }
                toolHasArguments.put(index, true);
                yield toolDelta(toolIndexes.get(index), null, null, fragment);
            }
            case "signature_delta" -> List.of(chunk(new ChatChunk.Delta(null, null, null, null, null,
                    delta.path("signature").asText("")), null, null));
            default -> List.of(); // citations_delta
        };
    }

    /** A call that streamed no arguments gets {@code {}}, as the non-streamed answer's empty {@code input} reads. */
    private List<ChatChunk> blockStop(int index) {
        if (blocks.get(index) == Block.TOOL && !toolHasArguments.get(index)) {
            toolHasArguments.put(index, true);
            return toolDelta(toolIndexes.get(index), null, null, "{}");
        }
        return List.of();
    }

    /** Usage in {@code message_delta} is cumulative; newer streams repeat the input counts too (overwrite, never add). */
    private List<ChatChunk> messageDelta(JsonNode root) {
        readUsage(root.path("usage"));
        String stopReason = AnthropicResponseReader.text(root.path("delta"), "stop_reason");
        String finish = AnthropicResponseReader.finishReason(stopReason, !toolIndexes.isEmpty());
        Usage usage = AnthropicResponseReader.usage(inputTokens, cacheRead, cacheCreation, outputTokens, 0);
        return List.of(chunk(ChatChunk.Delta.EMPTY, finish, usage));
    }

    private void readUsage(JsonNode usage) {
        if (!usage.isObject()) {
            return;
        }
        inputTokens = usage.path("input_tokens").asInt(inputTokens);
        cacheRead = usage.path("cache_read_input_tokens").asInt(cacheRead);
        cacheCreation = usage.path("cache_creation_input_tokens").asInt(cacheCreation);
        outputTokens = usage.path("output_tokens").asInt(outputTokens);
    }

    private List<ChatChunk> content(String text) {
        return text.isEmpty() ? List.of() : List.of(chunk(new ChatChunk.Delta(null, text, null, null, null), null, null));
    }

    private List<ChatChunk> reasoning(String text) {
        return text.isEmpty() ? List.of() : List.of(chunk(new ChatChunk.Delta(null, null, text, null, null), null, null));
    }

    private List<ChatChunk> toolDelta(int toolIndex, String callId, String name, String arguments) {
        ChatChunk.ToolCallDelta call = new ChatChunk.ToolCallDelta(toolIndex, callId, callId == null ? null : "function",
                name, arguments);
        return List.of(chunk(new ChatChunk.Delta(null, null, null, null, List.of(call)), null, null));
    }

    private ChatChunk chunk(ChatChunk.Delta delta, String finishReason, Usage usage) {
        return new ChatChunk(id, 0, model, null, List.of(new ChatChunk.Choice(0, delta, null, finishReason)), usage);
    }

    private static JsonNode parse(String data) {
        try {
            JsonNode node = WireJson.MAPPER.readTree(data);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (Exception unreadable) {
            // reported below
        }
        throw AnthropicResponseReader.garbage();
    }
}
