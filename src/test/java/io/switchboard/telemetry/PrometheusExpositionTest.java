package io.switchboard.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import io.switchboard.routing.DeploymentState;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The text format as Prometheus and LiteLLM's dashboards read it, and exact counting under concurrency. */
class PrometheusExpositionTest {

    @Test
    void countersAreWrittenAsPythonsClientWritesThemWithEscapedLabels() {
        CounterFamily c = new CounterFamily("litellm_proxy_total_requests_metric", "Total requests", 0,
                "requested_model", "status_code");
        c.add(2, "gpt-4o", "200");
        c.add(1, "we\"ird\\name\n", "500");
        StringBuilder out = new StringBuilder();
        c.writeTo(out);
        String text = out.toString();
        assertTrue(text.startsWith("# HELP litellm_proxy_total_requests_metric Total requests\n"
                + "# TYPE litellm_proxy_total_requests_metric counter\n"), text);
        assertTrue(text.contains("litellm_proxy_total_requests_metric_total{requested_model=\"gpt-4o\",status_code=\"200\"} 2\n"), text);
        assertTrue(text.contains("{requested_model=\"we\\\"ird\\\\name\\n\",status_code=\"500\"} 1\n"), text);
    }

    @Test
    void spendIsExactInNanoDollars() {
        ModelFacts facts = new ModelFacts(null, null, new BigDecimal("0.00000015"), new BigDecimal("0.0000006"), "chat");
        long nanos = GatewayMetrics.nanoDollars(facts, 1000, 500);
        assertEquals(450_000, nanos); // 1000 × 0.15 µ$ + 500 × 0.6 µ$ = 450 µ$
        CounterFamily spend = new CounterFamily("litellm_spend_metric", "Spend", 9, "model");
        for (int i = 0; i < 3; i++) {
            spend.add(nanos, "gpt-4o-mini");
        }
        assertEquals(new BigDecimal("0.001350000"), spend.value("gpt-4o-mini"));
        StringBuilder out = new StringBuilder();
        spend.writeTo(out);
        assertTrue(out.toString().contains("litellm_spend_metric_total{model=\"gpt-4o-mini\"} 0.001350000\n"), out.toString());
        assertEquals(0, GatewayMetrics.nanoDollars(ModelFacts.UNKNOWN, 1000, 1000));
    }

    @Test
    void histogramBucketsAreCumulativeWithCountAndSum() {
        HistogramFamily h = new HistogramFamily("litellm_request_total_latency_metric", "Latency", "model");
        h.observeNanos(3_000_000, "m");       // 3 ms  → le 0.005
        h.observeNanos(700_000_000, "m");     // 0.7 s → le 1.0
        h.observeNanos(400_000_000_000L, "m"); // 400 s → only +Inf
        StringBuilder out = new StringBuilder();
        h.writeTo(out);
        String text = out.toString();
        assertTrue(text.contains("# TYPE litellm_request_total_latency_metric histogram\n"), text);
        assertTrue(text.contains("_bucket{model=\"m\",le=\"0.005\"} 1\n"), text);
        assertTrue(text.contains("_bucket{model=\"m\",le=\"0.5\"} 1\n"), text);
        assertTrue(text.contains("_bucket{model=\"m\",le=\"1.0\"} 2\n"), text);
        assertTrue(text.contains("_bucket{model=\"m\",le=\"300.0\"} 2\n"), text);
        assertTrue(text.contains("_bucket{model=\"m\",le=\"+Inf\"} 3\n"), text);
        assertTrue(text.contains("litellm_request_total_latency_metric_count{model=\"m\"} 3\n"), text);
        assertTrue(text.contains("litellm_request_total_latency_metric_sum{model=\"m\"} 400.703\n"), text);
    }

    @Test
    void concurrentAddsLoseNothing() throws InterruptedException {
        CounterFamily c = new CounterFamily("t", "t", 0, "k");
        HistogramFamily h = new HistogramFamily("h", "h", "k");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 10_000; i++) {
                    c.add(1, "x");
                    h.observeNanos(1_000_000, "x");
                }
            });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        assertEquals(BigDecimal.valueOf(80_000), c.value("x"));
        assertEquals(80_000, h.count("x"));
    }

    @Test
    void deploymentStateUsesLiteLlmsEncoding() {
        StringBuilder out = new StringBuilder();
        GatewayMetrics.writeDeploymentStates(out, List.of(
                new DeploymentState(deployment("d1"), false, 0, 0),
                new DeploymentState(deployment("d2"), false, 2, 1),
                new DeploymentState(deployment("d3"), true, 0, 0)));
        String text = out.toString();
        assertTrue(text.contains("# TYPE litellm_deployment_state gauge\n"), text);
        assertTrue(text.contains("model_id=\"d1\",api_provider=\"openai\",model_group=\"gpt-4o\"} 0\n"), text);
        assertTrue(text.contains("model_id=\"d2\",api_provider=\"openai\",model_group=\"gpt-4o\"} 1\n"), text);
        assertTrue(text.contains("model_id=\"d3\",api_provider=\"openai\",model_group=\"gpt-4o\"} 2\n"), text);
    }

    private static Deployment deployment(String id) {
        return new Deployment(id, "gpt-4o", "openai", "gpt-4o-2024-08-06", URI.create("https://api.openai.com/v1"),
                "sk-test", null, Duration.ofSeconds(60), Duration.ofSeconds(60), null, null, false);
    }
}
