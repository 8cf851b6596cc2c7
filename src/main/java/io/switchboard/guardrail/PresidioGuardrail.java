package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code guardrail: presidio}: Microsoft Presidio as a service, with LiteLLM's settings:
 * {@code presidio_analyzer_api_base} ({@code POST /analyze}), {@code presidio_anonymizer_api_base}
 * ({@code POST /anonymize}), {@code presidio_language}, {@code pii_entities_config} (entity → MASK or
 * BLOCK; without it every entity found is masked), {@code output_parse_pii}, plus {@code timeout} and
 * {@code unreachable_fallback}. With {@code output_parse_pii} the gateway masks from the analyzer's spans
 * itself, with numbered placeholders it can restore; otherwise the anonymizer's text is used as is.
 */
@ApplicationScoped
@Named("presidio")
public class PresidioGuardrail implements Guardrail {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Inject
    GuardrailHttp http;

    @Override
    public void validate(JsonNode params) {
        GuardrailHttp.endpoint(params, "presidio_analyzer_api_base", null, "/analyze");
        if (!params.path("output_parse_pii").asBoolean(false)) {
            GuardrailHttp.endpoint(params, "presidio_anonymizer_api_base", null, "/anonymize");
        }
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        JsonNode params = check.params();
        JsonNode entities = params.path("pii_entities_config");
        boolean numbered = params.path("output_parse_pii").asBoolean(false);
        Map<String, String> restore = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String text : check.strings()) {
            if (text == null || text.isBlank()) {
                out.add(text);
                continue;
            }
            JsonNode results = analyze(params, text, entities);
            List<Finding> findings = new ArrayList<>();
            for (JsonNode r : results) {
                String type = r.path("entity_type").asText("PII");
                String action = entities.isObject() ? entities.path(type).asText("") : "MASK";
                if ("BLOCK".equalsIgnoreCase(action)) {
                    return Verdict.block("found personal data (" + type + ") in the "
                            + (check.phase() == GuardrailCheck.Phase.PRE_CALL ? "prompt" : "answer") + ".");
                }
                int start = r.path("start").asInt(-1);
                int end = r.path("end").asInt(-1);
                if ("MASK".equalsIgnoreCase(action) && start >= 0 && end > start && end <= text.length()) {
                    findings.add(new Finding(start, end, type, Finding.Action.MASK));
                }
            }
            if (findings.isEmpty()) {
                out.add(text);
                continue;
            }
            changed = true;
            if (numbered) {
                out.add(Finding.replace(text, findings, f -> {
                    String placeholder = "<" + f.kind() + "_" + (restore.size() + 1) + ">";
                    restore.put(placeholder, text.substring(f.start(), f.end()));
                    return placeholder;
                }));
            } else {
                out.add(anonymize(params, text, results));
            }
        }
        return changed ? new Verdict.Rewrite(out, restore) : Verdict.ALLOW;
    }

    private JsonNode analyze(JsonNode params, String text, JsonNode entities) {
        ObjectNode body = NODES.objectNode().put("text", text)
                .put("language", params.path("presidio_language").asText("en"));
        if (entities.isObject() && !entities.isEmpty()) {
            entities.fieldNames().forEachRemaining(body.putArray("entities")::add);
        }
        JsonNode results = http.post(GuardrailHttp.endpoint(params, "presidio_analyzer_api_base", null, "/analyze"),
                Map.of(), body, GuardrailHttp.timeout(params));
        if (!results.isArray()) {
            throw new GuardrailHttp.ServiceFailure("presidio analyzer answered no result list");
        }
        return results;
    }

    private String anonymize(JsonNode params, String text, JsonNode results) {
        ObjectNode body = NODES.objectNode().put("text", text);
        body.set("analyzer_results", results);
        JsonNode answer = http.post(GuardrailHttp.endpoint(params, "presidio_anonymizer_api_base", null,
                "/anonymize"), Map.of(), body, GuardrailHttp.timeout(params));
        if (!answer.path("text").isTextual()) {
            throw new GuardrailHttp.ServiceFailure("presidio anonymizer answered no text");
        }
        return answer.path("text").asText();
    }
}
