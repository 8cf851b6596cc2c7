package io.switchboard.provider.gemini;

import io.switchboard.provider.UpstreamJson;
import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code GenerateContentResponse} (reference §3.4): candidates become choices, {@code thought} parts
 * become {@code reasoning_content}, {@code functionCall} parts tool calls, and {@code usageMetadata} the usage.
 */
final class GeminiResponseReader {
    /** Finish reasons that mean Gemini withheld or cut the answer for policy reasons (FinishReason enum). */
    private static final Set<String> FILTERED = Set.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT",
            "SPII", "LANGUAGE", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION");

    private GeminiResponseReader() {
    }

    static JsonNode parse(byte[] body) {
        return UpstreamJson.object(body);
    }

    static JsonNode parse(String data) {
        return UpstreamJson.object(data);
    }

    static ChatResponse read(JsonNode root, String fallbackModel) {
        JsonNode candidates = root.path("candidates");
        List<ChatResponse.Choice> choices = new ArrayList<>();
        if (!candidates.isArray() || candidates.isEmpty()) {
            // A blocked prompt is a 200 with promptFeedback.blockReason and no candidates.
            if (!root.path("promptFeedback").hasNonNull("blockReason")) {
                throw garbage();
            }
            choices.add(new ChatResponse.Choice(0, ChatMessage.assistant(null, List.of()), "content_filter", null));
        } else {
            for (JsonNode c : candidates) {
                choices.add(choice(c, choices.size()));
            }
        }
        return new ChatResponse(id(root), 0, model(root, fallbackModel), null, choices,
                usage(root.get("usageMetadata")));
    }

    private static ChatResponse.Choice choice(JsonNode c, int position) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : c.path("content").path("parts")) {
            JsonNode fn = part.get("functionCall");
            if (fn != null) {
                String name = fn.path("name").asText();
                calls.add(new ToolCall(ToolCallIds.of(calls.size(), name, fn.path("id").asText(null),
                        part.path("thoughtSignature").asText(null)),
                        "function", name, WireJson.render(fn.path("args").isObject() ? fn.get("args")
                                : WireJson.object())));
            } else if (part.has("text")) {
                (part.path("thought").asBoolean(false) ? reasoning : text).append(part.get("text").asText());
            }
        }
        MessageContent content = text.length() == 0 && !calls.isEmpty() ? null
                : new MessageContent.Text(text.toString());
        ChatMessage message = new ChatMessage("assistant", content, null, calls, null, null,
                reasoning.length() == 0 ? null : reasoning.toString(), null);
        return new ChatResponse.Choice(c.path("index").asInt(position), message,
                finishReason(c.path("finishReason").asText(null), !calls.isEmpty()), null);
    }

    /**
     * Gemini ends a function call with STOP (there is no tool reason), so a call present means
     * {@code tool_calls}; MAX_TOKENS is {@code length}; policy reasons are {@code content_filter}; the rest
     * (MALFORMED_FUNCTION_CALL, OTHER, ...) have no OpenAI counterpart and end as {@code stop}.
     */
    static String finishReason(String gemini, boolean hasToolCalls) {
        if (gemini == null || gemini.isEmpty()) {
            return null;
        }
        if (FILTERED.contains(gemini)) {
            return "content_filter";
        }
        if (gemini.equals("MAX_TOKENS")) {
            return "length";
        }
        return hasToolCalls ? "tool_calls" : "stop";
    }

    /**
     * OpenAI counts reasoning inside {@code completion_tokens}, Gemini beside {@code candidatesTokenCount}
     * ({@code thoughtsTokenCount}): the two are added, and the thoughts also reported as reasoning tokens.
     */
    static Usage usage(JsonNode u) {
        if (u == null || !u.isObject()) {
            return null;
        }
        int prompt = u.path("promptTokenCount").asInt(0);
        int thoughts = u.path("thoughtsTokenCount").asInt(0);
        int completion = u.path("candidatesTokenCount").asInt(0) + thoughts;
        int total = u.path("totalTokenCount").asInt(prompt + completion);
        return new Usage(prompt, completion, total, u.path("cachedContentTokenCount").asInt(0), thoughts);
    }

    static String id(JsonNode root) {
        String responseId = root.path("responseId").asText("");
        return responseId.isEmpty() ? null : "chatcmpl-" + responseId;
    }

    static String model(JsonNode root, String fallback) {
        String version = root.path("modelVersion").asText("");
        return version.isEmpty() ? fallback : version;
    }

    static GatewayException garbage() {
        return UpstreamJson.unreadable();
    }
}
