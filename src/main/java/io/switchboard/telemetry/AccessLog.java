package io.switchboard.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.call.RequestCompleted;
import io.switchboard.chat.WireJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One JSON line per LLM call on the {@code io.switchboard.access} logger: ids, model group,
 * deployment, outcome, tokens and durations. Never the key, the prompt or the upstream address.
 * Switched off with {@code switchboard.access-log.enabled=false} (MicroProfile Config).
 */
@ApplicationScoped
public class AccessLog {
    static final Logger LOG = Logger.getLogger("io.switchboard.access");

    @Inject
    @ConfigProperty(name = "switchboard.access-log.enabled", defaultValue = "true")
    boolean enabled;

    void record(@ObservesAsync RequestCompleted call) {
        if (enabled && LOG.isLoggable(Level.INFO)) {
            LOG.info(line(call));
        }
    }

    static String line(RequestCompleted call) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = WireJson.generator(out)) {
            g.writeStartObject();
            g.writeStringField("call_id", call.callId());
            g.writeStringField("route", call.route());
            g.writeStringField("caller", call.caller() == null ? null : call.caller().label());
            g.writeStringField("model_group", call.requestedModel());
            if (call.served() != null) {
                g.writeStringField("deployment", call.served().deploymentId());
                g.writeStringField("provider", call.served().provider());
                g.writeStringField("upstream_model", call.served().upstreamModel());
            }
            g.writeNumberField("status", call.status());
            g.writeStringField("outcome", call.outcome().name().toLowerCase(java.util.Locale.ROOT));
            if (call.errorType() != null) {
                g.writeStringField("error_type", call.errorType());
            }
            g.writeBooleanField("stream", call.stream());
            g.writeNumberField("input_tokens", call.tokens().input());
            g.writeNumberField("output_tokens", call.tokens().output());
            g.writeNumberField("duration_ms", millis(call.duration()));
            if (call.timeToFirstChunk() != null) {
                g.writeNumberField("time_to_first_chunk_ms", millis(call.timeToFirstChunk()));
            }
            g.writeNumberField("retries", call.retries());
            g.writeNumberField("fallbacks", call.fallbacks());
            g.writeBooleanField("cache_hit", call.cacheHit());
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static double millis(Duration duration) {
        return duration.toNanos() / 10_000 / 100.0;
    }
}
