package io.switchboard.telemetry;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.chat.WireJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@link CallbackEvent} in LiteLLM's {@code StandardLoggingPayload} field names, as a one-element
 * JSON array (the generic API callback's default {@code json_array} format). Times are epoch seconds
 * with a fraction, as LiteLLM sends them.
 */
final class CallbackJson {
    private CallbackJson() {
    }

    static byte[] array(CallbackEvent e) {
        return WireJson.render(g -> {
            g.writeStartArray();
            write(g, e);
            g.writeEndArray();
        }).getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, CallbackEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", e.id());
        g.writeStringField("call_type", e.callType());
        g.writeStringField("status", e.status());
        g.writeStringField("model", e.model());
        g.writeStringField("model_group", e.modelGroup());
        g.writeStringField("model_id", e.modelId());
        g.writeStringField("custom_llm_provider", e.provider());
        g.writeBooleanField("stream", e.stream());
        g.writeNumberField("prompt_tokens", e.promptTokens());
        g.writeNumberField("completion_tokens", e.completionTokens());
        g.writeNumberField("total_tokens", e.promptTokens() + e.completionTokens());
        g.writeNumberField("response_cost", e.cost());
        g.writeNumberField("startTime", epochSeconds(e.startTime()));
        g.writeNumberField("endTime", epochSeconds(e.endTime()));
        if (e.completionStartTime() != null) {
            g.writeNumberField("completionStartTime", epochSeconds(e.completionStartTime()));
        }
        g.writeNumberField("response_time", Duration.between(e.startTime(), e.endTime()).toNanos() / 1e9);
        g.writeBooleanField("cache_hit", e.cacheHit());
        g.writeObjectFieldStart("metadata");
        g.writeStringField("user_api_key_alias", e.keyAlias());
        g.writeNumberField("attempted_retries", e.retries());
        g.writeNumberField("attempted_fallbacks", e.fallbacks());
        g.writeEndObject();
        if (e.errorClass() != null || !e.succeeded()) {
            g.writeObjectFieldStart("error_information");
            g.writeStringField("error_code", Integer.toString(e.statusCode()));
            g.writeStringField("error_class", e.errorClass());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static double epochSeconds(Instant t) {
        return t.getEpochSecond() + t.getNano() / 1e9;
    }
}
