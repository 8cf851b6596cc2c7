package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/**
 * {@code guardrail: max_input_size}: refuses prompts longer than {@code max_input_chars} characters or
 * (estimated at four characters a token) {@code max_input_tokens} tokens, before any provider is paid
 * to read them.
 */
@ApplicationScoped
@Named("max_input_size")
public class MaxInputSizeGuardrail implements Guardrail {

    @Override
    public void validate(JsonNode params) {
        if (!params.path("max_input_chars").canConvertToLong() && !params.path("max_input_tokens").canConvertToLong()) {
            throw new IllegalArgumentException("set max_input_chars or max_input_tokens (a positive number).");
        }
    }

    @Override
    public Verdict check(GuardrailCheck check) {
        long chars = 0;
        for (String text : check.strings()) {
            chars += text == null ? 0 : text.length();
        }
        long maxChars = params(check.params(), "max_input_chars");
        long maxTokens = params(check.params(), "max_input_tokens");
        if (chars > maxChars) {
            return Verdict.block("limits input to " + maxChars + " characters; this one has " + chars + ".");
        }
        if ((chars + 3) / 4 > maxTokens) {
            return Verdict.block("limits input to " + maxTokens + " tokens; this one has about " + (chars + 3) / 4
                    + ".");
        }
        return Verdict.ALLOW;
    }

    private static long params(JsonNode params, String name) {
        JsonNode n = params.path(name);
        return n.canConvertToLong() && n.asLong() > 0 ? n.asLong() : Long.MAX_VALUE;
    }
}
