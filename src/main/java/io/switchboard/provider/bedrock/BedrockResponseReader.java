package io.switchboard.provider.bedrock;

import io.switchboard.provider.UpstreamJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.provider.JsonTool;
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
 * Reads a Converse response (reference §3.3, the vercel/ai fixture's shape) into the canonical one: text blocks
 * joined as the content, {@code reasoningContent} as {@code reasoning_content} plus {@code thinking_blocks} (with
 * their signatures, so a client can send them back), {@code toolUse} blocks as tool calls with JSON-text arguments
 * (the forced {@link JsonTool}'s input, when structured output was asked for, as the content), {@code stopReason} as the finish reason, {@code usage} as usage. Converse
 * responses carry no id; the request id AWS sends ({@code x-amzn-RequestId}) names the completion.
 */
final class BedrockResponseReader {
    private BedrockResponseReader() {
    }

    static JsonNode parse(byte[] body) {
        return UpstreamJson.object(body);
    }

    static ChatResponse read(JsonNode root, ChatRequest request, String requestId) {
        JsonNode content = root.path("output").path("message").path("content");
        if (!content.isArray()) {
            throw garbage();
        }
        boolean jsonTool = JsonTool.requested(request);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        ArrayNode thinkingBlocks = WireJson.NODES.arrayNode();
        List<ToolCall> calls = new ArrayList<>();
        boolean hasText = false;
        for (JsonNode block : content) {
            if (block.has("text")) {
                text.append(block.path("text").asText(""));
                hasText = true;
            } else if (block.has("toolUse")) {
                JsonNode use = block.get("toolUse");
                String arguments = WireJson.render(use.path("input").isObject() ? use.get("input") : WireJson.object());
                if (JsonTool.answers(jsonTool, use.path("name").asText())) {
                    text.append(arguments); // structured output: the forced tool's input is the answer
                    hasText = true;
                } else {
                    calls.add(new ToolCall(use.path("toolUseId").asText(), "function", use.path("name").asText(),
                            arguments));
                }
            } else if (block.has("reasoningContent")) {
                readReasoning(block.get("reasoningContent"), reasoning, thinkingBlocks);
            }
            // other blocks (citations, guard content, images) have no OpenAI counterpart
        }
        ObjectNode extra = null;
        if (!thinkingBlocks.isEmpty()) {
            extra = WireJson.object();
            extra.set("thinking_blocks", thinkingBlocks);
        }
        ChatMessage message = new ChatMessage("assistant", hasText ? new MessageContent.Text(text.toString()) : null,
                null, calls, null, null, reasoning.length() == 0 ? null : reasoning.toString(), extra);
        String finish = finishReason(root.path("stopReason").asText(null), !calls.isEmpty());
        String id = requestId == null || requestId.isBlank() ? null : "chatcmpl-" + requestId;
        return new ChatResponse(id, 0, request.model(), null,
                List.of(new ChatResponse.Choice(0, message, finish, null)), usage(root.get("usage")));
    }

    /** A {@code reasoningContent} block as reasoning text and the thinking block a client sends back. */
    private static void readReasoning(JsonNode content, StringBuilder reasoning, ArrayNode thinkingBlocks) {
        JsonNode text = content.get("reasoningText");
        if (text != null) {
            reasoning.append(text.path("text").asText(""));
            ObjectNode block = thinkingBlocks.addObject();
            block.put("type", "thinking");
            block.put("thinking", text.path("text").asText(""));
            if (text.hasNonNull("signature")) {
                block.put("signature", text.get("signature").asText());
            }
        } else if (content.hasNonNull("redactedContent")) {
            ObjectNode block = thinkingBlocks.addObject();
            block.put("type", "redacted_thinking");
            block.put("data", content.get("redactedContent").asText());
        }
    }

    /** Converse stop reasons as OpenAI finish reasons. */
    static String finishReason(String stopReason, boolean toolCalls) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> toolCalls ? "tool_calls" : "stop";
            case "guardrail_intervened", "content_filtered" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence
        };
    }

    /**
     * Converse reports cache reads and writes beside {@code inputTokens} (for Claude, as Anthropic does); OpenAI
     * counts them inside {@code prompt_tokens}, so the prompt is their sum (as LiteLLM reports it).
     */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        int cacheRead = u.path("cacheReadInputTokens").asInt(0);
        int prompt = u.path("inputTokens").asInt(0) + cacheRead + u.path("cacheWriteInputTokens").asInt(0);
        int completion = u.path("outputTokens").asInt(0);
        return new Usage(prompt, completion, prompt + completion, cacheRead, 0);
    }

    static GatewayException garbage() {
        return UpstreamJson.unreadable();
    }
}
