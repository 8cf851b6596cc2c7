package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Map;

/**
 * {@code guardrail: lakera_v2}: Lakera Guard's v2 API ({@code POST <api_base>/v2/guard} with the
 * conversation; {@code {"flagged": true}} blocks). Settings: {@code api_key}, {@code api_base} (default
 * Lakera's), {@code project_id}, {@code timeout}, {@code unreachable_fallback}. Any service with the
 * same request and answer shape can stand in.
 */
@ApplicationScoped
@Named("lakera_v2")
public class LakeraGuardrail implements Guardrail {
    static final String DEFAULT_BASE = "https://api.lakera.ai";

    @Inject
    GuardrailHttp http;

    @Override
    public void validate(JsonNode params) {
        GuardrailHttp.endpoint(params, "api_base", DEFAULT_BASE, "/v2/guard");
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode messages = body.putArray("messages");
        for (GuardrailCheck.Text t : check.texts()) {
            if (t.text() != null) {
                messages.addObject().put("role", t.role()).put("content", t.text());
            }
        }
        if (check.params().hasNonNull("project_id")) {
            body.put("project_id", check.params().path("project_id").asText());
        }
        String key = check.params().path("api_key").asText("");
        JsonNode answer = http.post(GuardrailHttp.endpoint(check.params(), "api_base", DEFAULT_BASE, "/v2/guard"),
                key.isBlank() ? Map.of() : Map.of("Authorization", "Bearer " + key), body,
                GuardrailHttp.timeout(check.params()));
        if (!answer.path("flagged").isBoolean()) {
            throw new GuardrailHttp.ServiceFailure("lakera answered no 'flagged' field");
        }
        return answer.path("flagged").asBoolean()
                ? Verdict.block("flagged the " + (check.phase() == GuardrailCheck.Phase.PRE_CALL ? "prompt" : "answer")
                + " (Lakera Guard).")
                : Verdict.ALLOW;
    }
}
