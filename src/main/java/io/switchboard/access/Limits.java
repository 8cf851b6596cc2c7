package io.switchboard.access;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The budget and rate limits of one entity (key, team, user or organization), null where unset, as
 * the request path needs them. {@code modelMaxBudget}, {@code modelRpmLimit} and
 * {@code modelTpmLimit} are per model group.
 */
public record Limits(BigDecimal maxBudget, BigDecimal softBudget, Long tpmLimit, Long rpmLimit,
        Integer maxParallelRequests, String budgetDuration, Map<String, Object> modelMaxBudget,
        Map<String, Object> modelRpmLimit, Map<String, Object> modelTpmLimit) {
    public static final Limits NONE = new Limits(null, null, null, null, null, null, Map.of(), Map.of(), Map.of());

    /**
     * These limits held together with a linked budget row's ({@code budget_id}): the stricter of
     * each, since a budget tier shared by many keys must bind all of them and a key's own lower
     * limit must still hold. The entity's own {@code budget_duration} wins, else the row's; per-model
     * entries the entity lacks come from the row.
     */
    public Limits within(Limits budgetRow) {
        return new Limits(min(maxBudget, budgetRow.maxBudget), min(softBudget, budgetRow.softBudget),
                min(tpmLimit, budgetRow.tpmLimit), min(rpmLimit, budgetRow.rpmLimit),
                min(maxParallelRequests, budgetRow.maxParallelRequests),
                budgetDuration != null ? budgetDuration : budgetRow.budgetDuration,
                withDefaults(modelMaxBudget, budgetRow.modelMaxBudget), modelRpmLimit, modelTpmLimit);
    }

    private static <T extends Comparable<T>> T min(T own, T row) {
        if (own == null) {
            return row;
        }
        return row == null || own.compareTo(row) <= 0 ? own : row;
    }

    private static Map<String, Object> withDefaults(Map<String, Object> own, Map<String, Object> row) {
        if (row.isEmpty()) {
            return own;
        }
        Map<String, Object> merged = new java.util.LinkedHashMap<>(row);
        merged.putAll(own);
        return Map.copyOf(merged);
    }
}
