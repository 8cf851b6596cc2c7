package io.switchboard.telemetry;

import io.switchboard.ratelimit.RateLimiter;
import io.switchboard.call.Outcome;
import io.switchboard.call.RequestCompleted;
import io.switchboard.call.Served;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import io.switchboard.routing.DeploymentState;
import io.switchboard.routing.ModelCatalog;
import io.switchboard.routing.Router;
import io.switchboard.spend.Ledger;
import io.switchboard.spend.Payer;
import io.switchboard.spend.SpendBook;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

/**
 * The gateway's Prometheus metrics, named and labelled as LiteLLM's {@code prometheus} callback names
 * them so existing dashboards and alerts work unchanged. Call totals come from the
 * {@link RequestCompleted} event (off the request path); per-attempt upstream latencies from
 * {@link UpstreamAttempt}s; deployment state is read from the router at scrape time.
 *
 * <p>Labels are bounded: model groups and deployments come from the config, status codes and error
 * types from a fixed set, the key alias and team from governance. A model name a client made up is
 * counted as {@code other}; user ids, prompts, keys and upstream addresses are never labels (LiteLLM's
 * {@code api_base} and {@code hashed_api_key} labels are left out on purpose).
 */
@ApplicationScoped
public class GatewayMetrics {
    static final String OTHER = "other";
    private static final int MAX_LABEL_LENGTH = 128;

    @Inject
    Router router;

    @Inject
    ModelCatalog catalog;

    @Inject
    CallbackDispatcher callbacks;

    @Inject
    SpendBook book;

    @Inject
    RateLimiter limiter;

    private volatile Set<String> groupNames;

    final CounterFamily requests = new CounterFamily("litellm_proxy_total_requests_metric",
            "Total requests made to the proxy, by requested model, route and status code", 0,
            "requested_model", "route", "status_code", "api_key_alias", "team");
    final CounterFamily failedRequests = new CounterFamily("litellm_proxy_failed_requests_metric",
            "Requests that failed, by requested model and error", 0,
            "requested_model", "route", "exception_status", "exception_class", "api_key_alias", "team");
    final CounterFamily inputTokens = tokens("litellm_input_tokens_metric", "Input (prompt) tokens");
    final CounterFamily outputTokens = tokens("litellm_output_tokens_metric", "Output (completion) tokens");
    final CounterFamily totalTokens = tokens("litellm_total_tokens_metric", "Input plus output tokens");
    final CounterFamily spend = new CounterFamily("litellm_spend_metric", "Spend in USD from the price table", 9,
            "model", "requested_model", "api_key_alias", "team");
    final CounterFamily cacheHits = new CounterFamily("litellm_cache_hits_metric", "Answers served from the cache", 0,
            "model", "requested_model", "api_key_alias", "team");
    final CounterFamily successfulFallbacks = new CounterFamily("litellm_deployment_successful_fallbacks",
            "Calls answered by a fallback model group", 0, "requested_model", "fallback_model");
    final HistogramFamily totalLatency = new HistogramFamily("litellm_request_total_latency_metric",
            "Seconds from the request's arrival to the end of its answer", "model", "requested_model",
            "api_key_alias", "team");
    final HistogramFamily llmApiLatency = new HistogramFamily("litellm_llm_api_latency_metric",
            "Seconds per upstream attempt (a stream's: until its first chunk)", "model", "model_id", "api_provider",
            "model_group");
    final HistogramFamily timeToFirstToken = new HistogramFamily("litellm_llm_api_time_to_first_token_metric",
            "Seconds from sending a streamed upstream request to its first chunk", "model", "model_id",
            "api_provider", "model_group");
    final HistogramFamily overhead = new HistogramFamily("litellm_overhead_latency_metric",
            "Seconds the gateway added to a call: total minus upstream time (for streams, up to the first chunk)",
            "model_group", "api_provider", "litellm_model_name", "model_id");
    final CounterFamily deploymentRequests = attempts("litellm_deployment_total_requests", "Upstream attempts");
    final CounterFamily deploymentSuccesses = attempts("litellm_deployment_success_responses",
            "Upstream attempts that succeeded");
    final CounterFamily deploymentFailures = attempts("litellm_deployment_failure_responses",
            "Upstream attempts that failed");

    private static CounterFamily tokens(String name, String help) {
        return new CounterFamily(name, help, 0, "model", "requested_model", "api_key_alias", "team");
    }

    private static CounterFamily attempts(String name, String help) {
        return new CounterFamily(name, help, 0, "litellm_model_name", "model_id", "api_provider", "model_group");
    }

    void record(@ObservesAsync RequestCompleted call) {
        String group = boundedModel(call);
        String alias = call.caller() == null ? "" : bounded(call.caller().label());
        String team = bounded(teamOf(call.caller()));
        String route = bounded(call.route());
        requests.add(1, group, route, Integer.toString(call.status()), alias, team);
        if (call.outcome() != Outcome.SUCCESS) {
            failedRequests.add(1, group, route, Integer.toString(call.status()),
                    call.outcome() == Outcome.CLIENT_DISCONNECTED ? "client_disconnected" : bounded(call.errorType()),
                    alias, team);
        }
        Served served = call.served();
        String model = served == null ? "" : bounded(served.upstreamModel());
        long in = call.tokens().input();
        long out = call.tokens().output();
        if (served != null) {
            inputTokens.add(in, model, group, alias, team);
            outputTokens.add(out, model, group, alias, team);
            totalTokens.add(in + out, model, group, alias, team);
            long nanoDollars = nanoDollars(served.facts(), in, out);
            if (nanoDollars > 0) {
                spend.add(nanoDollars, model, group, alias, team);
            }
            if (call.fallbacks() > 0 && call.outcome() == Outcome.SUCCESS) {
                successfulFallbacks.add(1, group, bounded(served.modelGroup()));
            }
        }
        if (call.cacheHit()) {
            cacheHits.add(1, model, group, alias, team);
        }
        totalLatency.observeNanos(call.duration().toNanos(), model, group, alias, team);
    }

    /** One upstream attempt ended; {@code firstChunkNanos} is set for streams. */
    void attempted(Deployment d, long nanos, boolean succeeded, boolean stream) {
        String[] labels = {bounded(d.upstreamModel()), bounded(d.id()), bounded(d.provider()),
            bounded(d.modelGroup())};
        deploymentRequests.add(1, labels);
        (succeeded ? deploymentSuccesses : deploymentFailures).add(1, labels);
        llmApiLatency.observeNanos(nanos, labels);
        if (stream && succeeded) {
            timeToFirstToken.observeNanos(nanos, labels);
        }
    }

    void overhead(Served served, long nanos) {
        overhead.observeNanos(nanos, bounded(served.modelGroup()), bounded(served.provider()),
                bounded(served.upstreamModel()), bounded(served.deploymentId()));
    }

    /** The whole exposition, in the text format Prometheus scrapes. */
    public String scrape() {
        StringBuilder out = new StringBuilder(8192);
        for (CounterFamily c : List.of(requests, failedRequests, inputTokens, outputTokens, totalTokens, spend,
                cacheHits, successfulFallbacks, deploymentRequests, deploymentSuccesses, deploymentFailures)) {
            c.writeTo(out);
        }
        for (HistogramFamily h : List.of(totalLatency, llmApiLatency, timeToFirstToken, overhead)) {
            h.writeTo(out);
        }
        writeDeploymentStates(out, router.deploymentStates());
        writeBudgets(out, book.budgetLevels());
        HeadroomGauges.write(out, limiter.headroom());
        callbacks.writeTo(out);
        return out.toString();
    }

    /** LiteLLM's encoding: 0 healthy, 1 partial outage (failing, still served), 2 complete outage (cooled down). */
    static void writeDeploymentStates(StringBuilder out, List<DeploymentState> states) {
        PrometheusText.header(out, "litellm_deployment_state",
                "0 healthy, 1 partial outage (recent failures), 2 complete outage (cooling down)", "gauge");
        List<String> names = List.of("litellm_model_name", "model_id", "api_provider", "model_group");
        for (DeploymentState s : states) {
            Deployment d = s.deployment();
            out.append("litellm_deployment_state");
            PrometheusText.labels(out, names, List.of(d.upstreamModel(), d.id(), d.provider(), d.modelGroup()), null,
                    null);
            out.append(' ').append(s.coolingDown() ? 2 : s.recentFailures() > 0 ? 1 : 0).append('\n');
        }
    }

    /**
     * LiteLLM's remaining-budget gauges, labelled by key id (never the key or its hash) and team id. Read
     * from the ledger when scraped, so they cost the request path nothing.
     */
    static void writeBudgets(StringBuilder out, List<Ledger.BudgetLevel> levels) {
        writeBudgetFamily(out, levels, Payer.Kind.KEY, "litellm_remaining_api_key_budget_metric",
                "litellm_api_key_max_budget_metric", "api_key_id", "virtual key");
        writeBudgetFamily(out, levels, Payer.Kind.TEAM, "litellm_remaining_team_budget_metric",
                "litellm_team_max_budget_metric", "team", "team");
    }

    private static void writeBudgetFamily(StringBuilder out, List<Ledger.BudgetLevel> levels, Payer.Kind kind,
                                          String remaining, String max, String label, String what) {
        List<Ledger.BudgetLevel> mine = levels.stream().filter(l -> l.entity().kind() == kind).toList();
        PrometheusText.header(out, remaining, "Remaining budget of a " + what + " in USD (max_budget - spend)", "gauge");
        for (Ledger.BudgetLevel l : mine) {
            out.append(remaining);
            PrometheusText.labels(out, List.of(label), List.of(bounded(l.entity().id())), null, null);
            out.append(' ').append(l.remaining().stripTrailingZeros().toPlainString()).append('\n');
        }
        PrometheusText.header(out, max, "max_budget of a " + what + " in USD", "gauge");
        for (Ledger.BudgetLevel l : mine) {
            out.append(max);
            PrometheusText.labels(out, List.of(label), List.of(bounded(l.entity().id())), null, null);
            out.append(' ').append(l.maxBudget().stripTrailingZeros().toPlainString()).append('\n');
        }
    }

    /** The call's cost from the price table in nano-dollars: exact, and never a double. */
    static long nanoDollars(ModelFacts facts, long input, long output) {
        if (facts == null) {
            return 0;
        }
        BigDecimal cost = BigDecimal.ZERO;
        if (facts.inputCostPerToken() != null) {
            cost = cost.add(facts.inputCostPerToken().multiply(BigDecimal.valueOf(input)));
        }
        if (facts.outputCostPerToken() != null) {
            cost = cost.add(facts.outputCostPerToken().multiply(BigDecimal.valueOf(output)));
        }
        return cost.movePointRight(9).setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
    }

    /**
     * A configured group name as is; a name matched by a wildcard group only once a provider has
     * answered it (so it is a real model); anything else a client typed is {@code other}.
     */
    private String boundedModel(RequestCompleted call) {
        String requested = call.requestedModel();
        if (requested == null || requested.length() > MAX_LABEL_LENGTH) {
            return OTHER;
        }
        Set<String> names = groupNames;
        if (names == null) {
            names = Set.copyOf(catalog.modelNames());
            groupNames = names;
        }
        return names.contains(requested) || (call.served() != null && call.outcome() == Outcome.SUCCESS)
                ? requested : OTHER;
    }

    /** The caller's team id, or empty: operators create teams, so the label stays bounded. */
    static String teamOf(io.switchboard.access.Caller caller) {
        return caller == null || caller.key() == null || caller.key().teamId() == null ? "" : caller.key().teamId();
    }

    static String bounded(String value) {
        if (value == null) {
            return "";
        }
        return value.length() > MAX_LABEL_LENGTH ? value.substring(0, MAX_LABEL_LENGTH) : value;
    }
}
