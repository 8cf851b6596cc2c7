package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Legacy {@code POST /v1/completions} ({@code object: "text_completion"}): one choice per prompt, text
 * {@code "Echo: <prompt>"}. Like the real endpoint, {@code max_tokens} defaults to 16, so long prompts come back
 * cut with {@code finish_reason: "length"}. The stream sends {@code text} pieces with {@code finish_reason: null},
 * a last chunk per choice with {@code text: ""} and the finish reason, and with {@code include_usage} a
 * {@code choices: []} usage chunk.
 */
final class TextCompletionBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DEFAULT_MAX_TOKENS = 16;

    private final String id;
    private final long created;
    private final String model;
    private final List<String> texts = new ArrayList<>();
    private final List<String> finishReasons = new ArrayList<>();
    private final int promptTokens;
    private int completionTokens;

    TextCompletionBodies(String id, long created, String model, List<String> prompts, JsonNode maxTokens) {
        this.id = id;
        this.created = created;
        this.model = model;
        int limit = maxTokens != null && maxTokens.canConvertToInt() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS;
        int prompt = 0;
        for (String text : prompts) {
            prompt += ChatReply.words(text);
            String answer = ("Echo: " + text).trim();
            if (ChatReply.words(answer) > limit) {
                texts.add(String.join(" ", Arrays.asList(answer.split("\\s+")).subList(0, Math.max(0, limit))));
                finishReasons.add("length");
            } else {
                texts.add(answer);
                finishReasons.add("stop");
            }
            completionTokens += ChatReply.words(texts.get(texts.size() - 1));
        }
        this.promptTokens = Math.max(1, prompt);
    }

    /** {@code prompt} as a string or an array of strings; null if it is neither. */
    static List<String> prompts(JsonNode prompt) {
        if (prompt != null && prompt.isTextual()) {
            return List.of(prompt.textValue());
        }
        if (prompt == null || !prompt.isArray() || prompt.isEmpty()) {
            return null;
        }
        List<String> prompts = new ArrayList<>();
        for (JsonNode item : prompt) {
            prompts.add(item.isTextual() ? item.textValue() : item.toString());
        }
        return prompts;
    }

    ObjectNode completion() {
        ObjectNode body = envelope();
        ArrayNode choices = body.putArray("choices");
        for (int i = 0; i < texts.size(); i++) {
            choices.addObject().put("text", texts.get(i)).put("index", i).putNull("logprobs")
                    .put("finish_reason", finishReasons.get(i));
        }
        body.set("usage", usage());
        return body;
    }

    List<ObjectNode> chunks(boolean includeUsage) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            for (String piece : OpenAiChatBodies.textPieces(texts.get(i))) {
                chunks.add(chunk(piece, i, null));
            }
            chunks.add(chunk("", i, finishReasons.get(i)));
        }
        if (includeUsage) {
            chunks.forEach(chunk -> chunk.putNull("usage"));
            ObjectNode last = envelope();
            last.putArray("choices");
            last.set("usage", usage());
            chunks.add(last);
        }
        return chunks;
    }

    private ObjectNode chunk(String text, int index, String finishReason) {
        ObjectNode chunk = envelope();
        chunk.putArray("choices").addObject().put("text", text).put("index", index).putNull("logprobs")
                .put("finish_reason", finishReason);
        return chunk;
    }

    private ObjectNode envelope() {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", id).put("object", "text_completion").put("created", created).put("model", model);
        return node;
    }

    private ObjectNode usage() {
        ObjectNode usage = JSON.createObjectNode();
        usage.put("prompt_tokens", promptTokens).put("completion_tokens", completionTokens)
                .put("total_tokens", promptTokens + completionTokens);
        return usage;
    }
}
