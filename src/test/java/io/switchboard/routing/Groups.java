package io.switchboard.routing;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Model groups for router tests, and a fake adapter: each deployment answers with its id, or fails
 * as the test scripts it, and every attempt is recorded.
 */
final class Groups {
    final Map<String, List<ModelCatalog.Entry>> groups = new LinkedHashMap<>();
    final Map<String, Function<Integer, GatewayException>> failures = new HashMap<>();
    final Map<String, Integer> calls = new HashMap<>();
    final List<String> attempts = new ArrayList<>();
    final FakeClock clock = new FakeClock();
    /** How long each answer takes on the fake clock, by deployment id. */
    final Map<String, Duration> latency = new HashMap<>();

    Groups add(String group, String id, int weight, int order) {
        return add(group, new ModelCatalog.Entry(deployment(group, id, ModelFacts.UNKNOWN), weight, order));
    }

    Groups add(String group, ModelCatalog.Entry entry) {
        groups.computeIfAbsent(group, g -> new ArrayList<>()).add(entry);
        return this;
    }

    static Deployment deployment(String group, String id, ModelFacts facts) {
        return new Deployment(id, group, "openai", id, URI.create("http://127.0.0.1:1"), "sk-test", null,
                Duration.ofSeconds(30), Duration.ofSeconds(30), Map.of(), facts, false);
    }

    static ModelFacts window(int maxInputTokens) {
        return new ModelFacts(maxInputTokens, null, null, null, "chat");
    }

    static ModelFacts price(String in, String out) {
        return new ModelFacts(null, null, new BigDecimal(in), new BigDecimal(out), "chat");
    }

    /** Every call of {@code id} fails with {@code kind}. */
    Groups failing(String id, ErrorKind kind) {
        failures.put(id, n -> new GatewayException(kind, "scripted " + kind, null, "scripted"));
        return this;
    }

    Groups failing(String id, Function<Integer, GatewayException> byCallNumber) {
        failures.put(id, byCallNumber);
        return this;
    }

    Groups healthy(String id) {
        failures.remove(id);
        return this;
    }

    AttemptLoop loop(RoutingPolicy policy, RoutingStrategy strategy) {
        return new AttemptLoop(group -> {
            List<ModelCatalog.Entry> entries = groups.get(group);
            if (entries == null) {
                throw new GatewayException(ErrorKind.MODEL_NOT_FOUND, "no " + group, "model", "model_not_found");
            }
            return entries;
        }, policy, strategy, clock, new SplittableRandom(42));
    }

    /** The fake adapter: records the attempt, takes its latency, then answers or fails. */
    String call(Deployment d) {
        attempts.add(d.id());
        int n = calls.merge(d.id(), 1, Integer::sum);
        clock.advance(latency.getOrDefault(d.id(), Duration.ofMillis(10)));
        Function<Integer, GatewayException> failure = failures.get(d.id());
        GatewayException e = failure == null ? null : failure.apply(n);
        if (e != null) {
            throw e;
        }
        return d.id();
    }

    static GatewayException rateLimited(Duration retryAfter) {
        return new GatewayException(ErrorKind.RATE_LIMITED, "slow down", null, "rate_limit_exceeded", retryAfter);
    }
}
