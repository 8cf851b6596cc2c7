package io.switchboard.call;

import io.switchboard.access.Caller;
import io.switchboard.modelinfo.TokenCost;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One finished LLM call, fired exactly once with {@code Event.fireAsync} when its answer (or error)
 * has been handed to the client. Spend, audit, metrics, access logs and callbacks observe it with
 * {@code @ObservesAsync}; a slow observer never delays a client.
 *
 * @param callId         the {@code x-litellm-call-id} the client received
 * @param caller         who called (never the key itself)
 * @param route          the API route: {@code chat.completions}, {@code completions}, {@code embeddings}, ...
 * @param requestedModel the model (group) the client asked for; null if the body could not be read
 * @param served         the deployment that answered; null when none was reached
 * @param stream         whether the answer was a stream
 * @param tokens         the usage the provider reported (for a broken stream, what it reported so far)
 * @param started        when the gateway received the call
 * @param firstChunk     when the first streamed chunk was ready for the client; null for JSON answers
 * @param finished       when the answer or error was complete
 * @param outcome        how the call ended
 * @param status         the HTTP status the client received
 * @param errorType      OpenAI's error {@code type} for a failure, else null
 * @param retries        retries the router made
 * @param fallbacks      fallbacks the router took
 * @param cacheHit       whether the answer came from the gateway's cache
 */
public record RequestCompleted(
        String callId,
        Caller caller,
        String route,
        String requestedModel,
        Served served,
        boolean stream,
        TokenCounts tokens,
        Instant started,
        Instant firstChunk,
        Instant finished,
        Outcome outcome,
        int status,
        String errorType,
        int retries,
        int fallbacks,
        boolean cacheHit) {

    public Duration duration() {
        return Duration.between(started, finished);
    }

    /**
     * What the call cost in US dollars at the answering deployment's prices (its {@code model_info}
     * overrides included): zero when no deployment answered or nothing was used, null when the
     * deployment's model has no price for tokens it used. A stream that broke or was abandoned costs
     * what the provider reported generating.
     */
    public BigDecimal cost() {
        if (served == null || cacheHit) {
            return BigDecimal.ZERO;
        }
        return TokenCost.of(served.facts(), tokens.input(), tokens.cachedInput(), tokens.output(), tokens.reasoning());
    }

    /** Time to first token for streams, else null. */
    public Duration timeToFirstChunk() {
        return firstChunk == null ? null : Duration.between(started, firstChunk);
    }
}
