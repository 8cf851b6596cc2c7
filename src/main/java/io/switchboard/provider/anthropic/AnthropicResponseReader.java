package io.switchboard.provider.anthropic;

import io.switchboard.provider.JsonTool;
import io.switchboard.provider.UpstreamJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Messages response (reference §3.2) into the canonical shape: text blocks joined as the content,
 * thinking as {@code reasoning_content} plus {@code thinking_blocks} (with signatures, so the client can send
 * them back next turn, as LiteLLM returns them), {@code tool_use} blocks as tool calls with JSON-text arguments.
 */
final class AnthropicResponseReader {
    private AnthropicResponseReader() {
    }

    static JsonNode parse(byte[] body) {
        return UpstreamJson.object(body);
    }

    static ChatResponse read(JsonNode root, ChatRequest request) {
        JsonNode content = root.get("content");
        if (content == null || !content.isArray()) {
            throw garbage();
        }
        boolean jsonTool = JsonTool.requested(request);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode thinkingBlocks = WireJson.NODES.arrayNode();
        List<ToolCall> calls = new ArrayList<>();
        boolean hasText = false;
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> {
                    text.append(block.path("text").asText(""));
                    hasText = true;
                }
                case "thinking" -> {
                    reasoning.append(block.path("thinking").asText(""));
                    thinkingBlocks.add(block);
                }
                case "redacted_thinking" -> thinkingBlocks.add(block);
                case "tool_use" -> {
                    String arguments = WireJson.render(block.path("input").isObject() ? block.get("input")
                            : WireJson.object());
                    if (jsonTool && JsonTool.NAME.equals(block.path("name").asText())) {
                        text.append(arguments); // structured output: the forced tool's input is the answer
                        hasText = true;
                    } else {
                        calls.add(new ToolCall(block.path("id").asText(), "function", block.path("name").asText(),
                                arguments));
                    }
                }
                default -> {
                    // server tool blocks (web search, code execution) have no OpenAI counterpart
                }
            }
        }
        ObjectNode extra = null;
        if (!thinkingBlocks.isEmpty()) {
            extra = WireJson.object();
            extra.set("thinking_blocks", thinkingBlocks);
        }
        ChatMessage message = new ChatMessage("assistant", hasText ? new MessageContent.Text(text.toString()) : null,
                null, calls, null, null, reasoning.length() == 0 ? null : reasoning.toString(), extra);
        String finish = finishReason(text(root, "stop_reason"), !calls.isEmpty());
        return new ChatResponse(text(root, "id"), 0, textOr(root, "model", request.model()), null,
                List.of(new ChatResponse.Choice(0, message, finish, null)), usage(root.get("usage")));
    }

    /**
     * Anthropic stop reasons as OpenAI finish reasons (reference §5.1). A {@code tool_use} stop that produced no
     * tool call is the structured-output tool answering, which OpenAI reports as {@code stop}.
     */
    static String finishReason(String stopReason, boolean toolCalls) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> toolCalls ? "tool_calls" : "stop";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    /**
     * OpenAI counts cached prompt tokens inside {@code prompt_tokens}; Anthropic reports them apart from
     * {@code input_tokens}, so the prompt is their sum (as LiteLLM reports it) and the cache reads are cachedTokens.
     */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        return usage(u.path("input_tokens").asInt(0), u.path("cache_read_input_tokens").asInt(0),
                u.path("cache_creation_input_tokens").asInt(0), u.path("output_tokens").asInt(0),
                u.path("output_tokens_details").path("thinking_tokens").asInt(0));
    }

    static Usage usage(int input, int cacheRead, int cacheCreation, int output, int thinking) {
        int prompt = input + cacheRead + cacheCreation;
        return new Usage(prompt, output, prompt + output, cacheRead, thinking);
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null || value.isEmpty() ? fallback : value;
    }

    static GatewayException garbage() {
        return UpstreamJson.unreadable();
    }
}
