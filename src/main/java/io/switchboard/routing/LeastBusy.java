package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteLLM's {@code least-busy}: the deployment with the fewest calls in flight; ties broken at random.
 * A call is in flight while its attempt runs: a stream counts until its first chunk is ready, not
 * until it ends.
 */
@ApplicationScoped
public class LeastBusy implements RoutingStrategy {
    @Override
    public String name() {
        return "least-busy";
    }

    @Override
    public Candidate pick(List<Candidate> candidates, Context context) {
        int least = Integer.MAX_VALUE;
        List<Candidate> idlest = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            int busy = c.inFlight();
            if (busy < least) {
                least = busy;
                idlest.clear();
            }
            if (busy == least) {
                idlest.add(c);
            }
        }
        return idlest.get(context.random().nextInt(idlest.size()));
    }
}
