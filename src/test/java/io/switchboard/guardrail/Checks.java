package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.List;

/** Builds checks for the guardrail unit tests. */
final class Checks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Checks() {
    }

    static JsonNode params(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static GuardrailCheck prompt(String paramsJson, String... userTexts) {
        return new GuardrailCheck("test", GuardrailCheck.Phase.PRE_CALL,
                Arrays.stream(userTexts).map(t -> new GuardrailCheck.Text("user", t)).toList(), params(paramsJson));
    }

    static List<String> rewritten(Verdict verdict) {
        if (verdict instanceof Verdict.Rewrite r) {
            return r.texts();
        }
        throw new AssertionError("expected a rewrite, got " + verdict);
    }
}
