package io.switchboard.telemetry;

import io.switchboard.call.Outcome;
import io.switchboard.call.RequestCompleted;
import io.switchboard.call.Served;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One finished call as callbacks see it, modelled on LiteLLM's {@code StandardLoggingPayload} so a
 * receiver written for LiteLLM's generic API callback reads the same field names. Never the key, the
 * prompt or the upstream address.
 *
 * @param id         the call id ({@code x-litellm-call-id})
 * @param callType   the route: {@code chat.completions}, {@code embeddings}, ...
 * @param status     {@code success} or {@code failure}
 * @param cost       the cost from the price table in USD (zero when unpriced)
 * @param errorClass OpenAI's error type for a failure, else null
 */
public record CallbackEvent(String id, String callType, String status, String model, String modelGroup,
                            String modelId, String provider, String keyAlias, boolean stream, long promptTokens,
                            long completionTokens, BigDecimal cost, Instant startTime, Instant endTime,
                            Instant completionStartTime, int statusCode, String errorClass, int retries,
                            int fallbacks, boolean cacheHit) {

    static CallbackEvent of(RequestCompleted call) {
        Served served = call.served();
        long in = call.tokens().input();
        long out = call.tokens().output();
        return new CallbackEvent(call.callId(), call.route(), call.outcome() == Outcome.SUCCESS ? "success" : "failure",
                served == null ? call.requestedModel() : served.upstreamModel(), call.requestedModel(),
                served == null ? null : served.deploymentId(), served == null ? null : served.provider(),
                call.caller() == null ? null : call.caller().label(), call.stream(), in, out,
                served == null ? BigDecimal.ZERO : BigDecimal.valueOf(GatewayMetrics.nanoDollars(served.facts(), in, out), 9)
                        .stripTrailingZeros(),
                call.started(), call.finished(), call.firstChunk(), call.status(), call.errorType(), call.retries(),
                call.fallbacks(), call.cacheHit());
    }

    public boolean succeeded() {
        return "success".equals(status);
    }
}
