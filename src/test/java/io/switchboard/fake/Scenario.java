package io.switchboard.fake;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a fake provider does for one model (OpenAI) or deployment (Azure) instead of its normal answer, so gateway
 * tests can drive retries, timeouts, fallbacks and stream failures over real HTTP. Register one with
 * {@code fake.scenario("gpt-4o-mini", scenario)}. Auth and request validation still run first, as upstream.
 * Scenarios compose: {@link Delay} wraps another one, {@link Sequence} plays one per call.
 */
public sealed interface Scenario {

    /** The provider's normal, deterministic answer. */
    Scenario NORMAL = new Normal();

    record Normal() implements Scenario {
    }

    /**
     * Answer with this status, body and headers. Content-Type defaults to application/json, and the provider's
     * usual headers (request id, rate-limit) are added unless {@code headers} overrides them.
     */
    record Error(int status, String body, Map<String, String> headers) implements Scenario {
        public Error {
            headers = Map.copyOf(headers);
        }

        public Error(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /** Wait (without sending anything, not even headers), then play {@code then}. */
    record Delay(Duration delay, Scenario then) implements Scenario {
        public Delay(Duration delay) {
            this(delay, NORMAL);
        }
    }

    /**
     * Replay a recorded stream verbatim: each payload framed as {@code data: <payload>\n\n}, flushed one by one,
     * then {@code data: [DONE]\n\n} if {@code sendDone}. Sent as a stream even when the request was not streaming.
     */
    record RawStream(List<String> sseDataPayloads, boolean sendDone) implements Scenario {
        public RawStream {
            sseDataPayloads = List.copyOf(sseDataPayloads);
        }
    }

    /** A 200 whose body is not JSON although its Content-Type says so (an HTML error page from a proxy in between). */
    record Garbage(String body) implements Scenario {
        public Garbage() {
            this("<html><head><title>502 Bad Gateway</title></head><body>upstream sent garbage</body></html>");
        }
    }

    /**
     * Send the first {@code afterChunks} events of the normal stream, then drop the connection: no finish_reason,
     * no usage, no [DONE], and no terminating HTTP chunk, so the client sees a broken connection rather than a
     * clean end. For a non-streaming request, half of the JSON body is sent before the connection drops.
     */
    record CutStream(int afterChunks) implements Scenario {
    }

    /**
     * Send the headers and the first event of the normal stream, then stall (no bytes, no keep-alive) until the
     * fake is closed; for a non-streaming request, stall before sending anything. Tests a gateway's read timeout.
     */
    record HangStream() implements Scenario {
    }

    /** Play {@code steps[0]} on the first call, {@code steps[1]} on the second, …, then repeat the last step. */
    record Sequence(List<Scenario> steps) implements Scenario {
        public Sequence {
            if (steps.isEmpty()) {
                throw new IllegalArgumentException("A sequence needs at least one step");
            }
            steps = List.copyOf(steps);
        }

        public static Sequence of(Scenario... steps) {
            return new Sequence(List.of(steps));
        }
    }

    /** OpenAI's 429 (reference §3.1, §3.9): {@code rate_limit_exceeded} plus {@code retry-after}. */
    static Error openAiRateLimited(int retryAfterSeconds) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("retry-after", Integer.toString(retryAfterSeconds));
        headers.put("x-ratelimit-remaining-requests", "0");
        headers.put("x-ratelimit-reset-requests", retryAfterSeconds + "s");
        return new Error(429, OpenAiErrors.rateLimited("gpt-4o-mini", retryAfterSeconds), headers);
    }

    static Error openAiServerError() {
        return new Error(500, OpenAiErrors.serverError());
    }

    static Error openAiOverloaded() {
        return new Error(503, OpenAiErrors.overloaded());
    }

    /**
     * Mistral's error body is top-level, not nested under {@code error} (reference §3.8, recorded):
     * {@code {"object":"error","message":"Rate limit exceeded","type":"rate_limited","param":null,"code":"1300"}}.
     */
    static Error mistralRateLimited() {
        return new Error(429,
                "{\"object\":\"error\",\"message\":\"Rate limit exceeded\",\"type\":\"rate_limited\",\"param\":null,\"code\":\"1300\"}");
    }

    /** Azure's 429 (reference §3.5, §3.9): string code "429", {@code retry-after} and {@code retry-after-ms}. */
    static Error azureRateLimited(int retryAfterSeconds) {
        return new Error(429, AzureErrors.rateLimited(retryAfterSeconds), Map.of(
                "retry-after", Integer.toString(retryAfterSeconds),
                "retry-after-ms", Integer.toString(retryAfterSeconds * 1000),
                "x-ratelimit-remaining-requests", "0"));
    }

    static Error azureContentFiltered() {
        return new Error(400, AzureErrors.contentFiltered());
    }
}
