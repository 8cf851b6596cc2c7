package io.switchboard.guardrail;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The input of one check.
 *
 * @param name   the config entry's {@code guardrail_name}
 * @param phase  whether the texts are a prompt or an answer
 * @param texts  the prompt's message texts (or the answer's choice texts), in order
 * @param params the entry's {@code litellm_params}, environment references resolved
 */
public record GuardrailCheck(String name, Phase phase, List<Text> texts, JsonNode params) {

    public GuardrailCheck {
        texts = List.copyOf(texts);
    }

    public enum Phase {
        PRE_CALL,
        POST_CALL
    }

    /** One text: a message's content or one text part of it, with the message's role. */
    public record Text(String role, String text) {
    }

    public List<String> strings() {
        return texts.stream().map(Text::text).toList();
    }
}
