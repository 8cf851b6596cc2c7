package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake Gemini (Generative Language API) on 127.0.0.1, following reference §1.2 and §3.4:
 * {@code POST /v1beta|v1/models/{model}:generateContent|streamGenerateContent|batchEmbedContents}.
 * <ul>
 * <li>Auth: the {@code x-goog-api-key} header, or {@code ?key=} as Google also accepts (tests assert the gateway
 * never uses the latter); no key is Google's 403 PERMISSION_DENIED, a wrong one its 400 API_KEY_INVALID.</li>
 * <li>Proto strictness: unknown top-level or {@code generationConfig} fields are 400 "Unknown name";
 * roles other than {@code user}/{@code model} are 400; {@code functionCall} parts only in {@code model} turns,
 * {@code functionResponse} parts only in {@code user} turns, and a function-response turn must answer as many
 * calls as the model turn before it made.</li>
 * <li>Streams: with {@code alt=sse}, {@code data: {…}\r\n\r\n} events and no {@code [DONE]}; without it, one JSON
 * array, as Google does.</li>
 * <li>Errors in Google's shape ({@link GoogleErrors}); scenarios are keyed by model.</li>
 * </ul>
 */
public final class FakeGemini extends FakeProviderServer {
    private static final Pattern ROUTE = Pattern.compile("/(v1beta|v1)/models/([^/:]+):(generateContent|streamGenerateContent|batchEmbedContents)");
    /** Vertex AI's publisher-model route (reference §3.4): the same bodies, OAuth bearer auth. */
    private static final Pattern VERTEX_ROUTE = Pattern.compile(
            "/v1/projects/([^/]+)/locations/([^/]+)/publishers/google/models/([^/:]+):(generateContent|streamGenerateContent)");
    private static final Set<String> TOP_LEVEL = Set.of("contents", "systemInstruction", "tools", "toolConfig",
            "generationConfig", "safetySettings", "cachedContent", "labels");
    private static final Set<String> GENERATION = Set.of("temperature", "topP", "topK", "maxOutputTokens",
            "stopSequences", "candidateCount", "seed", "responseMimeType", "responseSchema", "responseJsonSchema",
            "thinkingConfig", "presencePenalty", "frequencyPenalty", "responseLogprobs", "logprobs",
            "responseModalities", "mediaResolution", "speechConfig");
    private static final Set<String> PART_DATA = Set.of("text", "inlineData", "fileData", "functionCall",
            "functionResponse", "executableCode", "codeExecutionResult");

    private final String apiKey;
    private volatile java.util.function.Predicate<String> vertexTokens = token -> false;
    private volatile String vertexProject;
    private final Map<String, String> models = new java.util.concurrent.ConcurrentHashMap<>(Map.of(
            "gemini-2.5-flash", "gemini-2.5-flash", "gemini-embedding-001", "gemini-embedding-001"));

    private FakeGemini(int port, String apiKey) {
        super(port);
        this.apiKey = apiKey;
    }

    /** Starts on {@code port} (0 = any free port), accepting only {@code apiKey}. */
    public static FakeGemini start(int port, String apiKey) {
        FakeGemini fake = new FakeGemini(port, apiKey);
        fake.listen();
        return fake;
    }

    /**
     * Also serve Vertex AI for {@code project}: {@code Authorization: Bearer <token>} where {@code validToken}
     * accepts the token (else Google's 401 UNAUTHENTICATED), and a {@code role} required on every content.
     */
    public FakeGemini vertex(String project, java.util.function.Predicate<String> validToken) {
        vertexProject = project;
        vertexTokens = validToken;
        return this;
    }

    /** Google separates events with CRLF pairs (reference §3.4, recorded from the real API). */
    @Override
    protected String frame(String event) {
        return "data: " + event + "\r\n\r\n";
    }

    /** No {@code [DONE]}: a Gemini stream ends with the body. */
    @Override
    protected String endOfStream() {
        return null;
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Matcher vertex = VERTEX_ROUTE.matcher(request.path());
        if (vertex.matches() && vertexProject != null) {
            handleVertex(exchange, request, vertex);
            return;
        }
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches() || !request.method().equals("POST")) {
            sendJson(exchange, 404, GoogleErrors.notFound());
            return;
        }
        String key = request.header("x-goog-api-key") != null ? request.header("x-goog-api-key")
                : request.queryParam("key");
        if (key == null) {
            sendJson(exchange, 403, GoogleErrors.unregisteredCaller());
            return;
        }
        if (!key.equals(apiKey)) {
            sendJson(exchange, 400, GoogleErrors.apiKeyInvalid());
            return;
        }
        String model = route.group(2);
        if (!models.containsKey(model) && !hasScenario(model)) {
            sendJson(exchange, 404, GoogleErrors.modelNotFound(model));
            return;
        }
        JsonNode body = request.body();
        if (body == null || !body.isObject()) {
            sendJson(exchange, 400, GoogleErrors.invalidArgument("Invalid JSON payload received."));
            return;
        }
        if (route.group(3).equals("batchEmbedContents")) {
            embeddings(exchange, model, body);
            return;
        }
        String problem = validate(body);
        if (problem != null) {
            sendJson(exchange, 400, problem);
            return;
        }
        answer(exchange, request, model, route.group(3), body);
    }

    private void handleVertex(HttpExchange exchange, RecordedRequest request, Matcher route) throws IOException {
        String authorization = request.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")
                || !vertexTokens.test(authorization.substring("Bearer ".length()))) {
            sendJson(exchange, 401, GoogleErrors.of(401, "UNAUTHENTICATED", "Request had invalid authentication"
                    + " credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential."));
            return;
        }
        if (!route.group(1).equals(vertexProject)) {
            sendJson(exchange, 403, GoogleErrors.of(403, "PERMISSION_DENIED", "Permission denied on resource project "
                    + route.group(1) + "."));
            return;
        }
        String model = route.group(3);
        JsonNode body = request.body();
        if (!models.containsKey(model) && !hasScenario(model)) {
            sendJson(exchange, 404, GoogleErrors.modelNotFound(model));
            return;
        }
        if (body == null || !body.isObject()) {
            sendJson(exchange, 400, GoogleErrors.invalidArgument("Invalid JSON payload received."));
            return;
        }
        for (JsonNode content : body.path("contents")) {
            if (!content.hasNonNull("role")) {
                sendJson(exchange, 400, GoogleErrors.invalidArgument("Please use a valid role: user, model."));
                return;
            }
        }
        String problem = validate(body);
        if (problem != null) {
            sendJson(exchange, 400, problem);
            return;
        }
        answer(exchange, request, model, route.group(4), body);
    }

    private void answer(HttpExchange exchange, RecordedRequest request, String model, String method, JsonNode body)
            throws IOException {
        GeminiBodies bodies = new GeminiBodies(body, models.getOrDefault(model, model),
                String.format("FakeResp%06d", requestNumber(exchange)));
        if (method.equals("generateContent")) {
            respond(exchange, model, () -> Answer.body(bodies.response()));
        } else if ("sse".equals(request.queryParam("alt"))) {
            respond(exchange, model, () -> Answer.stream(bodies.chunks()));
        } else {
            // Without alt=sse Google streams one JSON array (reference §3.4).
            respond(exchange, model, () -> new Answer("[" + String.join("\n,\r\n",
                    bodies.chunks().stream().map(JsonNode::toString).toList()) + "]", null));
        }
    }

    /** Google's 400 for what the real API rejects, or null when the request is acceptable. */
    private static String validate(JsonNode body) {
        for (var field : body.properties()) {
            if (!TOP_LEVEL.contains(field.getKey())) {
                return GoogleErrors.unknownField(field.getKey(), "");
            }
        }
        for (var field : body.path("generationConfig").properties()) {
            if (!GENERATION.contains(field.getKey())) {
                return GoogleErrors.unknownField(field.getKey(), " at 'generation_config'");
            }
        }
        JsonNode contents = body.path("contents");
        if (!contents.isArray() || contents.isEmpty()) {
            return GoogleErrors.invalidArgument("* GenerateContentRequest.contents: contents is not specified");
        }
        int pendingCalls = 0;
        for (JsonNode content : contents) {
            String role = content.path("role").asText("user");
            if (!role.equals("user") && !role.equals("model")) {
                return GoogleErrors.invalidArgument("Please use a valid role: user, model.");
            }
            int calls = 0;
            int responses = 0;
            JsonNode parts = content.path("parts");
            if (!parts.isArray() || parts.isEmpty()) {
                return GoogleErrors.invalidArgument("* GenerateContentRequest.contents.parts: contents.parts must not be empty.");
            }
            for (JsonNode part : parts) {
                long data = PART_DATA.stream().filter(part::has).count();
                if (data != 1) {
                    return GoogleErrors.invalidArgument("* GenerateContentRequest.contents.parts.data: required oneof"
                            + " field 'data' must have one initialized field");
                }
                calls += part.has("functionCall") ? 1 : 0;
                responses += part.has("functionResponse") ? 1 : 0;
                if (part.has("functionResponse") && !part.path("functionResponse").path("response").isObject()) {
                    return GoogleErrors.invalidArgument("functionResponse.response must be an object.");
                }
            }
            if ((calls > 0 && role.equals("user")) || (responses > 0 && role.equals("model"))) {
                return GoogleErrors.invalidArgument("Please ensure that function call turns come from the model and"
                        + " function response turns from the user.");
            }
            if (responses > 0 && responses != pendingCalls) {
                return GoogleErrors.invalidArgument("Please ensure that the number of function response parts is equal"
                        + " to the number of function call parts of the function call turn.");
            }
            pendingCalls = calls;
        }
        return null;
    }

    private void embeddings(HttpExchange exchange, String model, JsonNode body) throws IOException {
        JsonNode requests = body.path("requests");
        if (!requests.isArray() || requests.isEmpty()) {
            sendJson(exchange, 400, GoogleErrors.invalidArgument("* BatchEmbedContentsRequest.requests: must not be empty"));
            return;
        }
        var out = JSON.createObjectNode();
        var embeddings = out.putArray("embeddings");
        for (JsonNode r : requests) {
            if (!("models/" + model).equals(r.path("model").asText())) {
                sendJson(exchange, 400, GoogleErrors.invalidArgument("Model in request does not match the batch model."));
                return;
            }
            String text = r.path("content").path("parts").path(0).path("text").asText(null);
            if (text == null) {
                sendJson(exchange, 400, GoogleErrors.invalidArgument("* content.parts: must contain text"));
                return;
            }
            float[] v = EmbeddingBodies.vector(text, r.path("outputDimensionality").asInt(3072));
            var values = embeddings.addObject().putArray("values");
            for (float f : v) {
                values.add(f);
            }
        }
        respond(exchange, model, () -> Answer.body(out));
    }

    /** Google sends no rate-limit headers (reference §3.9); only its server and a Vary header. */
    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("Server", "scaffolding on HTTPServer2");
        headers.set("Vary", "Origin, X-Origin, Referer");
        headers.set("Server-Timing", "gfet4t7; dur=" + (100 + requestNumber));
    }

    /** The requests' model names this fake knows ({@code model} → the {@code modelVersion} it answers with). */
    public List<String> models() {
        return List.copyOf(models.keySet());
    }
}
