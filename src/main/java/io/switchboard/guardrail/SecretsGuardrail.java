package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * {@code guardrail: hide-secrets} (LiteLLM's name): API keys of common providers, AWS keys, private key
 * blocks, JWTs and bearer tokens. {@code action: MASK} (the default, as LiteLLM's) replaces each with
 * {@code [REDACTED_<KIND>]}; {@code action: BLOCK} refuses the call.
 */
@ApplicationScoped
@Named("hide-secrets")
public class SecretsGuardrail implements Guardrail {

    @Override
    public void validate(JsonNode params) {
        action(params);
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        Finding.Action action = action(check.params());
        List<String> out = new ArrayList<>();
        boolean changed = false;
        for (String text : check.strings()) {
            List<Finding> findings = text == null ? List.of() : find(text, action);
            if (findings.isEmpty()) {
                out.add(text);
                continue;
            }
            if (action == Finding.Action.BLOCK) {
                return Verdict.block("found a secret (" + findings.get(0).kind() + ") in the "
                        + (check.phase() == GuardrailCheck.Phase.PRE_CALL ? "prompt" : "answer") + ".");
            }
            changed = true;
            out.add(Finding.replace(text, findings, f -> "[REDACTED_" + f.kind().toUpperCase(java.util.Locale.ROOT)
                    + "]"));
        }
        return changed ? new Verdict.Rewrite(out, Map.of()) : Verdict.ALLOW;
    }

    static List<Finding> find(String text, Finding.Action action) {
        BoundedText bounded = BoundedText.of(text);
        List<Finding> findings = new ArrayList<>();
        for (SecretKind kind : SecretKind.values()) {
            Matcher m = kind.pattern.matcher(bounded);
            while (m.find()) {
                findings.add(new Finding(m.start(), m.end(), kind.label(), action));
            }
        }
        return findings;
    }

    private static Finding.Action action(JsonNode params) {
        return PiiGuardrail.action(params.path("action").asText("MASK"), "action");
    }
}
