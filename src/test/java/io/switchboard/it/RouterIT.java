package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.fake.FakeOpenAi;
import io.switchboard.fake.Scenario;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router end to end: a gateway in front of one fake provider per deployment, each failed on
 * command. The client sees success whenever some deployment could serve, retries are bounded, and
 * the deployment that answered is named in LiteLLM's headers. Prints the fault table and the
 * 1,000-call distribution.
 */
class RouterIT {
    private static final String MASTER = "sk-router-master";
    private static final String MODEL = "gpt-4o-mini";
    /** HTTP/1.1 as SDKs speak it; the JDK's default h2c upgrade attempt is not what is under test. */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Map<String, FakeOpenAi> FAKES = new TreeMap<>();
    private static GatewayServer gateway;
    private static final List<String> TABLE = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        StringBuilder yaml = new StringBuilder("model_list:\n");
        // duo: primary (order 1) then secondary (order 2), so the first attempt is known; backup: the fallback group
        deployment(yaml, "duo", "primary", 1, 1);
        deployment(yaml, "duo", "secondary", 1, 2);
        deployment(yaml, "backup", "backup", 1, 1);
        deployment(yaml, "pool", "p-w5", 5, 1);
        deployment(yaml, "pool", "p-w3", 3, 1);
        deployment(yaml, "pool", "p-w2-failing", 2, 1);
        yaml.append("""
                router_settings:
                  num_retries: 2
                  allowed_fails: 3
                  cooldown_time: 1
                  timeout: 2
                  stream_timeout: 1
                  fallbacks: [{duo: [backup]}]
                general_settings:
                  master_key: %s
                """.formatted(MASTER));
        gateway = GatewayServer.start("router", yaml.toString(), Map.of());
    }

    private static void deployment(StringBuilder yaml, String group, String id, int weight, int order) {
        FakeOpenAi fake = FakeOpenAi.start(0, "sk-" + id);
        FAKES.put(id, fake);
        yaml.append("  - model_name: ").append(group).append("\n    litellm_params: {model: openai/").append(MODEL)
                .append(", api_base: \"").append(fake.baseUrl()).append("\", api_key: sk-").append(id)
                .append(", weight: ").append(weight).append(", order: ").append(order)
                .append("}\n    model_info: {id: ").append(id).append("}\n");
    }

    @AfterAll
    static void stop() {
        System.out.println("\n| injected fault | what the client saw | attempts (deployment × calls) |");
        System.out.println("|---|---|---|");
        TABLE.forEach(System.out::println);
        if (gateway != null) {
            gateway.close();
        }
        FAKES.values().forEach(FakeOpenAi::close);
    }

    private static HttpResponse<String> post(String model, boolean stream) throws Exception {
        return post(model, stream, "");
    }

    private static HttpResponse<String> post(String model, boolean stream, String moreFields) throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]"
                + (stream ? ",\"stream\":true" : "") + moreFields + "}";
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Plays one fault on the given deployments, calls once, and records a row of the table. */
    private static HttpResponse<String> row(String fault, boolean stream, Map<String, Scenario> scenarios)
            throws Exception {
        Thread.sleep(1100); // past any cooldown left by the previous row
        FAKES.values().forEach(FakeOpenAi::clearScenarios);
        scenarios.forEach((id, s) -> FAKES.get(id).scenario(MODEL, s));
        Map<String, Integer> before = counts();
        long started = System.nanoTime();
        HttpResponse<String> r = post("duo", stream);
        long ms = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> attempts = new TreeMap<>();
        counts().forEach((id, n) -> {
            if (n - before.get(id) > 0) {
                attempts.put(id, n - before.get(id));
            }
        });
        String seen = r.statusCode() + (stream ? " SSE" : "") + ", served by "
                + r.headers().firstValue("x-litellm-model-id").orElse("-") + ", retries="
                + r.headers().firstValue("x-litellm-attempted-retries").orElse("-") + ", fallbacks="
                + r.headers().firstValue("x-litellm-attempted-fallbacks").orElse("-") + outcome(r, stream)
                + " (" + ms + " ms)";
        TABLE.add("| " + fault + " | " + seen + " | " + attempts + " |");
        for (String header : r.headers().map().keySet()) {
            assertFalse(r.headers().allValues(header).toString().contains("127.0.0.1"), "no upstream address");
        }
        return r;
    }

    private static String outcome(HttpResponse<String> r, boolean stream) {
        if (r.statusCode() != 200) {
            return ", error " + r.body().replaceAll(".*\"code\":\"?([a-z_]+).*", "$1").trim();
        }
        if (!stream) {
            return "";
        }
        return r.body().contains("\"error\"") ? ", chunks then error event " + r.body()
                .replaceAll("(?s).*\"error\".*?\"code\":\"?([a-z_]+).*", "$1").trim()
                : r.body().contains("[DONE]") ? ", complete stream" : ", stream ended without [DONE]";
    }

    private static Map<String, Integer> counts() {
        Map<String, Integer> counts = new TreeMap<>();
        FAKES.forEach((id, fake) -> counts.put(id, fake.requestCount()));
        return counts;
    }

    @Test
    void faultsAreAbsorbedWhenAnotherDeploymentCanServe() throws Exception {
        HttpResponse<String> r = row("none", false, Map.of());
        assertEquals(200, r.statusCode());
        assertEquals("primary", r.headers().firstValue("x-litellm-model-id").orElseThrow());
        assertEquals("duo", r.headers().firstValue("x-litellm-model-group").orElseThrow());

        for (var fault : List.of(
                Map.entry("500 on primary", Scenario.openAiServerError()),
                Map.entry("429 Retry-After: 1 on primary", Scenario.openAiRateLimited(1)),
                Map.entry("connection reset mid-body on primary", (Scenario) new Scenario.CutStream(0)),
                Map.entry("hang on primary (timeout 2 s)", (Scenario) new Scenario.HangStream()))) {
            r = row(fault.getKey(), false, Map.of("primary", fault.getValue()));
            assertEquals(200, r.statusCode(), fault.getKey());
            assertEquals("secondary", r.headers().firstValue("x-litellm-model-id").orElseThrow(), fault.getKey());
            assertEquals("1", r.headers().firstValue("x-litellm-attempted-retries").orElseThrow());
        }
        // The last row waited 2 s on the hung primary: upstream time, not the gateway's own overhead.
        double response = Double.parseDouble(r.headers().firstValue("x-litellm-response-duration-ms").orElseThrow());
        double overhead = Double.parseDouble(r.headers().firstValue("x-litellm-overhead-duration-ms").orElseThrow());
        assertTrue(response >= 2000, "response duration " + response);
        assertTrue(overhead >= 0 && overhead < 1000 && overhead < response, "overhead " + overhead);

        r = row("slow first byte (3 s, stream_timeout 1 s) on primary, stream", true,
                Map.of("primary", new Scenario.Delay(Duration.ofSeconds(3))));
        assertEquals(200, r.statusCode());
        assertEquals("secondary", r.headers().firstValue("x-litellm-model-id").orElseThrow());
        assertTrue(r.body().contains("[DONE]"));

        r = row("stream cut before the first chunk on primary", true, Map.of("primary", new Scenario.CutStream(0)));
        assertEquals("secondary", r.headers().firstValue("x-litellm-model-id").orElseThrow());
        assertTrue(r.body().contains("[DONE]") && !r.body().contains("\"error\""));

        r = row("500 on both duo deployments (fallback to backup)", false, Map.of("primary",
                Scenario.openAiServerError(), "secondary", Scenario.openAiServerError()));
        assertEquals(200, r.statusCode());
        assertEquals("backup", r.headers().firstValue("x-litellm-model-id").orElseThrow());
        assertEquals("backup", r.headers().firstValue("x-litellm-model-group").orElseThrow());
        assertEquals("1", r.headers().firstValue("x-litellm-attempted-fallbacks").orElseThrow());
    }

    @Test
    void failuresNoDeploymentCouldAbsorbAreBoundedAndClear() throws Exception {
        Map<String, Integer> before = counts();
        HttpResponse<String> r = row("stream cut after 2 chunks on primary", true,
                Map.of("primary", new Scenario.CutStream(2)));
        assertEquals(200, r.statusCode(), "committed: the first chunk had reached the client");
        assertTrue(r.body().contains("\"error\"") && r.body().contains("upstream_stream_broken"), r.body());
        assertFalse(r.body().contains("\"finish_reason\":\"stop\""), "no synthesized finish_reason");
        assertEquals(before.get("secondary"), FAKES.get("secondary").requestCount(), "no retry after the commit");

        r = row("stream hangs after its first chunk on primary (idle timeout 1 s)", true,
                Map.of("primary", new Scenario.HangStream()));
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("\"error\"") && r.body().contains("timeout"), r.body());

        before = counts();
        Scenario down = Scenario.openAiServerError();
        r = row("500 on every deployment of duo and backup", false,
                Map.of("primary", down, "secondary", down, "backup", down));
        assertEquals(502, r.statusCode());
        int attempts = 0;
        for (String id : List.of("primary", "secondary", "backup")) {
            attempts += FAKES.get(id).requestCount() - before.get(id);
        }
        assertEquals(6, attempts, "1 + num_retries 2 on duo, then the same on backup");

        before = counts();
        r = row("400 invalid request from primary", false, Map.of("primary",
                new Scenario.Error(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\","
                        + "\"param\":\"temperature\",\"code\":\"invalid_value\"}}")));
        assertEquals(400, r.statusCode());
        assertEquals(1, FAKES.get("primary").requestCount() - before.get("primary"), "not retried");
    }

    @Test
    void perRequestRouterFieldsApplyAndAreNotSentUpstream() throws Exception {
        Thread.sleep(1100);
        FAKES.values().forEach(FakeOpenAi::clearScenarios);
        FAKES.get("primary").scenario(MODEL, Scenario.openAiServerError());
        Map<String, Integer> before = counts();
        HttpResponse<String> r = post("duo", false, ",\"num_retries\":0,\"fallbacks\":[\"pool\"],\"user\":\"u1\"");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("pool", r.headers().firstValue("x-litellm-model-group").orElseThrow(),
                "the call's own fallbacks replace duo's configured [backup]");
        assertEquals("0", r.headers().firstValue("x-litellm-attempted-retries").orElseThrow());
        assertEquals(before.get("secondary"), FAKES.get("secondary").requestCount(), "num_retries: 0");
        String sent = FAKES.get(r.headers().firstValue("x-litellm-model-id").orElseThrow()).lastRequest().body().toString();
        assertTrue(sent.contains("\"user\":\"u1\""), sent);
        assertFalse(sent.contains("num_retries") || sent.contains("fallbacks"), "router fields stay in the gateway");

        r = post("duo", false, ",\"tags\":[\"gpu\"]");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("no_deployment_for_tags"), r.body());
    }

    @Test
    void aThousandCallsOverThreeWeightedDeploymentsWithOneFailing() throws Exception {
        FAKES.get("p-w2-failing").scenario(MODEL, Scenario.openAiServerError());
        Map<String, Integer> before = counts();
        Map<String, AtomicInteger> servedBy = new ConcurrentHashMap<>();
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            done.add(pool.submit(() -> {
                HttpResponse<String> r = post("pool", false);
                if (r.statusCode() == 200) {
                    ok.incrementAndGet();
                } else {
                    failures.add(r.statusCode() + " " + r.body());
                }
                servedBy.computeIfAbsent(r.headers().firstValue("x-litellm-model-id").orElse("none"),
                        k -> new AtomicInteger()).incrementAndGet();
                if (!"0".equals(r.headers().firstValue("x-litellm-attempted-retries").orElse("0"))) {
                    retried.incrementAndGet();
                }
                return null;
            }));
        }
        try {
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long seconds = (System.nanoTime() - started) / 1_000_000;
        Map<String, Integer> upstream = new TreeMap<>();
        counts().forEach((id, n) -> {
            if (id.startsWith("p-")) {
                upstream.put(id, n - before.get(id));
            }
        });
        System.out.println("\n1,000 calls to 'pool' (weights 5/3/2, p-w2-failing answers 500), 8 clients, "
                + seconds + " ms: success " + ok.get() + "/1000; served by " + new TreeMap<>(servedBy)
                + "; calls that needed a retry: " + retried.get() + "; upstream attempts " + upstream);
        assertEquals(1000, ok.get(), "every call absorbed by the two healthy deployments; failed: " + failures);
        int w5 = servedBy.get("p-w5").get();
        int w3 = servedBy.get("p-w3").get();
        assertTrue(Math.abs(w5 / (double) (w5 + w3) - 5 / 8.0) < 0.06, "healthy ones keep their 5:3 ratio");
        assertTrue(upstream.get("p-w2-failing") < 200, "cooldowns keep the failing one far below its 20% share");
    }
}
