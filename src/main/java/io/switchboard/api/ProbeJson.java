package io.switchboard.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.chat.WireJson;
import io.switchboard.probe.ProbeResult;
import java.io.IOException;
import java.util.List;

/**
 * LiteLLM's {@code /health} body: {@code healthy_endpoints}, {@code unhealthy_endpoints} and their
 * counts. An endpoint is named by model, group and deployment id; LiteLLM also echoes
 * {@code api_base}, which Switchboard never shows.
 */
final class ProbeJson {
    private ProbeJson() {
    }

    static String render(List<ProbeResult> results) {
        return WireJson.render(g -> {
            g.writeStartObject();
            writeEndpoints(g, "healthy_endpoints", results, true);
            writeEndpoints(g, "unhealthy_endpoints", results, false);
            g.writeNumberField("healthy_count", results.stream().filter(ProbeResult::healthy).count());
            g.writeNumberField("unhealthy_count", results.stream().filter(r -> !r.healthy()).count());
            g.writeEndObject();
        });
    }

    private static void writeEndpoints(JsonGenerator g, String field, List<ProbeResult> results, boolean healthy)
            throws IOException {
        g.writeArrayFieldStart(field);
        for (ProbeResult r : results) {
            if (r.healthy() == healthy) {
                g.writeStartObject();
                g.writeStringField("model", r.model());
                g.writeStringField("model_name", r.modelGroup());
                g.writeStringField("model_id", r.deploymentId());
                if (!healthy) {
                    g.writeStringField("error", r.error());
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
    }
}
