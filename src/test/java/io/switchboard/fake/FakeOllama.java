package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * A fake Ollama server on 127.0.0.1 (ollama docs/api.md, reference §3.7): {@code POST /api/chat}, which
 * <b>streams unless {@code "stream": false}</b>, as NDJSON ({@code application/x-ndjson}, one object a line,
 * no end marker), and {@code POST /api/embed}. Like Ollama it needs no key, ignores fields it does not know,
 * wants images as bare base64 and tool-call arguments as objects, and answers errors as {@code {"error": "..."}}
 * (404 for a model that was never pulled). Unknown paths get Go's plain-text {@code 404 page not found}.
 */
public final class FakeOllama extends FakeProviderServer {
    private static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool");
    private final Set<String> chatModels = Set.of("llama3.2", "llama3.2:latest", "qwen3");
    private final Map<String, Integer> embedModels = Map.of("nomic-embed-text", 768, "all-minilm", 384);

    private FakeOllama(int port) {
        super(port);
    }

    public static FakeOllama start(int port) {
        FakeOllama fake = new FakeOllama(port);
        fake.listen();
        return fake;
    }

    /** {@code http://127.0.0.1:<port>}: Ollama's paths start at {@code /api}. */
    public String baseUrl() {
        return origin();
    }

    /** A mid-stream failure: one NDJSON {@code {"error": ...}} line after the first words. */
    public static Scenario errorMidStream(String firstLine) {
        return new Scenario.RawStream(java.util.List.of(firstLine,
                OllamaBodies.error("an error was encountered while running the model: unexpected EOF")), false);
    }

    @Override
    protected String streamContentType() {
        return "application/x-ndjson";
    }

    @Override
    protected String frame(String event) {
        return event + "\n";
    }

    @Override
    protected String endOfStream() {
        return null;
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        // Ollama sends no provider headers beyond Date and Content-Type.
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        switch (request.method() + " " + request.path()) {
            case "POST /api/chat" -> chat(exchange, request.body());
            case "POST /api/embed" -> embed(exchange, request.body());
            default -> sendBody(exchange, 404, "text/plain", "404 page not found", Map.of());
        }
    }

    private void chat(HttpExchange exchange, JsonNode body) throws IOException {
        if (body == null || !body.isObject()) {
            sendJson(exchange, 400, OllamaBodies.error("invalid character looking for beginning of value"));
            return;
        }
        String model = body.path("model").asText("");
        String problem = chatProblem(body);
        if (model.isEmpty()) {
            sendJson(exchange, 400, OllamaBodies.error("model is required"));
        } else if (problem != null) {
            sendJson(exchange, 400, OllamaBodies.error(problem));
        } else if (!chatModels.contains(model)) {
            sendJson(exchange, 404, OllamaBodies.error("model \"" + model + "\" not found, try pulling it first"));
        } else {
            respond(exchange, model, () -> {
                ChatReply reply = OllamaBodies.reply(body);
                return body.path("stream").asBoolean(true) ? Answer.stream(OllamaBodies.lines(model, reply))
                        : Answer.body(OllamaBodies.completion(model, reply));
            });
        }
    }

    private static String chatProblem(JsonNode body) {
        if (body.has("options") && !body.get("options").isObject()) {
            return "json: cannot unmarshal " + body.get("options").getNodeType().name().toLowerCase()
                    + " into Go struct field ChatRequest.options of type map[string]interface {}";
        }
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText();
            if (!ROLES.contains(role)) {
                return "invalid role: " + role;
            }
            if (m.has("content") && !m.get("content").isTextual()) {
                return "json: cannot unmarshal array into Go struct field Message.messages.content of type string";
            }
            for (JsonNode image : m.path("images")) {
                try {
                    Base64.getDecoder().decode(image.asText());
                } catch (IllegalArgumentException e) {
                    return "illegal base64 data at input byte 4";
                }
            }
            for (JsonNode call : m.path("tool_calls")) {
                if (!call.path("function").path("arguments").isObject()) {
                    return "json: cannot unmarshal string into Go struct field ToolCallFunction.messages.tool_calls"
                            + ".function.arguments of type api.ToolCallFunctionArguments";
                }
            }
        }
        return null;
    }

    private void embed(HttpExchange exchange, JsonNode body) throws IOException {
        String model = body == null ? "" : body.path("model").asText("");
        JsonNode input = body == null ? null : body.get("input");
        Integer size = embedModels.get(model);
        if (size == null) {
            sendJson(exchange, 404, OllamaBodies.error("model \"" + model + "\" not found, try pulling it first"));
        } else if (input == null || !(input.isTextual() || input.isArray())) {
            sendJson(exchange, 400, OllamaBodies.error("invalid input type"));
        } else {
            int dimensions = body.path("dimensions").asInt(size);
            respond(exchange, model, () -> Answer.body(embeddings(model, input, dimensions)));
        }
    }

    private static ObjectNode embeddings(String model, JsonNode input, int dimensions) {
        ObjectNode body = JSON.createObjectNode().put("model", model);
        ArrayNode vectors = body.putArray("embeddings");
        int tokens = 0;
        for (JsonNode text : input.isArray() ? input : JSON.createArrayNode().add(input)) {
            ArrayNode vector = vectors.addArray();
            for (float value : EmbeddingBodies.vector(text.asText(), dimensions)) {
                vector.add(value);
            }
            tokens += ChatReply.words(text.asText());
        }
        return body.put("total_duration", 14143917L).put("load_duration", 1019500L).put("prompt_eval_count", tokens);
    }
}
