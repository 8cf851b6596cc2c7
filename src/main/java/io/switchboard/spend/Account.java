package io.switchboard.spend;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One party's budget and limits as stored (LiteLLM's budget fields); every limit may be null (none).
 *
 * @param budgetDuration LiteLLM's {@code budget_duration}: {@code 30s}, {@code 1h}, {@code 1d}, {@code 30d}, ...
 */
public record Account(Payer.Entity entity, BigDecimal maxBudget, BigDecimal softBudget, String budgetDuration,
                      Instant budgetResetAt, Long rpmLimit, Long tpmLimit, Integer maxParallelRequests) {

    public static Account none(Payer.Entity entity) {
        return new Account(entity, null, null, null, null, null, null, null);
    }
}
