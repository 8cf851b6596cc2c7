package io.switchboard.routing;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.Deployment;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * The router's attempt loop, free of CDI so it is tested with a fake clock: choose a deployment of
 * the group, call it, and on failure retry (another deployment when there is one), cool failing
 * deployments down, then walk the fallback groups. Chat, completions, embeddings and stream opening
 * all run through {@link #execute}.
 */
public final class AttemptLoop {
    /** One attempt on one deployment; throws {@link GatewayException} on failure. */
    @FunctionalInterface
    public interface Attempt<T> {
        T call(Deployment deployment);
    }

    private final Function<String, List<ModelCatalog.Entry>> groups;
    private final RoutingPolicy policy;
    private final RoutingStrategy strategy;
    private final RouterClock clock;
    private final RandomGenerator random;
    private final RetryBudget budget;
    private final RetryRules rules;
    private final Map<String, DeploymentHealth> health = new ConcurrentHashMap<>();

    public AttemptLoop(Function<String, List<ModelCatalog.Entry>> groups, RoutingPolicy policy,
                       RoutingStrategy strategy, RouterClock clock, RandomGenerator random) {
        this.groups = groups;
        this.policy = policy;
        this.strategy = strategy;
        this.clock = clock;
        this.random = random;
        this.budget = new RetryBudget(policy.retryBudgetRatio(), policy.retryBudgetFloor());
        this.rules = new RetryRules(policy, random);
    }

    public <T> Routed<T> execute(String model, CallOptions options, Attempt<T> attempt) {
        budget.called(clock.nanos());
        String first = inRegion(policy.aliases().getOrDefault(model, model), options);
        Set<String> visited = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        queue.add(first);
        Tally tally = new Tally();
        int fallbacks = -1;
        GatewayException last = null;
        while (!queue.isEmpty()) {
            String group = queue.poll();
            if (!visited.add(group)) {
                continue; // a → b → a: each group is tried once per call
            }
            fallbacks++;
            try {
                return runGroup(group, options, attempt, tally, fallbacks);
            } catch (GatewayException e) {
                if (e.kind() == ErrorKind.MODEL_NOT_FOUND && last != null) {
                    continue; // a fallback names no group: the client learns of the failure that led here
                }
                last = e;
                if (!e.kind().fallbackAllowed() || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                for (String next : fallbacksFor(group, first, e.kind(), options)) {
                    if (!visited.contains(next)) {
                        queue.add(next);
                    }
                }
            }
        }
        throw last;
    }

    /** A read-only snapshot of {@code deployment}'s state (healthy and idle if it was never called). */
    public DeploymentState state(Deployment deployment) {
        DeploymentHealth h = health.get(deployment.id());
        if (h == null) {
            return new DeploymentState(deployment, false, 0, 0);
        }
        long now = clock.nanos();
        return new DeploymentState(deployment, h.coolingDownAt(now), h.failuresInMinuteOf(now), h.inFlight());
    }

    /**
     * The groups to try after {@code group} failed with {@code kind}: context-length and content-policy
     * errors have their own lists; any other error uses the call's {@code fallbacks}, else the group's,
     * else {@code default_fallbacks}. A fallback group's own fallbacks join the end of the queue.
     */
    private List<String> fallbacksFor(String group, String first, ErrorKind kind, CallOptions options) {
        if (kind == ErrorKind.CONTEXT_WINDOW_EXCEEDED) {
            return policy.contextWindowFallbacks().getOrDefault(group, List.of());
        }
        if (kind == ErrorKind.CONTENT_FILTERED) {
            return policy.contentPolicyFallbacks().getOrDefault(group, List.of());
        }
        if (options.fallbacks() != null && group.equals(first)) {
            return options.fallbacks();
        }
        List<String> own = policy.fallbacks().get(group);
        if (own != null) {
            return own;
        }
        return group.equals(first) ? policy.defaultFallbacks() : List.of();
    }

    private <T> Routed<T> runGroup(String group, CallOptions options, Attempt<T> attempt, Tally tally,
                                   int fallbacks) {
        List<Candidate> all = candidates(group, options);
        Set<Candidate> failed = new HashSet<>();
        GatewayException last = null;
        for (int attemptNo = 0; ; attemptNo++) {
            long now = clock.nanos();
            Candidate chosen = choose(all, failed, options, now);
            if (chosen == null) {
                throw last != null ? last : new GatewayException(ErrorKind.RATE_LIMITED, "Every deployment of model '"
                        + group + "' is cooling down or at its rate limit; retry later.", "model",
                        "no_deployment_available", policy.cooldownTime());
            }
            DeploymentHealth h = chosen.health();
            h.used(now, options.inputTokens());
            h.started();
            long attemptStart = clock.nanos();
            try {
                T value = attempt.call(chosen.entry().deployment());
                long end = clock.nanos();
                tally.attemptNanos += end - attemptStart;
                h.succeeded(end - now, options.stream());
                return new Routed<>(value, chosen.entry().deployment(), tally.retries, fallbacks,
                        rules.retriesAllowed(options, chosen, null), tally.attemptNanos);
            } catch (GatewayException e) {
                tally.attemptNanos += clock.nanos() - attemptStart;
                last = e;
                recordFailure(chosen, e, all);
                failed.add(chosen);
                // An interrupted thread means the call was cancelled (a during_call guardrail blocked it, or the
                // deadline passed): another attempt would only send the provider a request nobody waits for.
                if (!e.kind().retryable() || Thread.currentThread().isInterrupted()
                        || attemptNo >= rules.retriesAllowed(options, chosen, e.kind())
                        || !budget.tryRetry(clock.nanos())) {
                    throw e;
                }
                Duration wait = rules.waitBefore(attemptNo, e, choose(all, failed, options, clock.nanos()) != null
                        && hasUntried(all, failed));
                if (!wait.isZero()) {
                    long sleepStart = clock.nanos();
                    clock.sleep(wait);
                    tally.attemptNanos += clock.nanos() - sleepStart;
                }
                tally.retries++;
            } finally {
                h.finished();
            }
        }
    }

    /**
     * The deployments the call's first group offers in its region: the asked group (alias resolved), or the
     * end user's {@code default_model} when that serves instead. What admission prices the call on, so the
     * reservation follows the model that will be served, not the one asked. When nothing is in the region the
     * whole group is given: the call is refused here anyway, with the region's error.
     */
    List<ModelCatalog.Entry> firstGroup(String model, CallOptions options) {
        List<ModelCatalog.Entry> group = groups.apply(inRegion(policy.aliases().getOrDefault(model, model), options));
        List<ModelCatalog.Entry> inRegion = group.stream()
                .filter(e -> DeploymentRegion.serves(e.deployment(), options.region())).toList();
        return inRegion.isEmpty() ? group : inRegion;
    }

    /**
     * Every deployment a call may end on: its first group and, breadth first, every group a fallback
     * list could lead to (the call's own {@code fallbacks}, the group's, {@code default_fallbacks},
     * context-window and content-policy fallbacks). A budget reservation is priced on all of them, so
     * a fallback to a dearer model cannot spend past what was reserved.
     */
    List<ModelCatalog.Entry> reachable(String model, CallOptions options) {
        List<ModelCatalog.Entry> reached = new ArrayList<>(firstGroup(model, options));
        String first = inRegion(policy.aliases().getOrDefault(model, model), options);
        Set<String> seen = new HashSet<>(Set.of(first));
        ArrayDeque<String> queue = new ArrayDeque<>(fallbackGroups(first, first, options));
        while (!queue.isEmpty()) {
            String name = queue.poll();
            String next = policy.aliases().getOrDefault(name, name);
            if (!seen.add(next)) {
                continue;
            }
            try {
                reached.addAll(groups.apply(next));
            } catch (RuntimeException notAGroup) {
                continue; // a fallback naming no group is skipped by the call too
            }
            queue.addAll(fallbackGroups(next, first, options));
        }
        return reached;
    }

    /** Every group {@link #fallbacksFor} could name after {@code group}, whatever the failure. */
    private List<String> fallbackGroups(String group, String first, CallOptions options) {
        List<String> next = new ArrayList<>();
        for (ErrorKind kind : List.of(ErrorKind.CONTEXT_WINDOW_EXCEEDED, ErrorKind.CONTENT_FILTERED,
                ErrorKind.UPSTREAM_UNAVAILABLE)) {
            next.addAll(fallbacksFor(group, first, kind, options));
        }
        return next;
    }

    /**
     * The group that serves a call held to an end user's region: the asked one when it has a deployment
     * there, else the end user's {@code default_model} (LiteLLM: "if no equivalent model in allowed region,
     * default all requests to this model"); without one the asked group stays and is refused by
     * {@link #candidates}.
     */
    private String inRegion(String group, CallOptions options) {
        if (options.regionDefault() == null
                || groups.apply(group).stream().anyMatch(e -> DeploymentRegion.serves(e.deployment(), options.region()))) {
            return group;
        }
        return policy.aliases().getOrDefault(options.regionDefault(), options.regionDefault());
    }

    /**
     * The group's deployments that may serve this call: credentialed, in the end user's region,
     * tag-matched, and fitting the prompt.
     */
    private List<Candidate> candidates(String group, CallOptions options) {
        List<ModelCatalog.Entry> entries = groups.apply(group);
        List<Candidate> result = new ArrayList<>(entries.size());
        boolean anyCredentialed = false;
        boolean anyTagged = false;
        boolean anyInRegion = false;
        for (ModelCatalog.Entry e : entries) {
            anyCredentialed |= e.credentialed();
            boolean inRegion = DeploymentRegion.serves(e.deployment(), options.region());
            anyInRegion |= inRegion;
            if (!e.credentialed() || !inRegion || !tagsMatch(e, options.tags(), entries)) {
                continue;
            }
            anyTagged = true;
            Integer window = e.deployment().facts().maxInputTokens();
            if (options.inputTokens() > 0 && window != null && options.inputTokens() > window) {
                continue;
            }
            result.add(new Candidate(e, health.computeIfAbsent(e.deployment().id(), id -> new DeploymentHealth())));
        }
        if (!anyCredentialed) {
            String variable = entries.get(0).keyVariable();
            throw new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "No deployment of model '" + group
                    + "' has provider credentials configured" + (variable == null ? "." : ": set " + variable
                    + " or litellm_params.api_key."), "model", "no_credentials");
        }
        if (!anyInRegion) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "No deployment of model '" + group + "' is in"
                    + " the region this end user is held to ('" + options.region() + "').", "user",
                    "no_deployment_in_region");
        }
        if (!anyTagged) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "No deployment of model '" + group
                    + "' carries the tags " + options.tags() + ".", "tags", "no_deployment_for_tags");
        }
        if (result.isEmpty()) {
            throw new GatewayException(ErrorKind.CONTEXT_WINDOW_EXCEEDED, "The prompt (about "
                    + options.inputTokens() + " tokens) is longer than the context window of every deployment of"
                    + " model '" + group + "'.", "messages", "context_length_exceeded");
        }
        return result;
    }

    /**
     * LiteLLM's tag routing: a tagged call goes to deployments sharing a tag; an untagged call goes to
     * the deployments tagged {@code default} when there are any, else to all.
     */
    private static boolean tagsMatch(ModelCatalog.Entry e, List<String> tags, List<ModelCatalog.Entry> group) {
        if (tags.isEmpty()) {
            boolean groupHasDefault = group.stream().anyMatch(g -> g.tags().contains("default"));
            return !groupHasDefault || e.tags().contains("default");
        }
        for (String tag : tags) {
            if (e.tags().contains(tag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The strategy's pick from the best {@code order} tier that has a healthy, untried deployment;
     * tried ones come back only when every healthy one was tried (a retry on the same deployment).
     */
    private Candidate choose(List<Candidate> all, Set<Candidate> failed, CallOptions options, long now) {
        List<Candidate> healthy = new ArrayList<>(all.size());
        for (Candidate c : all) {
            if (!c.health().coolingDown(now)) {
                healthy.add(c);
            }
        }
        List<Candidate> untried = new ArrayList<>(healthy.size());
        for (Candidate c : healthy) {
            if (!failed.contains(c)) {
                untried.add(c);
            }
        }
        Candidate pick = pickByTier(untried, options, now);
        return pick != null ? pick : pickByTier(healthy, options, now);
    }

    private Candidate pickByTier(List<Candidate> pool, CallOptions options, long now) {
        List<Candidate> remaining = new ArrayList<>(pool);
        RoutingStrategy.Context context = new RoutingStrategy.Context(options.stream(), options.inputTokens(), now,
                random);
        while (!remaining.isEmpty()) {
            int best = Integer.MAX_VALUE;
            for (Candidate c : remaining) {
                best = Math.min(best, c.entry().order());
            }
            List<Candidate> tier = new ArrayList<>();
            for (Candidate c : remaining) {
                if (c.entry().order() == best) {
                    tier.add(c);
                }
            }
            Candidate pick = strategy.pick(tier, context);
            if (pick != null) {
                return pick;
            }
            remaining.removeAll(tier); // this tier is at capacity: the next one takes the call
        }
        return null;
    }

    private static boolean hasUntried(List<Candidate> all, Set<Candidate> failed) {
        return failed.size() < all.size();
    }

    /**
     * LiteLLM's cooldown rule: a deployment cools down for {@code cooldown_time} when it fails more than
     * {@code allowed_fails} times in a minute, or at once on 429, 401, 404 or a timeout, or when a probe
     * after a cooldown fails; never when it is the group's last healthy deployment. Errors that are the
     * request's fault (a too-long prompt, a bad parameter, a content filter) do not count.
     */
    private void recordFailure(Candidate c, GatewayException e, List<Candidate> all) {
        ErrorKind kind = e.kind();
        if (!kind.retryable() && kind != ErrorKind.NOT_FOUND) {
            return;
        }
        long now = clock.nanos();
        int fails = c.health().failed(now);
        boolean immediate = kind == ErrorKind.RATE_LIMITED || kind == ErrorKind.REQUEST_TIMEOUT
                || kind == ErrorKind.NOT_FOUND || "upstream_authentication_failed".equals(e.code())
                || c.health().probing();
        if ((immediate || fails > policy.allowedFails()) && !policy.cooldownTime().isZero()
                && anotherHealthy(c, all, now)) {
            long cooldown = policy.cooldownTime().toNanos();
            if (e.retryAfter() != null && kind == ErrorKind.RATE_LIMITED) {
                cooldown = Math.max(cooldown, Math.min(e.retryAfter().toNanos(), policy.maxBackoff().toNanos() * 6));
            }
            c.health().coolDown(now, cooldown);
        }
    }

    private static boolean anotherHealthy(Candidate c, List<Candidate> all, long now) {
        for (Candidate other : all) {
            if (other != c && !other.health().coolingDown(now)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What one call has spent so far across groups: retries made, and the time inside attempts and
     * the back-off between them, which is the upstream's share of the call, not the gateway's.
     */
    private static final class Tally {
        int retries;
        long attemptNanos;
    }
}
