package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake classic (dated-API) Azure OpenAI resource on 127.0.0.1, following reference §3.5 and the recorded stream
 * {@code fixtures/azure/azure-model-router.1.chunks.txt}:
 * {@code POST /openai/deployments/{deployment}/chat/completions|completions|embeddings?api-version=…}.
 * <ul>
 * <li>Auth is the {@code api-key} header; a request with only {@code Authorization: Bearer} gets Azure's 401.</li>
 * <li>No {@code api-version} query parameter: 404 "Resource not found", as Azure does.</li>
 * <li>Unknown deployment: 404 {@code DeploymentNotFound}.</li>
 * <li>Answers name the deployment's underlying model (e.g. gpt-4o-2024-08-06), never the deployment, and carry
 * {@code prompt_filter_results} / {@code content_filter_results} (see {@link AzureContentFilter}).</li>
 * </ul>
 * Scenarios are keyed by deployment name. The answer text, tools and usage are those of {@link FakeOpenAi}.
 */
public final class FakeAzureOpenAi extends FakeProviderServer {

    private static final Pattern ROUTE =
            Pattern.compile("/openai/deployments/([^/]+)/(chat/completions|completions|embeddings)");

    private final String apiKey;
    /** Deployment name → underlying model name that responses carry. */
    private final Map<String, String> deployments = new ConcurrentHashMap<>();

    private FakeAzureOpenAi(int port, String apiKey) {
        super(port);
        this.apiKey = apiKey;
        deployments.put("gpt-4o", "gpt-4o-2024-08-06");
        deployments.put("gpt-4o-mini", "gpt-4o-mini-2024-07-18");
        deployments.put("text-embedding-3-small", "text-embedding-3-small");
    }

    /** Starts on {@code port} (0 = any free port) and requires the header {@code api-key: <apiKey>}. */
    public static FakeAzureOpenAi start(int port, String apiKey) {
        FakeAzureOpenAi fake = new FakeAzureOpenAi(port, apiKey);
        fake.listen();
        return fake;
    }

    /** Adds a deployment serving {@code model} (the name that responses carry). */
    public FakeAzureOpenAi deployment(String name, String model) {
        deployments.put(name, model);
        return this;
    }

    /** {@code http://127.0.0.1:<port>}: the resource endpoint (Azure clients append {@code /openai/deployments/…}). */
    public String endpoint() {
        return origin();
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        Matcher route = ROUTE.matcher(request.path());
        if (!route.matches() || !request.method().equals("POST") || request.queryParam("api-version") == null) {
            sendJson(exchange, 404, AzureErrors.resourceNotFound());
            return;
        }
        if (!apiKey.equals(request.header("api-key"))) {
            sendJson(exchange, 401, AzureErrors.accessDenied());
            return;
        }
        String deployment = route.group(1);
        String model = deployments.getOrDefault(deployment, hasScenario(deployment) ? deployment : null);
        if (model == null) {
            sendJson(exchange, 404, AzureErrors.deploymentNotFound());
            return;
        }
        JsonNode body = request.body();
        if (body == null || !body.isObject()) {
            sendJson(exchange, 400, OpenAiErrors.unparseableJson());
            return;
        }
        switch (route.group(2)) {
            case "chat/completions" -> chat(exchange, deployment, model, body);
            case "completions" -> textCompletion(exchange, deployment, model, body);
            default -> embeddings(exchange, deployment, model, body);
        }
    }

    private void chat(HttpExchange exchange, String deployment, String model, JsonNode body) throws IOException {
        JsonNode messages = body.get("messages");
        if (messages == null || messages.isNull()) {
            sendJson(exchange, 400, AzureErrors.validation("'messages' is a required property"));
            return;
        }
        if (!messages.isArray() || messages.isEmpty()) {
            sendJson(exchange, 400, AzureErrors.validation(messages + " is too short - 'messages'"));
            return;
        }
        respond(exchange, deployment, () -> {
            OpenAiChatBodies bodies = new OpenAiChatBodies(id("chatcmpl-", exchange), now(), model);
            ChatReply reply = ChatReply.to(body);
            return streaming(body)
                    ? Answer.stream(AzureContentFilter.stream(bodies.chunks(reply, includeUsage(body))))
                    : Answer.body(AzureContentFilter.completion(bodies.completion(reply)));
        });
    }

    private void textCompletion(HttpExchange exchange, String deployment, String model, JsonNode body)
            throws IOException {
        List<String> prompts = TextCompletionBodies.prompts(body.get("prompt"));
        if (prompts == null) {
            sendJson(exchange, 400, AzureErrors.validation("'prompt' is a required property"));
            return;
        }
        respond(exchange, deployment, () -> {
            TextCompletionBodies bodies = new TextCompletionBodies(id("cmpl-", exchange), now(), model, prompts,
                    body.get("max_tokens"));
            return streaming(body)
                    ? Answer.stream(AzureContentFilter.stream(bodies.chunks(includeUsage(body))))
                    : Answer.body(AzureContentFilter.completion(bodies.completion()));
        });
    }

    private void embeddings(HttpExchange exchange, String deployment, String model, JsonNode body)
            throws IOException {
        List<String> inputs = EmbeddingBodies.inputs(body.get("input"));
        if (inputs == null) {
            sendJson(exchange, 400, AzureErrors.validation("'input' is a required property"));
            return;
        }
        JsonNode dimensions = body.get("dimensions");
        int size = dimensions != null && dimensions.canConvertToInt() ? dimensions.asInt()
                : EmbeddingBodies.nativeDimensions(model);
        boolean base64 = body.path("encoding_format").asText("float").equals("base64");
        respond(exchange, deployment, () -> Answer.body(EmbeddingBodies.list(model, inputs, size, base64)));
    }

    /** Reference §3.5 / §3.9: Azure's request ids and its two remaining-quota headers (no limit/reset headers). */
    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        String uuid = String.format("00000000-0000-4000-8000-%012x", requestNumber);
        headers.set("x-request-id", uuid);
        headers.set("apim-request-id", uuid);
        headers.set("x-ms-region", "Sweden Central");
        headers.set("x-ratelimit-remaining-requests", Integer.toString(Math.max(0, 1000 - requestNumber)));
        headers.set("x-ratelimit-remaining-tokens", "149950");
    }

    private static boolean streaming(JsonNode body) {
        return body.path("stream").asBoolean(false);
    }

    private static boolean includeUsage(JsonNode body) {
        return body.path("stream_options").path("include_usage").asBoolean(false);
    }

    private static String id(String prefix, HttpExchange exchange) {
        return prefix + String.format("AzFake%06d", requestNumber(exchange));
    }

    private static long now() {
        return Instant.now().getEpochSecond();
    }
}
