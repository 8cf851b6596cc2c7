package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The fake Gemini's deterministic answers (reference §3.4 shapes), derived from the request so tests can predict
 * them: {@code "Echo: <last user text>"}; after function responses {@code "Result: <response JSON>"}; with
 * {@code functionDeclarations} (mode not NONE) a {@code functionCall} to the allowed or first function whose
 * arguments fill the schema (strings = user text, numbers 42, booleans true); with
 * {@code responseMimeType: application/json} {@code {"echo": …}}; {@code maxOutputTokens} cuts words and ends
 * with MAX_TOKENS. Function calls end with STOP, as Gemini does. Tokens are whitespace-separated words.
 */
final class GeminiBodies {
    private final JsonNode request;
    private final String modelVersion;
    private final String responseId;

    GeminiBodies(JsonNode request, String modelVersion, String responseId) {
        this.request = request;
        this.modelVersion = modelVersion;
        this.responseId = responseId;
    }

    ObjectNode response() {
        ObjectNode root = FakeProviderServer.JSON.createObjectNode();
        ArrayNode candidates = root.putArray("candidates");
        int count = Math.max(1, request.path("generationConfig").path("candidateCount").asInt(1));
        int completion = 0;
        for (int i = 0; i < count; i++) {
            ObjectNode c = candidates.addObject();
            ObjectNode content = c.putObject("content");
            ArrayNode parts = content.putArray("parts");
            content.put("role", "model");
            JsonNode call = functionCall();
            String finish = "STOP";
            if (call != null) {
                parts.addObject().set("functionCall", call);
                completion += 1 + ChatReply.words(call.path("args").toString());
            } else {
                String text = text(i);
                int limit = request.path("generationConfig").path("maxOutputTokens").asInt(Integer.MAX_VALUE);
                if (ChatReply.words(text) > limit) {
                    text = String.join(" ", Arrays.asList(text.trim().split("\\s+")).subList(0, limit));
                    finish = "MAX_TOKENS";
                }
                parts.addObject().put("text", text);
                completion += ChatReply.words(text);
            }
            c.put("finishReason", finish);
            c.put("index", i);
        }
        usage(root, completion);
        root.put("modelVersion", modelVersion);
        root.put("responseId", responseId);
        return root;
    }

    /** The same answer as SSE chunks: text two words at a time, the function call whole, usage cumulative. */
    List<ObjectNode> chunks() {
        ObjectNode whole = response();
        JsonNode candidate = whole.path("candidates").get(0);
        JsonNode part = candidate.path("content").path("parts").get(0);
        List<ObjectNode> chunks = new ArrayList<>();
        List<String> pieces = new ArrayList<>();
        if (part.has("text")) {
            String[] words = part.path("text").asText().split(" ");
            for (int i = 0; i < words.length; i += 2) {
                pieces.add(String.join(" ", Arrays.asList(words).subList(i, Math.min(words.length, i + 2)))
                        + (i + 2 < words.length ? " " : ""));
            }
        }
        int sent = 0;
        for (String piece : pieces) {
            ObjectNode chunk = chunk(FakeProviderServer.JSON.createObjectNode().put("text", piece));
            sent += ChatReply.words(piece);
            usage(chunk, sent);
            chunks.add(chunk);
        }
        ObjectNode last = chunk(part.has("functionCall") ? part.deepCopy()
                : FakeProviderServer.JSON.createObjectNode().put("text", ""));
        ((ObjectNode) last.path("candidates").get(0)).put("finishReason", candidate.path("finishReason").asText());
        last.set("usageMetadata", whole.get("usageMetadata"));
        chunks.add(last);
        return chunks;
    }

    private ObjectNode chunk(JsonNode part) {
        ObjectNode chunk = FakeProviderServer.JSON.createObjectNode();
        ObjectNode c = chunk.putArray("candidates").addObject();
        ObjectNode content = c.putObject("content");
        content.putArray("parts").add(part);
        content.put("role", "model");
        c.put("index", 0);
        chunk.put("modelVersion", modelVersion);
        chunk.put("responseId", responseId);
        return chunk;
    }

    private void usage(ObjectNode root, int completion) {
        int prompt = 0;
        for (JsonNode part : request.path("systemInstruction").path("parts")) {
            prompt += ChatReply.words(part.path("text").asText("")); // Gemini bills the system instruction as prompt
        }
        for (JsonNode content : request.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                prompt += ChatReply.words(part.path("text").asText(""));
            }
        }
        prompt = Math.max(1, prompt);
        ObjectNode u = root.putObject("usageMetadata");
        u.put("promptTokenCount", prompt);
        u.put("candidatesTokenCount", completion);
        u.put("totalTokenCount", prompt + completion);
    }

    private JsonNode lastTurn() {
        JsonNode contents = request.path("contents");
        return contents.get(contents.size() - 1);
    }

    private String text(int candidate) {
        StringBuilder results = new StringBuilder();
        List<String> texts = new ArrayList<>();
        for (JsonNode part : lastTurn().path("parts")) {
            if (part.has("functionResponse")) {
                results.append(results.length() == 0 ? "" : " ").append(part.path("functionResponse").path("response"));
            } else if (part.has("text")) {
                texts.add(part.path("text").asText());
            }
        }
        if (results.length() > 0) {
            return "Result: " + results;
        }
        String userText = String.join(" ", texts);
        if ("application/json".equals(request.path("generationConfig").path("responseMimeType").asText())) {
            return FakeProviderServer.JSON.createObjectNode().put("echo", userText).toString();
        }
        return ("Echo: " + userText).trim() + (candidate == 0 ? "" : " [" + candidate + "]");
    }

    /** A call when tools are declared, calling is allowed, and the last turn is not already a function response. */
    private JsonNode functionCall() {
        JsonNode declarations = request.path("tools").path(0).path("functionDeclarations");
        JsonNode config = request.path("toolConfig").path("functionCallingConfig");
        if (declarations.isEmpty() || "NONE".equals(config.path("mode").asText())
                || lastTurn().path("parts").path(0).has("functionResponse")) {
            return null;
        }
        JsonNode chosen = declarations.get(0);
        String allowed = config.path("allowedFunctionNames").path(0).asText("");
        for (JsonNode d : declarations) {
            if (d.path("name").asText().equals(allowed)) {
                chosen = d;
            }
        }
        String userText = lastTurn().path("parts").path(0).path("text").asText("");
        ObjectNode call = FakeProviderServer.JSON.createObjectNode();
        call.put("name", chosen.path("name").asText());
        ObjectNode args = call.putObject("args");
        chosen.path("parameters").path("properties").properties().forEach(p -> {
            switch (p.getValue().path("type").asText().toUpperCase(java.util.Locale.ROOT)) {
                case "NUMBER", "INTEGER" -> args.put(p.getKey(), 42);
                case "BOOLEAN" -> args.put(p.getKey(), true);
                default -> args.put(p.getKey(), userText);
            }
        });
        return call;
    }
}
