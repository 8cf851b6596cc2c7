package io.switchboard.api;

import io.switchboard.access.Caller;
import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.call.Served;
import io.switchboard.call.TokenCounts;
import io.switchboard.routing.Routed;
import io.switchboard.modelinfo.TokenCost;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Ties a {@link CallInProgress} to its HTTP request, so the servlet that serves it and the failure
 * handling that may end it ({@link ModelRouteServlet}) find the same record.
 */
final class CallRecords {
    static final String CALL = "io.switchboard.call";

    private CallRecords() {
    }

    /** Called first thing by an LLM route, before the body is read, so unreadable bodies are counted too. */
    static CallInProgress begin(HttpServletRequest http, CompletedCalls calls, String route) {
        Instant started = (Instant) http.getAttribute(CallIdFilter.STARTED);
        CallInProgress call = calls.begin((String) http.getAttribute(CallIdFilter.CALL_ID),
                (Caller) http.getAttribute(ApiKeyFilter.CALLER), route, started == null ? Instant.now() : started);
        http.setAttribute(CALL, call);
        return call;
    }

    /** The call of this request, if an LLM route began one. */
    static CallInProgress of(HttpServletRequest http) {
        return http == null ? null : (CallInProgress) http.getAttribute(CALL);
    }

    /**
     * Records a complete JSON answer and returns the headers to send with it: the router's, plus
     * LiteLLM's {@code x-litellm-response-cost} (US dollars, plain decimal) when the model is priced.
     * A cache hit reached no provider and costs nothing.
     */
    static Map<String, String> answered(CallInProgress call, Routed<?> routed, TokenCounts tokens) {
        Served served = Served.by(routed.deployment());
        call.answered(served, routed.attemptedRetries(), routed.attemptedFallbacks(), tokens, routed.fromCache());
        Map<String, String> headers = new LinkedHashMap<>(routed.headers(call.started()));
        BigDecimal cost = served == null ? BigDecimal.ZERO : TokenCost.of(served.facts(), tokens.input(),
                tokens.cachedInput(), tokens.output(), tokens.reasoning());
        if (cost != null) {
            headers.put("x-litellm-response-cost", cost.signum() == 0 ? "0" : cost.stripTrailingZeros().toPlainString());
        }
        return headers;
    }
}
