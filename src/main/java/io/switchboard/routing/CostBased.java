package io.switchboard.routing;

import io.switchboard.modelinfo.ModelFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * LiteLLM's {@code cost-based-routing}: the cheapest deployment by the price table (input plus output
 * price per token, from {@code Deployment.facts()}); a deployment of unknown price comes after every
 * priced one. Ties are broken at random.
 */
@ApplicationScoped
public class CostBased implements RoutingStrategy {
    @Override
    public String name() {
        return "cost-based-routing";
    }

    @Override
    public Candidate pick(List<Candidate> candidates, Context context) {
        BigDecimal cheapest = null;
        List<Candidate> best = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            BigDecimal price = price(c.entry().deployment().facts());
            int order = cheapest == null && best.isEmpty() ? -1 : compare(price, cheapest);
            if (order < 0) {
                cheapest = price;
                best.clear();
            }
            if (order <= 0) {
                best.add(c);
            }
        }
        return best.get(context.random().nextInt(best.size()));
    }

    /** Unknown (null) sorts after every known price. */
    private static int compare(BigDecimal a, BigDecimal b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : 1) : -1;
        }
        return a.compareTo(b);
    }

    static BigDecimal price(ModelFacts facts) {
        if (facts.inputCostPerToken() == null && facts.outputCostPerToken() == null) {
            return null;
        }
        BigDecimal in = facts.inputCostPerToken() == null ? BigDecimal.ZERO : facts.inputCostPerToken();
        BigDecimal out = facts.outputCostPerToken() == null ? BigDecimal.ZERO : facts.outputCostPerToken();
        return in.add(out);
    }
}
