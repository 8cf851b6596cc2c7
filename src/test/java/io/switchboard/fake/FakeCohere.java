package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A fake Cohere v2 API on 127.0.0.1 (reference §3.6): {@code POST /v2/chat} (JSON or SSE with
 * {@code event:} lines and Cohere's typed events, no {@code [DONE]}), {@code POST /v2/embed} and
 * {@code POST /v2/rerank}. It
 * checks {@code Authorization: Bearer <key>} and answers errors as {@code {"id","message"}}. It refuses
 * OpenAI's names for Cohere's parameters ({@code top_p}, {@code stop}, {@code n}, ...), so that a
 * gateway that forgets to translate them is caught; the wording of its messages is the fake's own.
 */
public final class FakeCohere extends FakeProviderServer {
    private static final Set<String> OPENAI_ONLY = Set.of("top_p", "top_k", "stop", "n", "max_completion_tokens",
            "stream_options", "user", "logprobs", "parallel_tool_calls");
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    /** embed-v4.0's Matryoshka sizes (docs.cohere.com/reference/embed, output_dimension). */
    private static final Set<Integer> EMBED_DIMENSIONS = Set.of(256, 512, 1024, 1536);

    private final String apiKey;
    private final Set<String> chatModels = Set.of("command-a-03-2025", "command-r-plus-08-2024");
    private final Set<String> embedModels = Set.of("embed-v4.0", "embed-english-v3.0");

    private FakeCohere(int port, String apiKey) {
        super(port);
        this.apiKey = apiKey;
    }

    public static FakeCohere start(int port, String apiKey) {
        FakeCohere fake = new FakeCohere(port, apiKey);
        fake.listen();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}: Cohere's paths start at {@code /v2}. */
    public String baseUrl() {
        return origin();
    }

    /** One of the fake's error bodies, for scenarios: {@code {"id": ..., "message": ...}}. */
    public static String errorBody(String message) {
        return CohereBodies.error("00000000-fake-error", message);
    }

    @Override
    protected String streamContentType() {
        return "text/event-stream";
    }

    /** Cohere names each event's type twice: in an {@code event:} line and in the JSON. */
    @Override
    protected String frame(String event) {
        String type;
        try {
            type = JSON.readTree(event).path("type").asText("message");
        } catch (IOException notJson) {
            type = "message";
        }
        return "event: " + type + "\ndata: " + event + "\n\n";
    }

    @Override
    protected String endOfStream() {
        return null;
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("x-debug-trace-id", String.format("%032x", requestNumber));
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String auth = request.header("Authorization");
        String id = String.format("%08x-fake-4000-8000-%012x", request.hashCode(), requestNumber(exchange));
        if (auth == null || !auth.startsWith("Bearer ")) {
            sendJson(exchange, 401, CohereBodies.error(id, "no api key supplied"));
        } else if (!auth.substring("Bearer ".length()).equals(apiKey)) {
            sendJson(exchange, 401, CohereBodies.error(id, "invalid api token"));
        } else if (request.body() == null || !request.body().isObject()) {
            sendJson(exchange, 400, CohereBodies.error(id, "invalid request: body must be a JSON object"));
        } else {
            switch (request.method() + " " + request.path()) {
                case "POST /v2/chat" -> chat(exchange, request.body(), id);
                case "POST /v2/embed" -> embed(exchange, request.body(), id);
                case "POST /v2/rerank" -> rerank(exchange, request.body(), id);
                default -> sendJson(exchange, 404, CohereBodies.error(id, "Not Found"));
            }
        }
    }

    private void chat(HttpExchange exchange, JsonNode body, String id) throws IOException {
        String model = body.path("model").asText("");
        String problem = chatProblem(body);
        if (problem != null) {
            sendJson(exchange, 400, CohereBodies.error(id, "invalid request: " + problem));
        } else if (!chatModels.contains(model)) {
            sendJson(exchange, 404, CohereBodies.error(id, "model '" + model
                    + "' not found, make sure the correct model ID was used and that you have access to the model."));
        } else {
            respond(exchange, model, () -> {
                ChatReply reply = CohereBodies.reply(body);
                return body.path("stream").asBoolean(false) ? Answer.stream(CohereBodies.events(id, reply))
                        : Answer.body(CohereBodies.completion(id, reply));
            });
        }
    }

    private static String chatProblem(JsonNode body) {
        for (String name : OPENAI_ONLY) {
            if (body.has(name)) {
                return "unknown field: parameter " + name + " is not a valid field";
            }
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            return "messages must be a non-empty list";
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText();
            if (!ROLES.contains(role)) {
                return "message role must be one of " + ROLES + ", got '" + role + "'";
            }
            if (role.equals("tool") && (!m.path("tool_call_id").isTextual() || !m.has("content"))) {
                return "tool messages need tool_call_id and content";
            }
            for (JsonNode call : m.path("tool_calls")) {
                if (!call.path("function").path("arguments").isTextual()) {
                    return "tool call arguments must be a JSON string";
                }
            }
        }
        String choice = body.path("tool_choice").asText("REQUIRED");
        if (!choice.equals("REQUIRED") && !choice.equals("NONE")) {
            return "tool_choice must be REQUIRED or NONE";
        }
        String format = body.path("response_format").path("type").asText("text");
        if (!format.equals("text") && !format.equals("json_object")) {
            return "response_format type must be text or json_object";
        }
        return null;
    }

    private void embed(HttpExchange exchange, JsonNode body, String id) throws IOException {
        String model = body.path("model").asText("");
        JsonNode texts = body.path("texts");
        JsonNode dimension = body.get("output_dimension");
        if (!texts.isArray() || texts.isEmpty()) {
            sendJson(exchange, 400, CohereBodies.error(id, "invalid request: texts must be a non-empty list"));
        } else if (!body.path("input_type").isTextual()) {
            sendJson(exchange, 400, CohereBodies.error(id,
                    "invalid request: valid input_type must be provided with the provided model"));
        } else if (!embedModels.contains(model)) {
            sendJson(exchange, 404, CohereBodies.error(id, "model '" + model + "' not found"));
        } else if (dimension != null && !EMBED_DIMENSIONS.contains(dimension.asInt())) {
            sendJson(exchange, 400, CohereBodies.error(id, "invalid request: output_dimension must be one of "
                    + EMBED_DIMENSIONS));
        } else {
            respond(exchange, model, () -> Answer.body(embeddings(id, texts, dimension == null ? 1536 : dimension.asInt())));
        }
    }

    private void rerank(HttpExchange exchange, JsonNode body, String id) throws IOException {
        String model = body.path("model").asText("");
        String problem = CohereRerankBodies.problem(body);
        if (problem != null) {
            sendJson(exchange, 400, CohereBodies.error(id, "invalid request: " + problem));
        } else if (!CohereRerankBodies.MODELS.contains(model)) {
            sendJson(exchange, 404, CohereBodies.error(id, "model '" + model + "' not found"));
        } else {
            respond(exchange, model, () -> Answer.body(CohereRerankBodies.answer(id, body)));
        }
    }

    private static ObjectNode embeddings(String id, JsonNode texts, int dimensions) {
        ObjectNode body = JSON.createObjectNode();
        body.put("id", id);
        body.set("texts", texts);
        ArrayNode floats = body.putObject("embeddings").putArray("float");
        int tokens = 0;
        for (JsonNode text : texts) {
            ArrayNode vector = floats.addArray();
            for (float value : EmbeddingBodies.vector(text.asText(), dimensions)) {
                vector.add(value);
            }
            tokens += ChatReply.words(text.asText());
        }
        ObjectNode meta = body.putObject("meta");
        meta.putObject("api_version").put("version", "2");
        meta.putObject("billed_units").put("input_tokens", tokens);
        body.put("response_type", "embeddings_by_type");
        return body;
    }

    /** Error scenarios in Cohere's shape, e.g. the trial key's 429 from the reference. */
    public static Scenario rateLimited() {
        return new Scenario.Error(429, errorBody(
                "You are using a Trial key, which is limited to 20 API calls / minute. You can continue to use the"
                        + " Trial key for free or upgrade to a Production key with higher rate limits at"
                        + " 'https://dashboard.cohere.com/api-keys'."), Map.of());
    }
}
