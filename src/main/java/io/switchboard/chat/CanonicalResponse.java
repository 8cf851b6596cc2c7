package io.switchboard.chat;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.time.Instant;

/**
 * Fills what a provider left out of a non-streamed response so that strict SDKs accept it:
 * a non-empty {@code id}, an integer {@code created}, the {@code model}, and a finish reason.
 */
final class CanonicalResponse {
    private CanonicalResponse() {
    }

    static ChatResponse of(ChatResponse r, ChatRequest request) {
        if (r.choices().isEmpty()) {
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider returned no choices.", null,
                    "upstream_invalid_response");
        }
        boolean complete = r.id() != null && !r.id().isEmpty() && r.created() > 0 && r.model() != null
                && !r.model().isEmpty() && r.choices().stream().allMatch(c -> c.finishReason() != null);
        if (complete) {
            return r;
        }
        var choices = r.choices().stream()
                .map(c -> c.finishReason() != null ? c : new ChatResponse.Choice(c.index(), c.message(),
                        c.message().toolCalls().isEmpty() ? "stop" : "tool_calls", c.logprobs()))
                .toList();
        return new ChatResponse(
                r.id() == null || r.id().isEmpty() ? ChatGateway.newId() : r.id(),
                r.created() > 0 ? r.created() : Instant.now().getEpochSecond(),
                r.model() == null || r.model().isEmpty() ? request.model() : r.model(),
                r.systemFingerprint(), choices, r.usage());
    }
}
