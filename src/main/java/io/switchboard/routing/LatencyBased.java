package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteLLM's {@code latency-based-routing}: the deployment with the lowest moving-average latency (time
 * to first token for streams). Deployments within {@link #BUFFER} of the fastest share the load at
 * random, as LiteLLM's {@code lowest_latency_buffer} does, so two near-equal deployments are not
 * flip-flopped by noise. A deployment with no sample yet counts as fastest, so it gets measured.
 */
@ApplicationScoped
public class LatencyBased implements RoutingStrategy {
    /** Within 10% of the fastest counts as equally fast. */
    static final double BUFFER = 0.10;

    @Override
    public String name() {
        return "latency-based-routing";
    }

    @Override
    public Candidate pick(List<Candidate> candidates, Context context) {
        long fastest = Long.MAX_VALUE;
        for (Candidate c : candidates) {
            fastest = Math.min(fastest, Math.max(c.latencyNanos(context.stream()), 0));
        }
        double limit = fastest * (1 + BUFFER);
        List<Candidate> near = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            if (Math.max(c.latencyNanos(context.stream()), 0) <= limit) {
                near.add(c);
            }
        }
        return near.get(context.random().nextInt(near.size()));
    }
}
