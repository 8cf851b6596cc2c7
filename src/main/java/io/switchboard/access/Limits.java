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
}
