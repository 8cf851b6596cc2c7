package io.switchboard.chat;

import java.util.List;

/** A complete (non-streamed) chat completion, in the canonical shape the gateway returns. */
public record ChatResponse(
        String id,
        long created,
        String model,
        String systemFingerprint,
        List<Choice> choices,
        Usage usage) {

    public ChatResponse {
        choices = List.copyOf(choices);
    }

    /**
     * One choice of a response.
     *
     * @param logprobs the provider's log-probability object, as sent (JSON text), or null
     */
    public record Choice(int index, ChatMessage message, String finishReason, com.fasterxml.jackson.databind.JsonNode logprobs) {
    }
}
