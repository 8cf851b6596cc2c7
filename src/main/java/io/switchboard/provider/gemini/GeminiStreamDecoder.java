package io.switchboard.provider.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code streamGenerateContent?alt=sse} (reference §3.4): every {@code data:} event is a whole
 * {@code GenerateContentResponse} carrying a text delta; function calls arrive whole in one event;
 * {@code usageMetadata} is cumulative (the canonical stream keeps the last); {@code finishReason} is on the
 * last event of a candidate. There is no {@code [DONE]}: the stream ends with the body. An {@code error}
 * payload mid-stream is mapped like an error response.
 */
final class GeminiStreamDecoder implements StreamDecoder {
    private final Deployment deployment;
    private final Map<Integer, Integer> callsByCandidate = new HashMap<>();

    GeminiStreamDecoder(Deployment deployment) {
        this.deployment = deployment;
    }

    @Override
    public List<ChatChunk> decode(UpstreamEvent event) {
        JsonNode root = GeminiResponseReader.parse(event.data());
        if (root.has("error")) {
            throw GeminiErrors.fromResponse(new UpstreamResponse(root.path("error").path("code").asInt(500), Map.of(),
                    event.data().getBytes(StandardCharsets.UTF_8)), deployment);
        }
        List<ChatChunk.Choice> choices = new ArrayList<>();
        JsonNode candidates = root.path("candidates");
        if (candidates.isEmpty() && root.path("promptFeedback").hasNonNull("blockReason")) {
            choices.add(new ChatChunk.Choice(0, ChatChunk.Delta.EMPTY, null, "content_filter"));
        }
        for (JsonNode c : candidates) {
            choices.add(choice(c));
        }
        return List.of(new ChatChunk(GeminiResponseReader.id(root), 0, GeminiResponseReader.model(root, null), null,
                choices, GeminiResponseReader.usage(root.get("usageMetadata"))));
    }

    private ChatChunk.Choice choice(JsonNode c) {
        int index = c.path("index").asInt(0);
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
        for (JsonNode part : c.path("content").path("parts")) {
            JsonNode fn = part.get("functionCall");
            if (fn != null) {
                int n = callsByCandidate.merge(index, 1, Integer::sum) - 1;
                String name = fn.path("name").asText();
                calls.add(new ChatChunk.ToolCallDelta(n, ToolCallIds.of(n, name, fn.path("id").asText(null),
                        part.path("thoughtSignature").asText(null)), "function", name,
                        WireJson.render(fn.path("args").isObject() ? fn.get("args") : WireJson.object())));
            } else if (part.has("text")) {
                (part.path("thought").asBoolean(false) ? reasoning : text).append(part.get("text").asText());
            }
        }
        ChatChunk.Delta delta = new ChatChunk.Delta(null, text.length() == 0 ? null : text.toString(),
                reasoning.length() == 0 ? null : reasoning.toString(), null, calls);
        String finish = GeminiResponseReader.finishReason(c.path("finishReason").asText(null),
                callsByCandidate.getOrDefault(index, 0) > 0);
        return new ChatChunk.Choice(index, delta, null, finish);
    }

    @Override
    public boolean done() {
        return false;
    }
}
