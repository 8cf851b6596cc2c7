package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake of the guardrail services the gateway calls, on 127.0.0.1, in their wire shapes:
 * <ul>
 * <li>Presidio analyzer {@code POST /analyze} {@code {"text","language","entities"?}} → {@code [{"entity_type",
 *     "start","end","score"}]} (this fake recognises e-mail addresses only);</li>
 * <li>Presidio anonymizer {@code POST /anonymize} {@code {"text","analyzer_results"}} → {@code {"text","items"}},
 *     each span replaced by {@code <ENTITY_TYPE>} as Presidio's default {@code replace} operator does;</li>
 * <li>Lakera Guard {@code POST /v2/guard} {@code {"messages":[{"role","content"}]}} with a bearer key →
 *     {@code {"flagged": bool, "metadata": {...}}}; a message containing "lakera-bad" is flagged.</li>
 * </ul>
 * With a delay, every answer waits that long first (a slow or hung service).
 */
public final class FakeGuardrailService implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");

    private final HttpServer server;
    private final Duration delay;
    private final String apiKey;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();

    private FakeGuardrailService(Duration delay, String apiKey) throws IOException {
        this.delay = delay;
        this.apiKey = apiKey;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // Daemon threads: a test JVM must be able to exit while a slow answer is still sleeping.
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-guardrail-service");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeGuardrailService start(Duration delay, String apiKey) throws IOException {
        return new FakeGuardrailService(delay, apiKey);
    }

    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public int calls() {
        return calls.get();
    }

    /** The JSON bodies received, in order. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            calls.incrementAndGet();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            bodies.add(body);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/analyze")) {
                send(exchange, 200, analyze(body.path("text").asText()));
            } else if (path.equals("/anonymize")) {
                send(exchange, 200, anonymize(body));
            } else if (path.equals("/v2/guard")) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                if (!("Bearer " + apiKey).equals(auth)) {
                    send(exchange, 401, JSON.createObjectNode().put("error", "Unauthorized"));
                    return;
                }
                boolean flagged = false;
                for (JsonNode m : body.path("messages")) {
                    flagged |= m.path("content").asText().toLowerCase().contains("lakera-bad");
                }
                ObjectNode answer = JSON.createObjectNode().put("flagged", flagged);
                answer.putObject("metadata").put("request_uuid", "fake-" + calls.get());
                send(exchange, 200, answer);
            } else {
                send(exchange, 404, JSON.createObjectNode().put("error", "not found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ArrayNode analyze(String text) {
        ArrayNode results = JSON.createArrayNode();
        Matcher m = EMAIL.matcher(text);
        while (m.find()) {
            results.addObject().put("entity_type", "EMAIL_ADDRESS").put("start", m.start()).put("end", m.end())
                    .put("score", 1.0);
        }
        return results;
    }

    private static ObjectNode anonymize(JsonNode body) {
        String text = body.path("text").asText();
        StringBuilder out = new StringBuilder();
        ArrayNode items = JSON.createArrayNode();
        int at = 0;
        for (JsonNode r : body.path("analyzer_results")) {
            int start = r.path("start").asInt();
            int end = r.path("end").asInt();
            String replacement = "<" + r.path("entity_type").asText() + ">";
            out.append(text, at, start).append(replacement);
            items.addObject().put("start", out.length() - replacement.length()).put("end", out.length())
                    .put("entity_type", r.path("entity_type").asText()).put("text", replacement)
                    .put("operator", "replace");
            at = end;
        }
        out.append(text.substring(at));
        ObjectNode answer = JSON.createObjectNode().put("text", out.toString());
        answer.set("items", items);
        return answer;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
