package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A request's own cache controls, LiteLLM's {@code "cache": {...}} body field
 * (docs.litellm.ai/docs/proxy/caching_controls).
 *
 * @param noCache   do not answer from the cache (the fresh answer is still stored)
 * @param noStore   do not store this answer
 * @param ttl       keep this answer this long instead of the configured ttl; null for the default
 * @param sMaxAge   only accept a cached answer at most this old; null for any age
 * @param namespace a sub-namespace (inside the caller's tenant: it never reaches another team's answers)
 */
public record CacheControls(boolean noCache, boolean noStore, Duration ttl, Duration sMaxAge, String namespace) {
    public static final CacheControls NONE = new CacheControls(false, false, null, null, null);
    public static final Set<String> NAMES = Set.of("no-cache", "no-store", "ttl", "s-maxage", "namespace");
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    /** Reads the {@code cache} field of a request; a 400 names what is wrong with it. */
    public static CacheControls read(JsonNode cache) {
        if (cache == null || cache.isNull() || cache.isMissingNode()) {
            return NONE;
        }
        if (!cache.isObject()) {
            throw invalid("'cache' must be an object such as {\"no-cache\": true}.");
        }
        cache.fieldNames().forEachRemaining(name -> {
            if (!NAMES.contains(name)) {
                throw invalid("Unknown cache control 'cache." + name + "'; supported: " + new java.util.TreeSet<>(NAMES)
                        + ".");
            }
        });
        String namespace = null;
        JsonNode ns = cache.path("namespace");
        if (!ns.isMissingNode() && !ns.isNull()) {
            if (!ns.isTextual() || !NAMESPACE.matcher(ns.asText()).matches()) {
                throw invalid("'cache.namespace' must be 1-128 letters, digits, '.', '_', ':' or '-'.");
            }
            namespace = ns.asText();
        }
        return new CacheControls(flag(cache, "no-cache"), flag(cache, "no-store"), seconds(cache, "ttl"),
                seconds(cache, "s-maxage"), namespace);
    }

    /**
     * Refuses a control the caller's key may not use, as LiteLLM's cache-control check does: every
     * control the request names counts (even {@code "no-cache": false}), an empty list allows all, and
     * the master key has no list.
     */
    static void requireAllowed(JsonNode cache, Caller caller) {
        if (cache == null || !cache.isObject() || caller == null || caller.key() == null
                || caller.key().allowedCacheControls().isEmpty()) {
            return;
        }
        List<String> allowed = caller.key().allowedCacheControls();
        cache.fieldNames().forEachRemaining(name -> {
            if (!allowed.contains(name)) {
                throw new GatewayException(ErrorKind.PERMISSION, "Not allowed to set '" + name + "' as a cache"
                        + " control; this key may set " + allowed + ". Ask an admin to change its allowed_cache_controls.",
                        "cache", "cache_control_not_allowed");
            }
        });
    }

    /** The controls a request used. */
    public Set<String> used() {
        Set<String> used = new java.util.TreeSet<>();
        if (noCache) {
            used.add("no-cache");
        }
        if (noStore) {
            used.add("no-store");
        }
        if (ttl != null) {
            used.add("ttl");
        }
        if (sMaxAge != null) {
            used.add("s-maxage");
        }
        if (namespace != null) {
            used.add("namespace");
        }
        return used;
    }

    private static boolean flag(JsonNode cache, String name) {
        JsonNode n = cache.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return false;
        }
        if (!n.isBoolean()) {
            throw invalid("'cache." + name + "' must be true or false.");
        }
        return n.asBoolean();
    }

    private static Duration seconds(JsonNode cache, String name) {
        JsonNode n = cache.path(name);
        if (n.isMissingNode() || n.isNull()) {
            return null;
        }
        // A year is far beyond any sensible cache lifetime and keeps the arithmetic far from overflow.
        if (!n.isNumber() || n.asDouble() < 0 || n.asDouble() > 366L * 24 * 3600) {
            throw invalid("'cache." + name + "' must be a number of seconds between 0 and 31622400.");
        }
        return Duration.ofMillis(Math.round(n.asDouble() * 1000));
    }

    private static GatewayException invalid(String message) {
        return new GatewayException(ErrorKind.INVALID_REQUEST, message, "cache", "invalid_cache_control");
    }
}
