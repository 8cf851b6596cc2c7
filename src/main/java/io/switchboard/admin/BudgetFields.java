package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.governance.Budget;
import io.switchboard.spend.BudgetDuration;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * LiteLLM's budget fields, as a budget row takes them from {@code /budget/new} and {@code /budget/update}
 * and as {@code /customer/new} and {@code /customer/update} take them for the customer's own budget.
 * Each field is applied on its own so a wrong value is a 400 naming that field; a value the ledger
 * could not enforce (a negative budget, a duration it cannot read) is refused here, not ignored later.
 */
final class BudgetFields {
    static final Set<String> NAMES = Set.of("max_budget", "soft_budget", "max_parallel_requests", "tpm_limit",
            "rpm_limit", "budget_duration", "model_max_budget");

    private BudgetFields() {
    }

    /** Whether {@code body} sets any budget field. */
    static boolean present(ObjectNode body) {
        return NAMES.stream().anyMatch(body::has);
    }

    /** Copies the budget fields of {@code body} onto {@code budget}, validated. */
    static void apply(ObjectNode body, Budget budget) {
        ObjectNode fields = AdminJson.MAPPER.createObjectNode();
        NAMES.forEach(name -> {
            if (body.has(name)) {
                fields.set(name, body.get(name));
            }
        });
        AdminJson.applyEach(fields, budget);
        LimitFields.nonNegative(budget.maxBudget, "max_budget");
        LimitFields.nonNegative(budget.softBudget, "soft_budget");
        LimitFields.nonNegative(budget.tpmLimit, "tpm_limit");
        LimitFields.nonNegative(budget.rpmLimit, "rpm_limit");
        LimitFields.nonNegative(budget.maxParallelRequests == null ? null : budget.maxParallelRequests.longValue(),
                "max_parallel_requests");
        if (budget.budgetDuration != null && BudgetDuration.parse(budget.budgetDuration) == null) {
            throw invalid("budget_duration must look like 30s, 15m, 1h or 30d.", "budget_duration");
        }
        if (budget.modelMaxBudget != null) {
            for (Map.Entry<String, Object> e : budget.modelMaxBudget.entrySet()) {
                requireAmount(e.getValue());
            }
        }
    }

    /** Rejects a key the caller sent that neither the entity nor the route knows. */
    static void requireKnown(ObjectNode body, Set<String> allowed, String what) {
        body.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "Field '" + name + "' cannot be set on a "
                        + what + ".", name, "unsupported_field");
            }
        });
    }

    private static void requireAmount(Object value) {
        try {
            if (value != null && new BigDecimal(value.toString()).signum() >= 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid("model_max_budget must map model names to non-negative amounts.", "model_max_budget");
    }

    /** A 400 naming the field (the argument order of the older budget code, kept for its callers). */
    static GatewayException invalid(String message, String field) {
        return AdminErrors.invalid(field, message);
    }

    static JsonNode treeOrNull(Budget budget) {
        return budget == null ? AdminJson.MAPPER.nullNode() : AdminJson.tree(budget);
    }
}
