package io.switchboard.api;

import io.switchboard.chat.WireJson;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;

/** MicroProfile Health's JSON: {@code {"status":"UP","checks":[{"name","status","data"}]}}. */
final class HealthJson {
    private HealthJson() {
    }

    static String render(boolean up, List<HealthCheckResponse> results) {
        return WireJson.render(g -> {
            g.writeStartObject();
            g.writeStringField("status", up ? "UP" : "DOWN");
            g.writeArrayFieldStart("checks");
            for (HealthCheckResponse r : results) {
                g.writeStartObject();
                g.writeStringField("name", r.getName());
                g.writeStringField("status", r.getStatus().name());
                if (r.getData().isPresent() && !r.getData().get().isEmpty()) {
                    g.writeObjectFieldStart("data");
                    for (Map.Entry<String, Object> e : r.getData().get().entrySet()) {
                        g.writeFieldName(e.getKey());
                        if (e.getValue() instanceof Number n) {
                            g.writeNumber(n.longValue());
                        } else if (e.getValue() instanceof Boolean b) {
                            g.writeBoolean(b);
                        } else {
                            g.writeString(String.valueOf(e.getValue()));
                        }
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
