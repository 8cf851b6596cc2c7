package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake Anthropic Messages API on 127.0.0.1, faithful to reference §1.4, §3.2 and §3.9: {@code POST /v1/messages}
 * only; {@code x-api-key} and {@code anthropic-version} required; the body validated as the real API does
 * (required {@code max_tokens}, only user/assistant roles alternating from a user turn, non-empty text blocks,
 * tool results answering the previous turn's tool uses, no fields it does not know); errors in Anthropic's shape;
 * streams framed with {@code event:} lines, each event flushed on its own. Answers: {@link AnthropicReplies}.
 * Scenarios ({@link Scenario.Error}, {@link Scenario.Delay}, {@link Scenario.Sequence}) apply to non-streamed calls
 * and to errors of streamed ones; the stream-breaking scenarios frame OpenAI-style and are not meant for this fake.
 */
public final class FakeAnthropic extends FakeProviderServer {
    /** Top-level fields of a Messages request (docs.anthropic.com, Messages API); anything else is refused. */
    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "system", "metadata",
            "stop_sequences", "stream", "temperature", "top_p", "top_k", "tools", "tool_choice", "thinking",
            "service_tier", "container", "mcp_servers", "context_management");

    private final String apiKey;
    private final Map<String, String> models = new ConcurrentHashMap<>();

    private FakeAnthropic(int port, String apiKey) {
        super(port);
        this.apiKey = apiKey;
        models.put("claude-sonnet-4-5", "claude-sonnet-4-5-20250929");
        models.put("claude-haiku-4-5", "claude-haiku-4-5-20251001");
    }

    public static FakeAnthropic start(int port, String apiKey) {
        FakeAnthropic fake = new FakeAnthropic(port, apiKey);
        fake.listen();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}: the api_base a deployment names (the adapter appends /v1/messages). */
    public String baseUrl() {
        return origin();
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String key = request.header("x-api-key");
        if (key == null) {
            sendJson(exchange, 401, AnthropicErrorBodies.of("authentication_error", "x-api-key header is required"));
            return;
        }
        if (!key.equals(apiKey)) {
            sendJson(exchange, 401, AnthropicErrorBodies.of("authentication_error", "invalid x-api-key"));
            return;
        }
        if (!"POST /v1/messages".equals(request.method() + " " + request.path())) {
            sendJson(exchange, 404, AnthropicErrorBodies.of("not_found_error", "Not Found"));
            return;
        }
        if (request.header("anthropic-version") == null) {
            sendJson(exchange, 400, AnthropicErrorBodies.invalid("anthropic-version: header is required"));
            return;
        }
        JsonNode body = request.body();
        String invalid = body == null || !body.isObject() ? "There was an error parsing the body of your request"
                : validate(body);
        if (invalid != null) {
            sendJson(exchange, 400, AnthropicErrorBodies.invalid(invalid));
            return;
        }
        String model = body.get("model").asText();
        String served = models.getOrDefault(model, hasScenario(model) ? model : null);
        if (served == null) {
            sendJson(exchange, 404, AnthropicErrorBodies.of("not_found_error", "model: " + model));
            return;
        }
        String id = String.format("msg_01Fake%06d", requestNumber(exchange));
        AnthropicReplies.Reply reply = AnthropicReplies.to(body);
        if (body.path("stream").asBoolean(false) && !hasScenario(model)) {
            stream(exchange, AnthropicReplies.events(id, served, reply));
        } else {
            respond(exchange, model, () -> Answer.body(AnthropicReplies.message(id, served, reply)));
        }
    }

    /** The first problem the real API would report, in its words, or null. */
    static String validate(JsonNode body) {
        for (var it = body.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                return field + ": Extra inputs are not permitted";
            }
        }
        if (!body.path("model").isTextual()) {
            return "model: Field required";
        }
        if (!body.has("max_tokens")) {
            return "max_tokens: Field required";
        }
        if (!body.get("max_tokens").canConvertToInt() || body.get("max_tokens").asInt() < 1) {
            return "max_tokens: Input should be greater than or equal to 1";
        }
        if (body.path("temperature").asDouble(0) > 1) {
            return "temperature: Input should be less than or equal to 1";
        }
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray()) {
            return "messages: Field required";
        }
        if (messages.isEmpty()) {
            return "messages: at least one message is required";
        }
        String previousRole = null;
        Set<String> previousToolUses = Set.of();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            String role = m.path("role").asText();
            if (role.equals("system")) {
                return "messages: Unexpected role \"system\". The Messages API accepts a top-level `system` parameter,"
                        + " not \"system\" as an input message role.";
            }
            if (!role.equals("user") && !role.equals("assistant")) {
                return "messages." + i + ".role: Input should be 'user' or 'assistant'";
            }
            if (i == 0 && !role.equals("user")) {
                return "messages: first message must use the \"user\" role";
            }
            if (role.equals(previousRole)) {
                return "messages: roles must alternate between \"user\" and \"assistant\", but found multiple \""
                        + role + "\" roles in a row";
            }
            String problem = validateContent(m.get("content"), "messages." + i, previousToolUses);
            if (problem != null) {
                return problem;
            }
            previousToolUses = toolUseIds(m.get("content"));
            previousRole = role;
        }
        return body.path("thinking").path("type").asText().equals("enabled") ? validateThinking(messages) : null;
    }

    /**
     * With thinking on, the API requires the assistant turn that made the tool calls being answered to start with
     * its thinking block, signature intact (docs.anthropic.com, extended thinking with tool use).
     */
    private static String validateThinking(JsonNode messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!m.path("role").asText().equals("assistant") || toolUseIds(m.get("content")).isEmpty()) {
                continue;
            }
            JsonNode first = m.path("content").path(0);
            String type = first.path("type").asText();
            if (!type.equals("thinking") && !type.equals("redacted_thinking")) {
                return "messages." + i + ".content.0.type: Expected `thinking` or `redacted_thinking`, but found `"
                        + type + "`. When `thinking` is enabled, a final `assistant` message must start with a"
                        + " thinking block (preceeding the lastmost set of `tool_use` and `tool_result` blocks).";
            }
            if (type.equals("thinking") && !first.path("signature").asText().equals(
                    AnthropicReplies.signature(first.path("thinking").asText()))) {
                return "messages." + i + ".content.0: Invalid `signature` in `thinking` block";
            }
            return null;
        }
        return null;
    }

    private static String validateContent(JsonNode content, String path, Set<String> toolUses) {
        if (content == null || (!content.isTextual() && !content.isArray())) {
            return path + ".content: Field required";
        }
        if (content.isTextual()) {
            return content.textValue().isEmpty() ? "messages: all messages must have non-empty content" : null;
        }
        for (int j = 0; j < content.size(); j++) {
            JsonNode block = content.get(j);
            String type = block.path("type").asText();
            if (type.equals("text") && block.path("text").asText("").isEmpty()) {
                return "messages: text content blocks must be non-empty";
            }
            if (type.equals("tool_result") && !toolUses.contains(block.path("tool_use_id").asText())) {
                return path + ".content." + j + ": unexpected `tool_use_id` found in `tool_result` blocks: "
                        + block.path("tool_use_id").asText() + ". Each `tool_result` block must have a corresponding"
                        + " `tool_use` block in the previous message.";
            }
            if (type.equals("tool_use") && !block.path("input").isObject()) {
                return path + ".content." + j + ".tool_use.input: Input should be a valid dictionary";
            }
            if (type.equals("document")) {
                String problem = validateDocument(block.path("source"), path + ".content." + j + ".document.source");
                if (problem != null) {
                    return problem;
                }
            }
        }
        return null;
    }

    /**
     * A document's source (docs.anthropic.com, PDF support and Citations): base64 data must be a PDF, text data
     * plain text, each with its own media type; anything else is a validation error naming the field.
     */
    private static String validateDocument(JsonNode source, String path) {
        String type = source.path("type").asText();
        String mediaType = source.path("media_type").asText();
        switch (type) {
            case "base64" -> {
                if (!mediaType.equals("application/pdf")) {
                    return path + ".base64.media_type: Input should be 'application/pdf'";
                }
                try {
                    Base64.getDecoder().decode(source.path("data").asText(""));
                } catch (IllegalArgumentException e) {
                    return path + ".base64.data: The PDF specified was not valid.";
                }
            }
            case "text" -> {
                if (!mediaType.equals("text/plain") || !source.path("data").isTextual()) {
                    return path + ".text.media_type: Input should be 'text/plain'";
                }
            }
            case "url", "content", "file" -> {
            }
            default -> {
                return path + ": Input tag '" + type + "' found using 'type' does not match any of the expected tags:"
                        + " 'base64', 'text', 'content', 'url', 'file'";
            }
        }
        return null;
    }

    private static Set<String> toolUseIds(JsonNode content) {
        Set<String> ids = new HashSet<>();
        if (content != null && content.isArray()) {
            content.forEach(b -> {
                if (b.path("type").asText().equals("tool_use")) {
                    ids.add(b.path("id").asText());
                }
            });
        }
        return ids;
    }

    /** Writes {@code event: <name>\ndata: <json>\n\n} per event, each flushed as its own HTTP chunk. */
    private void stream(HttpExchange exchange, List<String[]> events) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "text/event-stream; charset=utf-8");
        headers.set("Cache-Control", "no-cache");
        addProviderHeaders(headers, requestNumber(exchange));
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        for (String[] event : events) {
            out.write(("event: " + event[0] + "\ndata: " + event[1] + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("request-id", String.format("req_011CFake%08d", requestNumber));
        headers.set("anthropic-organization-id", "00000000-0000-4000-8000-000000000000");
        headers.set("anthropic-ratelimit-requests-limit", "50");
        headers.set("anthropic-ratelimit-requests-remaining", Integer.toString(Math.max(0, 50 - requestNumber)));
        headers.set("anthropic-ratelimit-requests-reset", "2026-01-01T00:00:00Z");
        headers.set("anthropic-ratelimit-input-tokens-limit", "30000");
        headers.set("anthropic-ratelimit-input-tokens-remaining", "29000");
        headers.set("anthropic-ratelimit-input-tokens-reset", "2026-01-01T00:00:00Z");
    }
}
