package io.switchboard.routing;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** LiteLLM's default {@code simple-shuffle}: random, in proportion to each deployment's {@code weight}. */
@ApplicationScoped
public class SimpleShuffle implements RoutingStrategy {
    @Override
    public String name() {
        return "simple-shuffle";
    }

    @Override
    public Candidate pick(List<Candidate> candidates, Context context) {
        return RoutingStrategy.weighted(candidates, context.random());
    }
}
