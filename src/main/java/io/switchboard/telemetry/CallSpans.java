package io.switchboard.telemetry;

import static io.switchboard.telemetry.GenAiAttributes.CACHE_HIT;
import static io.switchboard.telemetry.GenAiAttributes.CALL_ID;
import static io.switchboard.telemetry.GenAiAttributes.COST_USD;
import static io.switchboard.telemetry.GenAiAttributes.DEPLOYMENT_ID;
import static io.switchboard.telemetry.GenAiAttributes.ERROR_TYPE;
import static io.switchboard.telemetry.GenAiAttributes.FALLBACKS;
import static io.switchboard.telemetry.GenAiAttributes.INPUT_TOKENS;
import static io.switchboard.telemetry.GenAiAttributes.KEY_ALIAS;
import static io.switchboard.telemetry.GenAiAttributes.MODEL_GROUP;
import static io.switchboard.telemetry.GenAiAttributes.OUTCOME;
import static io.switchboard.telemetry.GenAiAttributes.OUTPUT_TOKENS;
import static io.switchboard.telemetry.GenAiAttributes.PROVIDER;
import static io.switchboard.telemetry.GenAiAttributes.RETRIES;
import static io.switchboard.telemetry.GenAiAttributes.STREAM;
import static io.switchboard.telemetry.GenAiAttributes.TEAM;
import static io.switchboard.telemetry.GenAiAttributes.TIME_TO_FIRST_TOKEN;

import io.opentelemetry.api.trace.Span;
import io.switchboard.call.RequestCompleted;
import io.switchboard.call.Served;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * The end of a call, seen on the request thread while its server span (Liberty's span for the HTTP
 * request) is still open: the gateway's own attributes go on that span (call id, model group,
 * deployment, key alias, tokens, cost, retries, fallbacks, cache hit, time to first token), and the
 * gateway's overhead (total time minus the time its attempts waited for providers) is measured.
 * This is the one synchronous observer of {@link RequestCompleted}: it only sets attributes and adds
 * to counters, so it costs the request nothing it would notice.
 */
@ApplicationScoped
public class CallSpans {
    @Inject
    GatewayMetrics metrics;

    void ended(@Observes RequestCompleted call) {
        long upstream = UpstreamTime.take();
        Served served = call.served();
        if (served != null && upstream >= 0) {
            Duration gatewayPart = call.stream() && call.timeToFirstChunk() != null ? call.timeToFirstChunk()
                    : call.duration();
            metrics.overhead(served, gatewayPart.toNanos() - upstream);
        }
        Span span = Span.current();
        if (!span.isRecording()) {
            return;
        }
        span.setAttribute(CALL_ID, call.callId());
        span.setAttribute(STREAM, call.stream());
        span.setAttribute(OUTCOME, call.outcome().name().toLowerCase(Locale.ROOT));
        if (call.requestedModel() != null) {
            span.setAttribute(MODEL_GROUP, call.requestedModel());
        }
        if (call.caller() != null) {
            span.setAttribute(KEY_ALIAS, call.caller().label());
        }
        String team = GatewayMetrics.teamOf(call.caller());
        if (!team.isEmpty()) {
            span.setAttribute(TEAM, team);
        }
        if (served != null) {
            span.setAttribute(DEPLOYMENT_ID, served.deploymentId());
            span.setAttribute(PROVIDER, GenAiAttributes.providerName(served.provider()));
            span.setAttribute(INPUT_TOKENS, call.tokens().input());
            span.setAttribute(OUTPUT_TOKENS, call.tokens().output());
            span.setAttribute(COST_USD, BigDecimal.valueOf(GatewayMetrics.nanoDollars(served.facts(),
                    call.tokens().input(), call.tokens().output()), 9).stripTrailingZeros().toPlainString());
        }
        span.setAttribute(RETRIES, call.retries());
        span.setAttribute(FALLBACKS, call.fallbacks());
        span.setAttribute(CACHE_HIT, call.cacheHit());
        if (call.timeToFirstChunk() != null) {
            span.setAttribute(TIME_TO_FIRST_TOKEN, call.timeToFirstChunk().toNanos() / 10_000 / 100.0);
        }
        if (call.errorType() != null) {
            span.setAttribute(ERROR_TYPE, call.errorType());
        }
    }
}
