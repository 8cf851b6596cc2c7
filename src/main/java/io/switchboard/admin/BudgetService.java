package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserDirectory;
import io.switchboard.access.KeyDirectory;
import io.switchboard.governance.Budget;
import io.switchboard.governance.Database;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's reusable budget rows ({@code /budget/*}). Only proxy admins change them and proxy admins
 * and viewers read them (checked here, not at the route). A changed budget reaches the request path
 * through the end-user cache, which is flushed on every change.
 */
@ApplicationScoped
public class BudgetService {
    static final String TABLE = "sb_budgets";
    /** Every table whose rows may point at a budget; a budget still named by one cannot be deleted. */
    private static final List<String> REFERENCING_TABLES = List.of("sb_end_users", "sb_verification_tokens",
            "sb_teams", "sb_users", "sb_organizations", "sb_team_memberships", "sb_organization_members");
    private static final Set<String> CREATE_FIELDS = with(BudgetFields.NAMES, "budget_id");

    @Inject
    Database database;

    @Inject
    EndUserDirectory endUsers;

    @Inject
    KeyDirectory keys;

    public ObjectNode create(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyAdmin(caller);
        BudgetFields.requireKnown(body, CREATE_FIELDS, "budget");
        Budget budget = new Budget();
        budget.budgetId = body.hasNonNull("budget_id") ? AdminJson.requiredText(body, "budget_id")
                : "budget-" + UUID.randomUUID();
        BudgetFields.apply(body, budget);
        stamp(budget, caller);
        database.inTransaction(em -> {
            if (em.find(Budget.class, budget.budgetId) != null) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "A budget with this budget_id exists.",
                        "budget_id", "budget_exists");
            }
            em.persist(budget);
            AuditTrail.record(em, caller, "created", TABLE, budget.budgetId, null, AdminJson.tree(budget));
            return null;
        });
        return AdminJson.tree(budget);
    }

    public ObjectNode update(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyAdmin(caller);
        BudgetFields.requireKnown(body, CREATE_FIELDS, "budget");
        String id = AdminJson.requiredText(body, "budget_id");
        Budget result = database.inTransaction(em -> {
            Budget budget = find(em, id);
            JsonNode before = AdminJson.tree(budget);
            BudgetFields.apply(body, budget);
            stamp(budget, caller);
            AuditTrail.record(em, caller, "updated", TABLE, id, before, AdminJson.tree(budget));
            return budget;
        });
        endUsers.forgetAll();
        keys.forgetAll(); // keys, teams, users and organizations may hold this budget too
        return AdminJson.tree(result);
    }

    public ObjectNode delete(Caller caller, String id) {
        AdminRoles.requireProxyAdmin(caller);
        Budget deleted = database.inTransaction(em -> {
            Budget budget = find(em, id);
            long uses = 0;
            for (String table : REFERENCING_TABLES) {
                uses += ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE budget_id = ?1")
                        .setParameter(1, id).getSingleResult()).longValue();
            }
            if (uses > 0) {
                // A 400, not the foreign-key violation's 500: the client can detach the budget first.
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "The budget is still used by " + uses
                        + " customer(s), key(s), team(s), user(s) or organization(s).", "id", "budget_in_use");
            }
            AuditTrail.record(em, caller, "deleted", TABLE, id, AdminJson.tree(budget), null);
            em.remove(budget);
            return budget;
        });
        endUsers.forgetAll();
        return AdminJson.tree(deleted);
    }

    public ArrayNode info(Caller caller, List<String> ids) {
        AdminRoles.requireProxyReader(caller);
        return database.read(em -> {
            ArrayNode found = AdminJson.MAPPER.createArrayNode();
            ids.forEach(id -> found.add(AdminJson.tree(find(em, id))));
            return found;
        });
    }

    public ArrayNode list(Caller caller) {
        AdminRoles.requireProxyReader(caller);
        List<Budget> rows = database.read(em -> em.createQuery("select b from Budget b order by b.createdAt",
                Budget.class).getResultList());
        ArrayNode all = AdminJson.MAPPER.createArrayNode();
        rows.forEach(b -> all.add(AdminJson.tree(b)));
        return all;
    }

    static Budget find(EntityManager em, String id) {
        Budget budget = em.find(Budget.class, id);
        if (budget == null) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "No such budget: " + id, "budget_id", "budget_not_found");
        }
        return budget;
    }

    static void stamp(Budget budget, Caller caller) {
        Instant now = Instant.now();
        if (budget.createdAt == null) {
            budget.createdAt = now;
            budget.createdBy = caller.label();
        }
        budget.updatedAt = now;
        budget.updatedBy = caller.label();
    }

    static Set<String> with(Set<String> names, String... more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
