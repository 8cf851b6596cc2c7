package io.switchboard.spend;

import io.switchboard.call.Outcome;
import io.switchboard.call.RequestCompleted;
import io.switchboard.call.TokenCounts;
import io.switchboard.modelinfo.TokenCost;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns every finished call into a spend record in the outbox, off the request thread: the cost at
 * the answering deployment's prices, and what the call reserved so settlement can give it back. A
 * failed call is recorded at zero cost (its reservation must still be released); a stream that ended
 * without usage is billed for its counted prompt and the text it delivered.
 */
@ApplicationScoped
public class SpendLogWriter {
    @Inject
    CallAdmission admission;

    @Inject
    SpendBook book;

    void onCompleted(@ObservesAsync RequestCompleted done) {
        CallAdmission.Admitted held = admission.take(done.callId());
        Map<String, BigDecimal> reserved;
        PromptCount prompt = PromptCount.of(0);
        if (held != null) {
            reserved = held.reserved();
            prompt = held.prompt();
        } else {
            reserved = new LinkedHashMap<>();
            for (Payer.Entity e : CallAdmission.payerOf(done.caller(), null, null, done.requestedModel()).entities()) {
                reserved.put(e.scope(), BigDecimal.ZERO);
            }
        }
        TokenCounts tokens = done.tokens();
        boolean estimated = false;
        if (done.stream() && done.served() != null && tokens.input() == 0 && done.outcome() != Outcome.FAILED) {
            tokens = new TokenCounts(prompt.tokens(), tokens.output(), 0, 0);
            estimated = true;
        }
        BigDecimal cost = BigDecimal.ZERO;
        if (done.served() != null && !done.cacheHit()) {
            BigDecimal priced = TokenCost.of(done.served().facts(), tokens.input(), tokens.cachedInput(),
                    tokens.output(), tokens.reasoning());
            cost = priced == null ? BigDecimal.ZERO : priced;
        }
        var served = done.served();
        book.record(new SpendRecord(done.callId(), reserved, done.route(),
                served == null ? done.requestedModel() : served.modelGroup(),
                served == null ? null : served.deploymentId(), served == null ? null : served.provider(),
                served == null ? null : served.upstreamModel(), tokens.input(), tokens.output(), tokens.cachedInput(),
                tokens.reasoning(), cost, done.started(), done.firstChunk(), done.finished(), done.outcome().name(),
                done.status(), done.cacheHit(), estimated));
    }
}
