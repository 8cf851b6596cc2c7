package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code guardrail: pii}: finds personal data in-process (no Presidio server needed) and masks or blocks it.
 * Settings, as LiteLLM's Presidio guardrail names them:
 * <ul>
 * <li>{@code pii_entities_config: {EMAIL_ADDRESS: MASK, CREDIT_CARD: BLOCK, ...}}: the entities to look for
 *     and what to do; every entity is masked when absent;</li>
 * <li>{@code output_parse_pii: true}: masks with numbered placeholders ({@code <EMAIL_ADDRESS_1>}) and puts
 *     the original values back into the answer, so the provider never sees them but the client does.</li>
 * </ul>
 */
@ApplicationScoped
@Named("pii")
public class PiiGuardrail implements Guardrail {

    @Override
    public void validate(JsonNode params) {
        entities(params);
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        Map<PiiEntity, Finding.Action> entities = entities(check.params());
        boolean numbered = check.params().path("output_parse_pii").asBoolean(false);
        Map<String, String> restore = new LinkedHashMap<>();
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String text : check.strings()) {
            if (text == null || text.isEmpty()) {
                out.add(text);
                continue;
            }
            List<Finding> findings = find(text, entities);
            for (Finding f : findings) {
                if (f.action() == Finding.Action.BLOCK) {
                    return Verdict.block("found personal data (" + f.kind() + ") in the "
                            + (check.phase() == GuardrailCheck.Phase.PRE_CALL ? "prompt" : "answer") + ".");
                }
            }
            if (findings.isEmpty()) {
                out.add(text);
                continue;
            }
            changed = true;
            out.add(Finding.replace(text, findings, f -> {
                if (!numbered) {
                    return "<" + f.kind() + ">";
                }
                String placeholder = "<" + f.kind() + "_" + (restore.size() + 1) + ">";
                restore.put(placeholder, text.substring(f.start(), f.end()));
                return placeholder;
            }));
        }
        return changed ? new Verdict.Rewrite(out, restore) : Verdict.ALLOW;
    }

    static List<Finding> find(String text, Map<PiiEntity, Finding.Action> entities) {
        BoundedText bounded = BoundedText.of(text);
        List<Finding> findings = new ArrayList<>();
        entities.forEach((entity, action) -> {
            for (int[] span : entity.find(bounded)) {
                findings.add(new Finding(span[0], span[1], entity.name(), action));
            }
        });
        return findings;
    }

    static Map<PiiEntity, Finding.Action> entities(JsonNode params) {
        Map<PiiEntity, Finding.Action> entities = new EnumMap<>(PiiEntity.class);
        JsonNode config = params.path("pii_entities_config");
        if (!config.isObject() || config.isEmpty()) {
            for (PiiEntity e : PiiEntity.values()) {
                entities.put(e, Finding.Action.MASK);
            }
            return entities;
        }
        config.fields().forEachRemaining(field -> {
            PiiEntity entity = PiiEntity.named(field.getKey());
            if (entity == null) {
                throw new IllegalArgumentException("pii_entities_config: unknown entity '" + field.getKey()
                        + "'; known: EMAIL_ADDRESS, PHONE_NUMBER, CREDIT_CARD, IBAN_CODE, US_SSN, IP_ADDRESS.");
            }
            entities.put(entity, action(field.getValue().asText(""), "pii_entities_config." + field.getKey()));
        });
        return entities;
    }

    static Finding.Action action(String value, String path) {
        return switch (value.toUpperCase(java.util.Locale.ROOT)) {
            case "MASK" -> Finding.Action.MASK;
            case "BLOCK" -> Finding.Action.BLOCK;
            default -> throw new IllegalArgumentException(path + ": expected MASK or BLOCK.");
        };
    }
}
