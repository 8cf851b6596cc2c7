package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.governance.Budget;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.util.UUID;

/**
 * A member's own budget inside a team or an organization: LiteLLM's {@code max_budget_in_team} and
 * {@code max_budget_in_organization}. As in LiteLLM it is a budget row linked from the membership
 * ({@code budget_id}), made when first set and changed in place after; the ledger holds every call of the
 * member's keys in that team or organization to it (party kinds {@code team_member}, {@code org_member}).
 */
final class MemberBudget {
    private MemberBudget() {
    }

    /** Whether the request names the field at all (a JSON null removes the member's budget). */
    static boolean named(ObjectNode body, String field) {
        return body.has(field);
    }

    /** The amount the request sets, null for none; a negative or non-numeric amount is a 400 naming the field. */
    static BigDecimal amount(ObjectNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber() || value.decimalValue().signum() < 0) {
            throw AdminErrors.invalid(field, "'" + field + "' must be a non-negative amount in USD, or null.");
        }
        return value.decimalValue();
    }

    /**
     * Sets the member's budget: changes its own row when it has one, else makes (and audits) a new row.
     *
     * @return the budget row's id for the membership, or null when there is none and no amount to set
     */
    static String apply(EntityManager em, Caller caller, String budgetId, BigDecimal amount) {
        Budget budget = budgetId == null ? null : em.find(Budget.class, budgetId);
        if (budget == null && amount == null) {
            return null;
        }
        boolean created = budget == null;
        if (created) {
            budget = new Budget();
            budget.budgetId = "budget-" + UUID.randomUUID();
        }
        ObjectNode before = created ? null : AdminJson.tree(budget);
        budget.maxBudget = amount;
        BudgetService.stamp(budget, caller);
        if (created) {
            em.persist(budget);
            em.flush(); // the membership that names it is written after
        }
        AuditTrail.record(em, caller, created ? "created" : "updated", BudgetService.TABLE, budget.budgetId, before,
                AdminJson.tree(budget));
        return budget.budgetId;
    }

    /** The member's budget ceiling, or null when it has none. */
    static BigDecimal maxBudget(EntityManager em, String budgetId) {
        Budget budget = budgetId == null ? null : em.find(Budget.class, budgetId);
        return budget == null ? null : budget.maxBudget;
    }

    /**
     * A membership row as LiteLLM shows it: with its {@code litellm_budget_table} and the spend the ledger
     * has settled for the member there (the membership's own {@code spend} column is not what calls update).
     *
     * @param kind the ledger's party kind, {@code team_member} or {@code org_member}
     */
    static ObjectNode view(EntityManager em, ObjectNode row, String budgetId, String kind, String partyId) {
        Budget budget = budgetId == null ? null : em.find(Budget.class, budgetId);
        row.set("litellm_budget_table", BudgetFields.treeOrNull(budget));
        return SettledSpend.shown(em, row, kind, partyId);
    }
}
