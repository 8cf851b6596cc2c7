package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One kind of check. Implementations are CDI beans qualified with {@code @Named("<type>")}, where
 * {@code <type>} is what a config entry names in {@code litellm_params.guardrail}; the built-ins use
 * LiteLLM's names where LiteLLM has one. A guardrail is stateless: its settings arrive with each check.
 */
public interface Guardrail {

    /** Decides on the texts of one prompt (pre-call) or one answer (post-call). */
    Verdict check(GuardrailCheck check);

    /**
     * Checks an entry's settings at start-up, so a bad pattern or a missing URL stops the gateway
     * before the first request; throws {@link IllegalArgumentException} with a message for the operator.
     */
    default void validate(JsonNode params) {
    }
}
