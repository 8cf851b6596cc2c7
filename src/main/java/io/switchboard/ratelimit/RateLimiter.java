package io.switchboard.ratelimit;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Admits a call against every quota it is charged to, or refuses it with a 429 that says which limit
 * and when to come back. Parallel slots first (cheapest to give back), then requests, then the
 * estimated tokens; a refusal by any quota gives back what the others took, so a refused call costs
 * nobody a request.
 */
@ApplicationScoped
public class RateLimiter {
    private static final Logger LOG = Logger.getLogger(RateLimiter.class.getName());

    @Inject
    RedisLimits redis;

    @Inject
    Config config;

    /** Parties tracked for the headroom gauges; beyond this many, new ones are not (labels stay bounded). */
    static final int MAX_HEADROOM_GAUGES = 1000;

    private final InProcessLimits local = new InProcessLimits();
    private final Headroom headroom = new Headroom(MAX_HEADROOM_GAUGES);
    private LimitStore store;

    public RateLimiter() {
    }

    /** A limiter over the given counters (tests). */
    RateLimiter(LimitStore store) {
        this.store = store;
    }

    @PostConstruct
    void init() {
        RedisAddress address = RedisAddress.from(env("REDIS_URL"), env("REDIS_HOST"), env("REDIS_PORT"),
                env("REDIS_PASSWORD"));
        if (address == null) {
            store = local;
            LOG.info("Rate limits: in process (set REDIS_HOST or REDIS_URL to share them between instances)");
            return;
        }
        redis.connect(address, config.getOptionalValue("switchboard.ratelimit.redis-prefix", String.class)
                .orElse("switchboard:rl:"));
        store = redis;
        LOG.info("Rate limits: shared in Redis at " + address);
    }

    private String env(String name) {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    /**
     * @param holder          a unique id of the call (its call id), which names its parallel slots
     * @param estimatedTokens the prompt plus the most it may generate, reserved from TPM windows
     */
    public Permit admit(List<Quota> quotas, long estimatedTokens, String holder) {
        return admit(quotas, () -> estimatedTokens, holder);
    }

    /**
     * As above, with the estimate asked for only when a quota has a TPM window: counting a prompt's
     * tokens is the costliest part of an estimate, and most calls have no TPM limit.
     */
    public Permit admit(List<Quota> quotas, LongSupplier estimatedTokens, String holder) {
        Permit permit = new Permit(store, holder);
        Map<String, String> headers = new LinkedHashMap<>();
        try {
            for (Quota q : quotas) {
                if (q.maxParallel() != null && !store.takeSlot(q.scope(), q.maxParallel(), holder)) {
                    throw refused(q.scope(), "parallel requests", q.maxParallel(), Duration.ofSeconds(1), headers);
                }
                if (q.maxParallel() != null) {
                    permit.slot(q.scope());
                }
            }
            List<Ask> asks = new ArrayList<>(2 * quotas.size());
            for (Quota q : quotas) {
                if (q.rpm() != null) {
                    asks.add(new Ask(q, true, new LimitStore.Draw("rpm:" + q.scope(), q.rpm(), 1)));
                }
            }
            for (Quota q : quotas) {
                if (q.tpm() != null) {
                    // A call larger than the whole window takes all of it rather than waiting forever.
                    long amount = Math.max(1, Math.min(estimatedTokens.getAsLong(), q.tpm()));
                    asks.add(new Ask(q, false, new LimitStore.Draw("tpm:" + q.scope(), q.tpm(), amount)));
                }
            }
            if (!asks.isEmpty()) {
                List<Probe> probes = store.take(asks.stream().map(Ask::draw).toList());
                for (int i = 0; i < probes.size(); i++) {
                    Ask ask = asks.get(i);
                    Probe probe = probes.get(i);
                    tighter(headers, ask.requests ? "requests" : "tokens", ask.draw.capacity(), probe.remaining());
                    if (!probe.admitted()) {
                        throw refused(ask.quota.scope(), ask.requests ? "requests per minute" : "tokens per minute",
                                ask.draw.capacity(), wait(probe), headers);
                    }
                }
                for (int i = 0; i < probes.size(); i++) {
                    Ask ask = asks.get(i);
                    Probe probe = probes.get(i);
                    if (!ask.requests) {
                        permit.tokens(ask.draw, probe.window());
                    }
                    headroom.record(ask.requests ? "rpm" : "tpm", ask.quota.scope(), ask.draw.capacity(),
                            probe.remaining());
                }
            }
            return permit;
        } catch (RuntimeException e) {
            permit.cancel();
            throw e;
        }
    }

    /** What each limited party had left of its minute at its last admitted call, for {@code /metrics}. */
    public List<Headroom.Level> headroom() {
        return headroom.levels();
    }

    /** The in-process counters (also Redis's fallback), for tests. */
    public InProcessLimits local() {
        return local;
    }

    /** A window one quota asks of the store: its requests ({@code rpm}) or its tokens ({@code tpm}). */
    private record Ask(Quota quota, boolean requests, LimitStore.Draw draw) {
    }

    private static void tighter(Map<String, String> headers, String what, long limit, long remaining) {
        String key = "x-ratelimit-remaining-" + what;
        String current = headers.get(key);
        if (current == null || Long.parseLong(current) > remaining) {
            headers.put("x-ratelimit-limit-" + what, Long.toString(limit));
            headers.put(key, Long.toString(remaining));
        }
    }

    private static Duration wait(Probe probe) {
        return Duration.ofNanos(Math.max(probe.nanosUntilRoom(), 1_000_000_000L));
    }

    private static GatewayException refused(String scope, String what, long limit, Duration retryAfter,
                                            Map<String, String> headers) {
        String kind = scope.substring(0, scope.indexOf(':'));
        if (what.equals("requests per minute")) {
            headers.put("x-ratelimit-remaining-requests", "0");
        } else if (what.equals("tokens per minute")) {
            headers.put("x-ratelimit-remaining-tokens", "0");
        }
        return new GatewayException(ErrorKind.RATE_LIMITED, "Rate limit reached for this " + kind.replace('_', ' ')
                + ": " + limit + " " + what + ". Retry after " + Math.max(1, retryAfter.toSeconds()) + " s.",
                null, "rate_limit_exceeded", retryAfter, headers);
    }
}
