package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserDirectory;
import io.switchboard.governance.Budget;
import io.switchboard.governance.Database;
import io.switchboard.governance.EndUser;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * LiteLLM's customers (end users: the {@code user} of a request) over {@code sb_end_users}. Budget fields
 * sent with a customer go to the customer's budget row (created on first use, as LiteLLM does), which the
 * request path enforces through {@link EndUserDirectory}; {@code spend} is read from the ledger, where
 * calls are settled. Only proxy admins change customers; proxy admins and viewers read them.
 */
@ApplicationScoped
public class CustomerService {
    static final String TABLE = "sb_end_users";
    private static final Set<String> OWN_FIELDS = Set.of("alias", "blocked", "budget_id", "allowed_model_region",
            "default_model");
    private static final Set<String> WRITABLE = BudgetService.with(BudgetFields.NAMES,
            OWN_FIELDS.toArray(String[]::new));
    private static final Set<String> REGIONS = Set.of("eu", "us");

    @Inject
    Database database;

    @Inject
    EndUserDirectory directory;

    @Inject
    ModelCatalog catalog;

    public ObjectNode create(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyAdmin(caller);
        String id = AdminJson.requiredText(body, "user_id");
        ObjectNode fields = withoutId(body);
        EndUser created = database.inTransaction(em -> {
            if (em.find(EndUser.class, id) != null) {
                throw new GatewayException(ErrorKind.INVALID_REQUEST, "A customer with this user_id exists.",
                        "user_id", "customer_exists");
            }
            EndUser user = new EndUser();
            user.userId = id;
            user.createdAt = Instant.now();
            change(em, caller, user, fields);
            requireRoutable(user);
            em.persist(user);
            AuditTrail.record(em, caller, "created", TABLE, id, null, AdminJson.tree(user));
            return user;
        });
        directory.forget(id);
        return info(caller, created.userId);
    }

    public ObjectNode update(Caller caller, ObjectNode body) {
        AdminRoles.requireProxyAdmin(caller);
        String id = AdminJson.requiredText(body, "user_id");
        ObjectNode fields = withoutId(body);
        database.inTransaction(em -> {
            EndUser user = find(em, id);
            JsonNode before = AdminJson.tree(user);
            change(em, caller, user, fields);
            requireRoutable(user);
            AuditTrail.record(em, caller, "updated", TABLE, id, before, AdminJson.tree(user));
            return user;
        });
        directory.forget(id);
        return info(caller, id);
    }

    /** LiteLLM's block and unblock create the customer when it is new, so an abuser can be blocked before its first call. */
    public ObjectNode setBlocked(Caller caller, List<String> ids, boolean blocked) {
        AdminRoles.requireProxyAdmin(caller);
        ArrayNode changed = AdminJson.MAPPER.createArrayNode();
        database.inTransaction(em -> {
            for (String id : ids) {
                EndUser user = em.find(EndUser.class, id);
                JsonNode before = user == null ? null : AdminJson.tree(user);
                if (user == null) {
                    user = new EndUser();
                    user.userId = id;
                    user.createdAt = Instant.now();
                    em.persist(user);
                }
                user.blocked = blocked;
                user.updatedAt = Instant.now();
                AuditTrail.record(em, caller, blocked ? "blocked" : "unblocked", TABLE, id, before, AdminJson.tree(user));
                changed.add(AdminJson.tree(user));
            }
            return null;
        });
        ids.forEach(directory::forget);
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("blocked_users", changed);
        return answer;
    }

    public ObjectNode delete(Caller caller, List<String> ids) {
        AdminRoles.requireProxyAdmin(caller);
        database.inTransaction(em -> {
            for (String id : ids) {
                EndUser user = find(em, id);
                AuditTrail.record(em, caller, "deleted", TABLE, id, AdminJson.tree(user), null);
                em.remove(user);
            }
            return null;
        });
        ids.forEach(directory::forget);
        ObjectNode answer = AdminJson.MAPPER.createObjectNode();
        answer.set("deleted_customers", AdminJson.MAPPER.valueToTree(ids));
        return answer;
    }

    public ObjectNode info(Caller caller, String id) {
        AdminRoles.requireProxyReader(caller);
        return database.read(em -> {
            EndUser user = find(em, id);
            return answer(em, user, CustomerSpend.of(em, List.of(id)));
        });
    }

    public ArrayNode list(Caller caller) {
        AdminRoles.requireProxyReader(caller);
        return database.read(em -> {
            List<EndUser> users = em.createQuery("select u from EndUser u order by u.createdAt", EndUser.class)
                    .getResultList();
            Map<String, BigDecimal> spend = CustomerSpend.all(em);
            ArrayNode all = AdminJson.MAPPER.createArrayNode();
            users.forEach(u -> all.add(answer(em, u, spend)));
            return all;
        });
    }

    /**
     * {@code default_model} is LiteLLM's in-region substitute ("if no equivalent model in allowed region,
     * default all requests to this model"), so it needs {@code allowed_model_region}, and must name a model
     * this gateway serves (LiteLLM answers 422 otherwise): a customer must not be stored with a routing
     * rule no call could follow.
     */
    private void requireRoutable(EndUser user) {
        if (user.defaultModel == null) {
            return;
        }
        if (user.allowedModelRegion == null) {
            throw BudgetFields.invalid("default_model serves the calls whose model has no deployment in"
                    + " allowed_model_region; set allowed_model_region too.", "default_model");
        }
        try {
            catalog.resolve(user.defaultModel);
        } catch (GatewayException unknown) {
            throw BudgetFields.invalid("default_model '" + user.defaultModel + "' is not a model this gateway"
                    + " serves.", "default_model");
        }
    }

    /** Applies the customer's own fields and its budget fields, validated, and stamps the change. */
    private static void change(EntityManager em, Caller caller, EndUser user, ObjectNode fields) {
        BudgetFields.requireKnown(fields, WRITABLE, "customer");
        ObjectNode own = AdminJson.MAPPER.createObjectNode();
        OWN_FIELDS.forEach(name -> {
            if (fields.has(name)) {
                own.set(name, fields.get(name));
            }
        });
        AdminJson.applyEach(own, user);
        if (user.allowedModelRegion != null && !REGIONS.contains(user.allowedModelRegion)) {
            throw BudgetFields.invalid("allowed_model_region must be \"eu\" or \"us\".", "allowed_model_region");
        }
        if (fields.hasNonNull("budget_id") && BudgetFields.present(fields)) {
            throw BudgetFields.invalid("Send either budget_id or budget fields such as max_budget, not both.",
                    "budget_id");
        }
        if (user.budgetId != null && em.find(Budget.class, user.budgetId) == null) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "No such budget: " + user.budgetId, "budget_id",
                    "budget_not_found");
        }
        if (BudgetFields.present(fields)) {
            ownBudget(em, caller, user, fields);
        }
        user.updatedAt = Instant.now();
    }

    /**
     * Writes budget fields to the customer's budget row, creating one when it has none. A row the
     * customer shares with others changes for all of them, as in LiteLLM; use /budget/new and budget_id
     * to give a customer a budget of its own.
     */
    private static void ownBudget(EntityManager em, Caller caller, EndUser user, ObjectNode fields) {
        Budget budget = user.budgetId == null ? null : em.find(Budget.class, user.budgetId);
        JsonNode before = budget == null ? null : AdminJson.tree(budget);
        if (budget == null) {
            budget = new Budget();
            budget.budgetId = "budget-" + UUID.randomUUID();
        }
        BudgetFields.apply(fields, budget);
        BudgetService.stamp(budget, caller);
        if (before == null) {
            em.persist(budget);
            user.budgetId = budget.budgetId;
        }
        AuditTrail.record(em, caller, before == null ? "created" : "updated", BudgetService.TABLE, budget.budgetId,
                before, AdminJson.tree(budget));
    }

    private static ObjectNode answer(EntityManager em, EndUser user, Map<String, BigDecimal> spend) {
        ObjectNode answer = AdminJson.tree(user);
        answer.put("spend", spend.getOrDefault(user.userId, BigDecimal.ZERO));
        Budget budget = user.budgetId == null ? null : em.find(Budget.class, user.budgetId);
        answer.set("litellm_budget_table", BudgetFields.treeOrNull(budget));
        return answer;
    }

    private static EndUser find(EntityManager em, String id) {
        EndUser user = em.find(EndUser.class, id);
        if (user == null) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "No such customer: " + id, "user_id",
                    "customer_not_found");
        }
        return user;
    }

    private static ObjectNode withoutId(ObjectNode body) {
        ObjectNode fields = body.deepCopy();
        fields.remove("user_id");
        return fields;
    }
}
