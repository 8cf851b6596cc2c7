package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * The one place external guardrail services are called. Each call has the guardrail's own
 * {@code timeout} (on the HTTP request); MicroProfile Fault Tolerance adds the envelope DESIGN.md asks
 * for around remote guardrails: an outer deadline, a circuit breaker so a dead service is skipped
 * quickly instead of costing every call its full timeout, and a bulkhead. All three are tunable through
 * MP Config ({@code io.switchboard.guardrail.GuardrailHttp/post/CircuitBreaker/delay=...}). Failures
 * surface as exceptions; the guardrail's {@code unreachable_fallback} decides what they mean.
 */
@ApplicationScoped
public class GuardrailHttp {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** A guardrail service answered with an error status or something that is not JSON. */
    public static final class ServiceFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ServiceFailure(String message) {
            super(message, null, false, false);
        }
    }

    @Timeout(value = 30, unit = ChronoUnit.SECONDS)
    @CircuitBreaker(requestVolumeThreshold = 20, failureRatio = 0.5, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Bulkhead(200)
    public JsonNode post(URI uri, Map<String, String> headers, JsonNode body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new ServiceFailure("guardrail service answered " + response.statusCode());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new ServiceFailure("guardrail service unreachable or timed out (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceFailure("interrupted");
        }
    }

    /** {@code timeout} in seconds from a guardrail's settings (LiteLLM's name), 5 s by default. */
    static Duration timeout(JsonNode params) {
        double seconds = params.path("timeout").asDouble(5);
        return Duration.ofMillis(Math.max(1, Math.round(seconds * 1000)));
    }

    /** A base URL from the settings joined with a path; the settings are the operator's, never the client's. */
    static URI endpoint(JsonNode params, String field, String fallback, String path) {
        String base = params.path(field).asText(fallback == null ? "" : fallback);
        if (base.isBlank()) {
            throw new IllegalArgumentException(field + ": missing.");
        }
        if (!base.startsWith("http://") && !base.startsWith("https://")) {
            throw new IllegalArgumentException(field + ": must be an http(s) URL.");
        }
        return URI.create(base.replaceAll("/+$", "") + path);
    }
}
