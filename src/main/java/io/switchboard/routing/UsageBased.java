package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteLLM's {@code usage-based-routing-v2}: only deployments with room left this minute under their
 * {@code rpm} and {@code tpm} (one more request, this call's prompt tokens), and of those the one with
 * the least of its token capacity used; none with room means the group is at capacity.
 */
@ApplicationScoped
public class UsageBased implements RoutingStrategy {
    @Override
    public String name() {
        return "usage-based-routing-v2";
    }

    @Override
    public Candidate pick(List<Candidate> candidates, Context context) {
        double lowest = Double.MAX_VALUE;
        List<Candidate> best = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            ModelCatalog.Entry e = c.entry();
            long requests = c.requestsThisMinute(context.now());
            long tokens = c.tokensThisMinute(context.now());
            if (e.rpm() != null && requests + 1 > e.rpm()) {
                continue;
            }
            if (e.tpm() != null && tokens + context.inputTokens() > e.tpm()) {
                continue;
            }
            double used = e.tpm() != null ? (double) tokens / e.tpm()
                    : e.rpm() != null ? (double) requests / e.rpm() : tokens;
            if (used < lowest) {
                lowest = used;
                best.clear();
            }
            if (used == lowest) {
                best.add(c);
            }
        }
        return best.isEmpty() ? null : best.get(context.random().nextInt(best.size()));
    }
}
