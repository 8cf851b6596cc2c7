package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fake OpenAI API (and, with {@link #model}, any OpenAI-compatible provider) on 127.0.0.1, faithful to the wire
 * format in {@code /work/shared/reference/provider-wire-formats.md} §1.4, §1.6, §3.1 and §3.9:
 * {@code POST /v1/chat/completions}, {@code POST /v1/completions}, {@code POST /v1/embeddings}, {@code GET /v1/models}.
 * It checks {@code Authorization: Bearer <key>}, validates bodies like the real API and answers errors in OpenAI's
 * shape. Answers are deterministic (see {@link ChatReply}); {@link #scenario} overrides them per model.
 *
 * <pre>{@code
 * try (FakeOpenAi openAi = FakeOpenAi.start(0, "sk-test")) {
 *     openAi.scenario("gpt-4o-mini", Scenario.openAiRateLimited(7));
 *     ... point the gateway at openAi.baseUrl() ...
 * }
 * }</pre>
 */
public final class FakeOpenAi extends FakeProviderServer {

    private final String apiKey;
    /** Model id accepted in requests → model name answered in responses (OpenAI answers the dated snapshot). */
    private final Map<String, String> models = new ConcurrentHashMap<>();

    private FakeOpenAi(int port, String apiKey) {
        super(port);
        this.apiKey = apiKey;
        models.put("gpt-4o-mini", "gpt-4o-mini-2024-07-18");
        models.put("gpt-4o", "gpt-4o-2024-08-06");
        models.put("gpt-4.1-nano", "gpt-4.1-nano-2025-04-14");
        models.put("gpt-3.5-turbo-instruct", "gpt-3.5-turbo-instruct");
        models.put("text-embedding-3-small", "text-embedding-3-small");
        models.put("text-embedding-3-large", "text-embedding-3-large");
        models.put("text-embedding-ada-002", "text-embedding-ada-002");
    }

    /** Starts on {@code port} (0 = any free port) and requires {@code Authorization: Bearer <apiKey>}. */
    public static FakeOpenAi start(int port, String apiKey) {
        FakeOpenAi fake = new FakeOpenAi(port, apiKey);
        fake.listen();
        return fake;
    }

    /** Accepts one more model id, answered under its own name (e.g. "mistral-small-latest" for a compatible provider). */
    public FakeOpenAi model(String id) {
        return model(id, id);
    }

    /** Accepts one more model id; responses name {@code servedAs} (e.g. "gpt-4o" served as "gpt-4o-2024-08-06"). */
    public FakeOpenAi model(String id, String servedAs) {
        models.put(id, servedAs);
        return this;
    }

    /** {@code http://127.0.0.1:<port>/v1}: the base URL an OpenAI client or the gateway's config expects. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String auth = request.header("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            sendJson(exchange, 401, OpenAiErrors.missingApiKey());
            return;
        }
        String key = auth.substring("Bearer ".length()).trim();
        if (!key.equals(apiKey)) {
            sendJson(exchange, 401, OpenAiErrors.invalidApiKey(key));
            return;
        }
        switch (request.method() + " " + request.path()) {
            case "POST /v1/chat/completions" -> chat(exchange, request);
            case "POST /v1/completions" -> textCompletion(exchange, request);
            case "POST /v1/embeddings" -> embeddings(exchange, request);
            case "GET /v1/models" -> sendJson(exchange, 200, modelList().toString());
            default -> sendJson(exchange, 404, OpenAiErrors.invalidUrl(request.method(), request.path()));
        }
    }

    private void chat(HttpExchange exchange, RecordedRequest request) throws IOException {
        String model = modelOf(exchange, request);
        if (model == null) {
            return;
        }
        JsonNode body = request.body();
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            sendJson(exchange, 400, OpenAiErrors.missingParameter("messages"));
        } else if (!messages.isArray() || messages.isEmpty()) {
            sendJson(exchange, 400, OpenAiErrors.emptyArray("messages"));
        } else if (body.has("n") && (!body.get("n").canConvertToInt() || body.get("n").asInt() < 1)) {
            sendJson(exchange, 400, OpenAiErrors.invalidValue("n", body.get("n") + " is less than the minimum of 1 - 'n'"));
        } else if (servedName(model) == null) {
            sendJson(exchange, 404, OpenAiErrors.modelNotFound(model));
        } else {
            respond(exchange, model, () -> {
                OpenAiChatBodies bodies = new OpenAiChatBodies(id("chatcmpl-", exchange), now(), servedName(model));
                ChatReply reply = ChatReply.to(body);
                return streaming(body) ? Answer.stream(bodies.chunks(reply, includeUsage(body)))
                        : Answer.body(bodies.completion(reply));
            });
        }
    }

    private void textCompletion(HttpExchange exchange, RecordedRequest request) throws IOException {
        String model = modelOf(exchange, request);
        if (model == null) {
            return;
        }
        JsonNode body = request.body();
        List<String> prompts = TextCompletionBodies.prompts(body.get("prompt"));
        if (prompts == null) {
            sendJson(exchange, 400, OpenAiErrors.missingParameter("prompt"));
        } else if (servedName(model) == null) {
            sendJson(exchange, 404, OpenAiErrors.modelNotFound(model));
        } else {
            respond(exchange, model, () -> {
                TextCompletionBodies bodies = new TextCompletionBodies(id("cmpl-", exchange), now(),
                        servedName(model), prompts, body.get("max_tokens"));
                return streaming(body) ? Answer.stream(bodies.chunks(includeUsage(body)))
                        : Answer.body(bodies.completion());
            });
        }
    }

    private void embeddings(HttpExchange exchange, RecordedRequest request) throws IOException {
        String model = modelOf(exchange, request);
        if (model == null) {
            return;
        }
        JsonNode body = request.body();
        List<String> inputs = EmbeddingBodies.inputs(body.get("input"));
        JsonNode dimensions = body.get("dimensions");
        String format = body.path("encoding_format").asText("float");
        if (inputs == null) {
            sendJson(exchange, 400, OpenAiErrors.missingParameter("input"));
        } else if (!format.equals("float") && !format.equals("base64")) {
            sendJson(exchange, 400, OpenAiErrors.invalidValue("encoding_format",
                    "Invalid value for 'encoding_format': '" + format + "'. Supported values are: 'float' and 'base64'."));
        } else if (dimensions != null && model.contains("ada-002")) {
            // The real API refuses dimensions on the older model.
            sendJson(exchange, 400, OpenAiErrors.of("This model does not support specifying dimensions.",
                    "invalid_request_error", "dimensions", null));
        } else if (dimensions != null && (!dimensions.canConvertToInt() || dimensions.asInt() < 1
                || dimensions.asInt() > EmbeddingBodies.nativeDimensions(model))) {
            sendJson(exchange, 400, OpenAiErrors.invalidValue("dimensions", "Invalid value for 'dimensions' = "
                    + dimensions + ". Must be between 1 and " + EmbeddingBodies.nativeDimensions(model) + "."));
        } else if (servedName(model) == null) {
            sendJson(exchange, 404, OpenAiErrors.modelNotFound(model));
        } else {
            int size = dimensions == null ? EmbeddingBodies.nativeDimensions(model) : dimensions.asInt();
            respond(exchange, model, () -> Answer.body(
                    EmbeddingBodies.list(servedName(model), inputs, size, format.equals("base64"))));
        }
    }

    /** The body must be a JSON object with a string {@code model}; otherwise answers 400 and returns null. */
    private String modelOf(HttpExchange exchange, RecordedRequest request) throws IOException {
        if (request.body() == null || !request.body().isObject()) {
            sendJson(exchange, 400, OpenAiErrors.unparseableJson());
            return null;
        }
        JsonNode model = request.body().get("model");
        if (model == null || !model.isTextual() || model.textValue().isEmpty()) {
            sendJson(exchange, 400, OpenAiErrors.missingModel());
            return null;
        }
        return model.textValue();
    }

    /** A model with a scenario counts as existing, so tests can use any name for a scenario. */
    private String servedName(String model) {
        return models.getOrDefault(model, hasScenario(model) ? model : null);
    }

    private ObjectNode modelList() {
        ObjectNode list = JSON.createObjectNode().put("object", "list");
        ArrayNode data = list.putArray("data");
        models.keySet().stream().sorted().forEach(id -> data.addObject().put("id", id).put("object", "model")
                .put("created", 1_721_172_741L).put("owned_by", id.startsWith("gpt-") ? "system" : "openai"));
        return list;
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("x-request-id", String.format("req_%032x", requestNumber));
        headers.set("openai-processing-ms", "12");
        headers.set("openai-version", "2020-10-01");
        headers.set("openai-organization", "org-fake");
        headers.set("x-ratelimit-limit-requests", "10000");
        headers.set("x-ratelimit-limit-tokens", "200000");
        headers.set("x-ratelimit-remaining-requests", Integer.toString(Math.max(0, 10000 - requestNumber)));
        headers.set("x-ratelimit-remaining-tokens", "199950");
        headers.set("x-ratelimit-reset-requests", "6ms");
        headers.set("x-ratelimit-reset-tokens", "15ms");
    }

    private static boolean streaming(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    private static boolean includeUsage(JsonNode body) {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    private static String id(String prefix, HttpExchange exchange) {
        return prefix + String.format("Fake%06d", requestNumber(exchange));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
