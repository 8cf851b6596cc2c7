package io.switchboard.spend;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserDirectory;
import io.switchboard.access.EndUserRouting;
import io.switchboard.access.EndUserStanding;
import io.switchboard.access.Limits;
import io.switchboard.access.KeyIdentity;
import io.switchboard.call.CallInProgress;
import io.switchboard.chat.ChatRequest;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.ratelimit.Permit;
import io.switchboard.ratelimit.Quota;
import io.switchboard.ratelimit.RateLimiter;
import io.switchboard.routing.CallOptions;
import io.switchboard.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.eclipse.microprofile.config.Config;

/**
 * The gate before dispatch: who pays for the call, their rate limits, and a reservation of the call's
 * maximum cost from every budget that applies. What it takes is given back when the call ends: the
 * rate-limit permit at once (on the thread that ends the call), the reservation when the call's spend
 * row is settled.
 */
@ApplicationScoped
public class CallAdmission {
    /** LiteLLM's end-user headers, read when the body has no {@code user}. */
    static final List<String> END_USER_HEADERS = List.of("x-litellm-end-user-id", "x-litellm-customer-id");

    @Inject
    RateLimiter limiter;

    @Inject
    SpendBook book;

    @Inject
    Router router;

    @Inject
    Config config;

    @Inject
    EndUserDirectory endUsers;

    @Inject
    EndUserRouting endUserRouting;

    private final Map<String, Admitted> admitted = new ConcurrentHashMap<>();

    public void admitChat(CallInProgress call, ChatRequest request, UnaryOperator<String> headers) {
        Integer asked = request.maxCompletionTokens() != null ? request.maxCompletionTokens() : request.maxTokens();
        JsonNode fallbacks = request.extra() == null ? null : request.extra().get("fallbacks");
        admit(call, request.model(), fallbacks, endUser(request.user(), headers),
                new PromptCount(() -> PromptTokens.ofMessages(request.messages())), asked, request.choiceCount(),
                false);
    }

    public void admitCompletion(CallInProgress call, String model, JsonNode body, UnaryOperator<String> headers) {
        PromptCount tokens = new PromptCount(() -> countOf(body.get("prompt")));
        JsonNode max = body.get("max_tokens");
        JsonNode n = body.get("n");
        JsonNode user = body.get("user");
        admit(call, model, body.get("fallbacks"), endUser(user != null && user.isTextual() ? user.asText() : null,
                headers), tokens,
                max != null && max.canConvertToInt() ? max.intValue() : 16, // OpenAI's default for completions
                n != null && n.canConvertToInt() ? n.intValue() : 1, false);
    }

    public void admitEmbedding(CallInProgress call, String model, JsonNode input, String user,
                               UnaryOperator<String> headers) {
        admit(call, model, null, endUser(user, headers), new PromptCount(() -> countOf(input)), 0, 1, true);
    }

    private static long countOf(JsonNode prompt) {
        return PromptTokens.count(prompt == null ? null : prompt.isTextual() ? prompt.asText() : prompt.toString());
    }

    /** What the call holds, taken once by the spend writer when the call ends. */
    Admitted take(String callId) {
        return admitted.remove(callId);
    }

    private void admit(CallInProgress call, String model, JsonNode fallbacks, String endUser, PromptCount prompt,
                       Integer maxOutput, int choices, boolean inputOnly) {
        if (book.outboxFull()) {
            throw new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The gateway cannot record spend right now;"
                    + " retry shortly.", null, "spend_outbox_full", Duration.ofSeconds(5));
        }
        EndUserStanding customer = endUser == null ? null : endUsers.find(endUser);
        if (customer != null && customer.blocked()) {
            throw new GatewayException(ErrorKind.PERMISSION, "This end user (customer) is blocked.", "user",
                    "end_user_blocked");
        }
        endUserRouting.record(customer); // the router holds the call to the end user's region
        Payer payer = payerOf(call.caller(), endUser, customer == null ? null : customer.limits(), model);
        Map<Payer.Entity, Account> accounts = book.accounts(payer);
        Permit permit = limiter.admit(quotas(accounts), () -> prompt.tokens() + (maxOutput == null ? 0 : maxOutput),
                call.callId());
        Map<String, BigDecimal> reserved = new LinkedHashMap<>();
        payer.entities().forEach(e -> reserved.put(e.scope(), BigDecimal.ZERO));
        try {
            List<Account> budgeted = accounts.values().stream().filter(a -> a.maxBudget() != null).toList();
            if (!budgeted.isEmpty()) {
                BigDecimal maximum = maximumCost(model, fallbacks, customer, prompt.tokens(), maxOutput, choices,
                        inputOnly);
                Payer.Entity refused = book.reserve(budgeted, maximum);
                if (refused != null) {
                    throw new GatewayException(ErrorKind.BUDGET_EXCEEDED, "Budget has been exceeded for this "
                            + refused.kind().column().replace('_', ' ') + ": the call could cost up to $"
                            + maximum.stripTrailingZeros().toPlainString() + ", more than is left.", null,
                            "budget_exceeded");
                }
                budgeted.forEach(a -> reserved.put(a.entity().scope(), Ledger.round(maximum)));
            }
        } catch (RuntimeException e) {
            permit.finish(0);
            throw e;
        }
        admitted.put(call.callId(), new Admitted(payer, reserved, prompt));
        call.onEnd(done -> permit.finish(() -> done.outcome() == io.switchboard.call.Outcome.FAILED ? 0
                : done.tokens().input() == 0 ? prompt.tokens() + done.tokens().output() : done.tokens().total()));
    }

    /**
     * The call's maximum cost at the prices of the deployments that may serve it: those of the asked model,
     * or of the end user's {@code default_model} when the router will serve that instead (a customer held
     * to a region the asked model is not in), and of every group its configured fallbacks could reach, so
     * the reservation covers whatever settlement will charge. An unpriced deployment among them makes
     * the maximum unknown, and such a call is refused against a budget like an unpriced model.
     */
    private BigDecimal maximumCost(String model, JsonNode fallbacks, EndUserStanding customer, long promptTokens,
                                   Integer maxOutput, int choices, boolean inputOnly) {
        CallOptions options = CallOptions.fallbacksOf(fallbacks);
        if (customer != null) {
            options = options.inRegion(customer.modelRegion(), customer.defaultModel());
        }
        List<ModelFacts> candidates = new ArrayList<>();
        router.reachableCandidates(model, options).forEach(entry -> candidates.add(entry.deployment().facts()));
        BigDecimal maximum = inputOnly ? MaximumCost.ofInput(candidates, promptTokens)
                : MaximumCost.of(candidates, promptTokens, maxOutput, choices);
        if (maximum != null) {
            return maximum;
        }
        return config.getOptionalValue("switchboard.budget.unpriced-request-cap", BigDecimal.class)
                .orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST, "The cost of this call cannot be"
                        + " estimated (the model has no price or output limit), so it cannot be admitted against a"
                        + " budget. Set max_tokens, or ask the operator to price the model in model_info.", null,
                        "cost_not_estimable"));
    }

    /**
     * The parties of a call: the key, its per-model budget, team, user and organization, the end user,
     * and the key's user as a member of its team and of its organization (when it is one).
     *
     * @param endUserLimits the end user's budget row when it has a customer row, else null: an end user
     *                      without one keeps whatever its ledger account holds
     */
    static Payer payerOf(Caller caller, String endUser, Limits endUserLimits, String model) {
        List<Payer.Entity> entities = new ArrayList<>();
        Map<Payer.Entity, Limits> declared = new LinkedHashMap<>();
        if (caller != null && caller.key() != null) {
            KeyIdentity key = caller.key();
            declare(entities, declared, Payer.Kind.KEY, key.keyId(), key.keyLimits());
            if (model != null) {
                declare(entities, declared, Payer.Kind.KEY_MODEL, key.keyId() + "/" + model,
                        perModel(key.keyLimits(), model));
            }
            declare(entities, declared, Payer.Kind.TEAM, key.teamId(), key.teamLimits());
            declare(entities, declared, Payer.Kind.USER, key.userId(), key.userLimits());
            declare(entities, declared, Payer.Kind.ORGANIZATION, key.organizationId(), key.organizationLimits());
            if (key.teamMemberLimits() != null) {
                declare(entities, declared, Payer.Kind.TEAM_MEMBER, key.teamId() + "/" + key.userId(),
                        key.teamMemberLimits());
            }
            if (key.organizationMemberLimits() != null) {
                declare(entities, declared, Payer.Kind.ORG_MEMBER, key.organizationId() + "/" + key.userId(),
                        key.organizationMemberLimits());
            }
        }
        if (caller != null && caller.kind() == Caller.Kind.MASTER_KEY) {
            entities.add(new Payer.Entity(Payer.Kind.KEY, caller.label()));
            if (model != null) {
                entities.add(new Payer.Entity(Payer.Kind.KEY_MODEL, caller.label() + "/" + model));
            }
        }
        if (endUser != null && !endUser.isBlank()) {
            if (endUserLimits != null) {
                declare(entities, declared, Payer.Kind.END_USER, endUser, endUserLimits);
            } else {
                entities.add(new Payer.Entity(Payer.Kind.END_USER, endUser));
            }
        }
        return new Payer(entities, declared);
    }

    private static void declare(List<Payer.Entity> entities, Map<Payer.Entity, Limits> declared, Payer.Kind kind,
                                String id, Limits limits) {
        if (id != null && !id.isBlank()) {
            Payer.Entity entity = new Payer.Entity(kind, id);
            entities.add(entity);
            declared.put(entity, limits == null ? Limits.NONE : limits);
        }
    }

    /** A key's {@code model_max_budget}, {@code model_rpm_limit} and {@code model_tpm_limit} for one model group. */
    static Limits perModel(Limits key, String model) {
        if (key == null) {
            return Limits.NONE;
        }
        return new Limits(decimal(key.modelMaxBudget().get(model)), null, whole(key.modelTpmLimit().get(model)),
                whole(key.modelRpmLimit().get(model)), null, key.budgetDuration(), Map.of(), Map.of(), Map.of());
    }

    private static BigDecimal decimal(Object value) {
        return value == null ? null : new BigDecimal(value.toString());
    }

    private static Long whole(Object value) {
        return value == null ? null : new BigDecimal(value.toString()).longValue();
    }

    private static List<Quota> quotas(Map<Payer.Entity, Account> accounts) {
        List<Quota> quotas = new ArrayList<>();
        for (Account a : accounts.values()) {
            Quota q = new Quota(a.entity().scope(), a.rpmLimit(), a.tpmLimit(), a.maxParallelRequests());
            if (q.limitsAnything()) {
                quotas.add(q);
            }
        }
        return quotas;
    }

    private static String endUser(String fromBody, UnaryOperator<String> headers) {
        if (fromBody != null && !fromBody.isBlank()) {
            return fromBody;
        }
        for (String header : END_USER_HEADERS) {
            String value = headers.apply(header);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** What an admitted call holds until its spend row is settled. */
    record Admitted(Payer payer, Map<String, BigDecimal> reserved, PromptCount prompt) {
    }
}
