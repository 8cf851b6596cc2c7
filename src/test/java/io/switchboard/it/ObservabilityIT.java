package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import io.switchboard.fake.FakeOpenAi;
import io.switchboard.fake.FakeOtlpCollector;
import io.switchboard.fake.FakeOtlpCollector.Span;
import io.switchboard.fake.FakeWebhook;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Full telemetry on one gateway, configured as a LiteLLM user would ({@code callbacks: ["otel",
 * "audit_hook"]} plus the standard {@code OTEL_*} variables): traces reach an OTLP collector with
 * GenAI attributes and the client's trace continued, {@code /metrics} counts exactly what was called,
 * a hanging webhook slows no call, and no secret shows up anywhere operators look.
 */
class ObservabilityIT {
    static final String WRONG_KEY = "sk-CANARY-PROV-wrong-7e6d5c4b3a";
    static final String WEBHOOK_TOKEN = "whk-CANARY-9f8e7d";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static FakeOpenAi openai;
    private static FakeOtlpCollector collector;
    private static FakeWebhook webhook;
    private static GatewayServer server;
    private static final List<String> errorBodies = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        openai = FakeOpenAi.start(0, TestGateway.OPENAI_KEY);
        collector = FakeOtlpCollector.start();
        webhook = FakeWebhook.start();
        server = GatewayServer.start("observability", config(), Map.of(
                "LITELLM_MASTER_KEY", TestGateway.MASTER_KEY,
                "OPENAI_API_KEY", TestGateway.OPENAI_KEY,
                "OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf",
                "OTEL_METRICS_EXPORTER", "none",
                "OTEL_LOGS_EXPORTER", "none",
                "OTEL_BSP_SCHEDULE_DELAY", "200",
                "OTEL_SERVICE_NAME", "switchboard-it"));
    }

    @AfterAll
    static void stop() {
        server.close();
        openai.close();
        collector.close();
        webhook.close();
    }

    private static String config() {
        return """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: text-embedding-3-small
                    litellm_params:
                      model: openai/text-embedding-3-small
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                  - model_name: gpt-wrong-key
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: %2$s
                litellm_settings:
                  callbacks: ["otel", "audit_hook"]
                callback_settings:
                  audit_hook:
                    callback_type: generic_api
                    endpoint: %3$s
                    headers:
                      Authorization: Bearer %4$s
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl(), WRONG_KEY, webhook.url(), WEBHOOK_TOKEN);
    }

    @Test
    void nonStreamedCallIsAServerSpanWithAGenAiChildContinuingTheClientsTrace() throws Exception {
        String traceId = randomHex(16);
        String clientSpan = randomHex(8);
        HttpResponse<String> response = chat("{\"model\":\"gpt-4o-mini\",\"temperature\":0.2,\"max_tokens\":50,"
                + "\"top_p\":0.9,\"messages\":[{\"role\":\"user\",\"content\":\"hello there\"}]}",
                "00-" + traceId + "-" + clientSpan + "-01");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = JSON.readTree(response.body());
        String callId = response.headers().firstValue("x-litellm-call-id").orElseThrow();

        List<Span> trace = collector.await(s -> s.traceId().equals(traceId), 2, Duration.ofSeconds(20));
        assertEquals(List.of(), collector.problems(), "every export request decodes");
        printTree("non-streamed call", trace);
        Span server = only(trace, s -> s.kind() == Span.KIND_SERVER);
        Span attempt = only(trace, s -> s.kind() == Span.KIND_CLIENT);
        assertEquals(clientSpan, server.parentSpanId(), "the client's trace context is continued");
        assertEquals(server.spanId(), attempt.parentSpanId(), "the upstream attempt is a child of the request");
        assertEquals(callId, server.attr("switchboard.call_id"));
        assertEquals("gpt-4o-mini", server.attr("switchboard.model_group"));
        assertEquals("master-key", server.attr("switchboard.key_alias"));
        assertEquals(body.path("usage").path("prompt_tokens").asLong(), server.attr("gen_ai.usage.input_tokens"));
        assertNotNull(server.attr("switchboard.cost_usd"));
        assertEquals(0L, server.attr("switchboard.retries"));

        assertEquals("chat gpt-4o-mini", attempt.name());
        assertEquals("chat", attempt.attr("gen_ai.operation.name"));
        assertEquals("openai", attempt.attr("gen_ai.provider.name"));
        assertEquals("gpt-4o-mini", attempt.attr("gen_ai.request.model"));
        assertEquals(0.2, attempt.attr("gen_ai.request.temperature"));
        assertEquals(0.9, attempt.attr("gen_ai.request.top_p"));
        assertEquals(50L, attempt.attr("gen_ai.request.max_tokens"));
        assertEquals(body.path("id").asText(), attempt.attr("gen_ai.response.id"));
        assertEquals(body.path("model").asText(), attempt.attr("gen_ai.response.model"));
        assertEquals(List.of("stop"), attempt.attr("gen_ai.response.finish_reasons"));
        assertEquals(body.path("usage").path("prompt_tokens").asLong(), attempt.attr("gen_ai.usage.input_tokens"));
        assertEquals(body.path("usage").path("completion_tokens").asLong(), attempt.attr("gen_ai.usage.output_tokens"));
        assertFalse(attempt.attributes().containsKey("gen_ai.input.messages"), "content capture is off by default");
        assertTrue(attempt.attributes().keySet().stream().noneMatch(k -> k.startsWith("server.") || k.startsWith("url.")),
                "the attempt span names no upstream address: " + attempt.attributes().keySet());

        String upstreamTraceparent = openai.lastRequest().header("traceparent");
        assertEquals("00-" + traceId + "-" + attempt.spanId() + "-01", upstreamTraceparent,
                "the provider receives the attempt's span as its parent");
    }

    @Test
    void anEmbeddingsCallHasItsAttemptSpanToo() throws Exception {
        String traceId = randomHex(16);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"text-embedding-3-small\",\"input\":\"hi\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        List<Span> trace = collector.await(s -> s.traceId().equals(traceId), 2, Duration.ofSeconds(20));
        printTree("embeddings call", trace);
        Span server = only(trace, s -> s.kind() == Span.KIND_SERVER);
        Span attempt = only(trace, s -> s.kind() == Span.KIND_CLIENT);
        assertEquals(server.spanId(), attempt.parentSpanId());
        assertEquals("embeddings text-embedding-3-small", attempt.name());
        assertEquals("embeddings", attempt.attr("gen_ai.operation.name"));
        assertEquals("openai", attempt.attr("gen_ai.provider.name"));
        assertEquals("text-embedding-3-small", attempt.attr("switchboard.model_group"));
    }

    @Test
    void aStreamedTextCompletionHasItsAttemptSpanToo() throws Exception {
        String traceId = randomHex(16);
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"gpt-4o-mini\",\"prompt\":\"say a b c\","
                        + "\"stream\":true}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("data: [DONE]"), response.body());
        List<Span> trace = collector.await(s -> s.traceId().equals(traceId), 2, Duration.ofSeconds(20));
        printTree("streamed text completion", trace);
        Span server = only(trace, s -> s.kind() == Span.KIND_SERVER);
        Span attempt = only(trace, s -> s.kind() == Span.KIND_CLIENT);
        assertEquals(server.spanId(), attempt.parentSpanId());
        assertEquals("text_completion gpt-4o-mini", attempt.name());
        assertEquals("text_completion", attempt.attr("gen_ai.operation.name"));
        assertEquals(true, attempt.attr("switchboard.stream"));
    }

    @Test
    void streamedCallThroughTheSdkHasItsAttemptSpanCloseWithTheStream() throws Exception {
        String traceId = randomHex(16);
        OpenAIClient client = OpenAIOkHttpClient.builder().apiKey(TestGateway.MASTER_KEY)
                .baseUrl(server.baseUrl() + "/v1").maxRetries(0).timeout(Duration.ofSeconds(30))
                .putHeader("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01").build();
        long outputTokens = 0;
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini")
                .addUserMessage("tell me a story about a b c")
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            for (ChatCompletionChunk chunk : (Iterable<ChatCompletionChunk>) stream.stream()::iterator) {
                if (chunk.usage().isPresent()) {
                    outputTokens = chunk.usage().get().completionTokens();
                }
            }
        }
        assertTrue(outputTokens > 0);

        List<Span> trace = collector.await(s -> s.traceId().equals(traceId), 2, Duration.ofSeconds(20));
        printTree("streamed call", trace);
        Span server = only(trace, s -> s.kind() == Span.KIND_SERVER);
        Span attempt = only(trace, s -> s.kind() == Span.KIND_CLIENT);
        assertEquals(server.spanId(), attempt.parentSpanId());
        assertEquals(true, attempt.attr("switchboard.stream"));
        assertEquals(outputTokens, attempt.attr("gen_ai.usage.output_tokens"), "the span ended with the stream");
        assertEquals(List.of("stop"), attempt.attr("gen_ai.response.finish_reasons"));
        assertTrue((Double) attempt.attr("switchboard.time_to_first_token_ms") > 0);
        assertTrue((Double) server.attr("switchboard.time_to_first_token_ms") > 0);
        assertEquals(outputTokens, server.attr("gen_ai.usage.output_tokens"));
    }

    @Test
    void metricsCountAKnownSequenceOfCalls() throws Exception {
        Map<String, Double> before = Metrics.parse(scrape());
        long input = 0;
        long output = 0;
        for (int i = 0; i < 3; i++) {
            JsonNode usage = JSON.readTree(chat("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"count "
                    + i + "\"}]}", null).body()).path("usage");
            input += usage.path("prompt_tokens").asLong();
            output += usage.path("completion_tokens").asLong();
        }
        HttpResponse<String> failed = chat("{\"model\":\"gpt-wrong-key\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null);
        errorBodies.add(failed.body());
        HttpResponse<String> unknown = chat("{\"model\":\"no-such-model-" + randomHex(4) + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null);
        errorBodies.add(unknown.body());
        assertEquals(400, unknown.statusCode(), unknown.body());

        String ok = "requested_model=\"gpt-4o-mini\",route=\"chat.completions\",status_code=\"200\",api_key_alias=\"master-key\",team=\"\"";
        String tokens = "model=\"gpt-4o-mini\",requested_model=\"gpt-4o-mini\",api_key_alias=\"master-key\",team=\"\"";
        String wrongKey = "requested_model=\"gpt-wrong-key\",route=\"chat.completions\",exception_status=\"" + failed.statusCode()
                + "\",exception_class=\"" + JSON.readTree(failed.body()).path("error").path("type").asText()
                + "\",api_key_alias=\"master-key\",team=\"\"";
        Map<String, Double> after = Metrics.awaitDelta(this::scrape, before,
                "litellm_proxy_total_requests_metric_total{" + ok + "}", 3);
        String text = scrape();
        printMetrics(text);
        assertEquals(3, Metrics.delta(before, after, "litellm_proxy_total_requests_metric_total{" + ok + "}"));
        assertEquals(1, Metrics.delta(before, after, "litellm_proxy_failed_requests_metric_total{" + wrongKey + "}"));
        assertEquals(input, Metrics.delta(before, after, "litellm_input_tokens_metric_total{" + tokens + "}"));
        assertEquals(output, Metrics.delta(before, after, "litellm_output_tokens_metric_total{" + tokens + "}"));
        assertEquals(input + output, Metrics.delta(before, after, "litellm_total_tokens_metric_total{" + tokens + "}"));
        assertTrue(Metrics.delta(before, after, "litellm_spend_metric_total{" + tokens + "}") > 0);
        assertEquals(3, Metrics.delta(before, after, "litellm_request_total_latency_metric_count{" + tokens + "}"));
        assertTrue(text.contains("litellm_proxy_failed_requests_metric_total{requested_model=\"other\""),
                "a model name the client made up is not a label of its own");
        assertTrue(text.contains("# TYPE litellm_deployment_state gauge"));
        assertTrue(text.contains("litellm_deployment_state{litellm_model_name=\"gpt-4o-mini\""));
        assertTrue(text.contains("litellm_overhead_latency_metric_bucket{"));
        assertTrue(text.contains("litellm_llm_api_latency_metric_count{"));
    }

    @Test
    void aHangingWebhookSlowsNoCallAndStillReceivesEveryEvent() throws Exception {
        webhook.hang(Duration.ofSeconds(10), 1);
        int arrivedBefore = webhook.arrived();
        List<String> callIds = new ArrayList<>();
        List<Long> millis = new ArrayList<>();
        Instant hangStarted = null;
        for (int i = 0; i < 8; i++) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = chat("{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"hook " + i + "\"}]}", null);
            millis.add((System.nanoTime() - t0) / 1_000_000);
            assertEquals(200, r.statusCode());
            callIds.add(r.headers().firstValue("x-litellm-call-id").orElseThrow());
            if (hangStarted == null && webhook.arrived() > arrivedBefore) {
                hangStarted = Instant.now();
            }
            Thread.sleep(200);
        }
        System.out.println("[observability-it] call latencies (ms) while the webhook hangs 10 s: " + millis);
        assertNotNull(hangStarted, "the webhook was called while the calls ran");
        assertTrue(Duration.between(hangStarted, Instant.now()).toSeconds() < 10, "the calls ran during the hang");
        assertTrue(millis.stream().allMatch(m -> m < 2000), "no call waited for the webhook: " + millis);

        Instant deadline = Instant.now().plusSeconds(40);
        while (Instant.now().isBefore(deadline) && !callIds.stream().allMatch(id -> webhook.bodies().stream()
                .anyMatch(b -> b.contains(id)))) {
            Thread.sleep(200);
        }
        for (String id : callIds) {
            String body = webhook.bodies().stream().filter(b -> b.contains(id)).findFirst().orElseThrow(
                    () -> new AssertionError("the webhook never received call " + id));
            JsonNode event = JSON.readTree(body).get(0);
            assertEquals("success", event.path("status").asText());
            assertEquals("gpt-4o-mini", event.path("model_group").asText());
            assertTrue(event.path("total_tokens").asLong() > 0);
        }
        assertTrue(webhook.authorizations().contains("Bearer " + WEBHOOK_TOKEN), "the configured headers are sent");
    }

    @Test
    void noSecretInSpansMetricsLogsOrErrorBodies() throws Exception {
        HttpResponse<String> wrong = chat("{\"model\":\"gpt-wrong-key\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null);
        assertTrue(wrong.statusCode() >= 400, wrong.body());
        errorBodies.add(wrong.body());
        HttpResponse<String> stream = chat("{\"model\":\"gpt-wrong-key\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", null);
        errorBodies.add(stream.body());
        assertTrue(openai.requestCount() > 0);
        Thread.sleep(1500); // the batch exporter's and the async observers' turn
        List<String> places = new ArrayList<>();
        collector.spans().forEach(s -> places.add("span " + s.name() + " " + s.attributes()));
        places.add("metrics " + scrape());
        places.add("messages.log " + server.messagesLog());
        places.add("console " + server.logText());
        errorBodies.forEach(b -> places.add("error body " + b));
        for (String secret : List.of(TestGateway.MASTER_KEY, TestGateway.OPENAI_KEY, WRONG_KEY, WEBHOOK_TOKEN, "CANARY")) {
            for (String place : places) {
                assertFalse(place.contains(secret), secret + " leaked into " + place.substring(0, Math.min(200, place.length())));
            }
        }
        assertTrue(collector.spans().stream().anyMatch(s -> s.statusCode() == Span.STATUS_ERROR
                && "upstream_authentication_failed".equals(s.attr("error.type"))),
                "the failed attempt is traced, by kind");
    }

    private String scrape() {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), "/metrics is public, as LiteLLM's");
            assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
            return r.body();
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static HttpResponse<String> chat(String body, String traceparent) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (traceparent != null) {
            b.header("traceparent", traceparent);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Span only(List<Span> spans, java.util.function.Predicate<Span> filter) {
        List<Span> found = spans.stream().filter(filter).toList();
        assertEquals(1, found.size(), "spans: " + spans);
        return found.get(0);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1; // never all zero (an invalid id)
        return HexFormat.of().formatHex(b);
    }

    private static void printTree(String title, List<Span> spans) {
        StringBuilder out = new StringBuilder("[observability-it] trace of a " + title + ":\n");
        spans.stream().filter(s -> spans.stream().noneMatch(p -> p.spanId().equals(s.parentSpanId())))
                .forEach(root -> print(out, root, spans, 1));
        System.out.print(out);
    }

    private static void print(StringBuilder out, Span span, List<Span> all, int depth) {
        out.append("  ".repeat(depth)).append(span.kind() == Span.KIND_SERVER ? "SERVER " : "CLIENT ")
                .append(span.name()).append("  ").append(span.attributes()).append('\n');
        all.stream().filter(c -> c.parentSpanId().equals(span.spanId())).forEach(c -> print(out, c, all, depth + 1));
    }

    private static void printMetrics(String text) {
        StringBuilder out = new StringBuilder("[observability-it] /metrics excerpt:\n");
        text.lines().filter(l -> !l.startsWith("#") && !l.contains("_bucket{"))
                .filter(l -> l.startsWith("litellm_proxy") || l.contains("tokens_metric") || l.startsWith("litellm_spend")
                        || l.startsWith("litellm_deployment_state") || l.contains("latency_metric_count"))
                .forEach(l -> out.append("  ").append(l).append('\n'));
        System.out.print(out);
    }
}
