package io.switchboard.access;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A key's {@code allowed_routes}, as LiteLLM reads them: an empty list allows every route; otherwise
 * an entry allows the route it names exactly, every route below it ({@code /key} allows
 * {@code /key/info}, not {@code /keyring}), every route starting with its text when it ends in
 * {@code *}, or a whole group by LiteLLM's name for it ({@code llm_api_routes}, {@code info_routes},
 * ...).
 *
 * <p>Routes are compared without a leading {@code /v1} or {@code /v2}: the gateway serves
 * {@code /chat/completions} and {@code /v1/chat/completions} alike, so allowing one allows both
 * (LiteLLM needs both spellings listed). The list only ever narrows a key: what the caller's role
 * may do is decided by the services, so listing an admin route grants nothing.
 */
public final class AllowedRoutes {
    private static final List<String> OPENAI = List.of("/chat/completions", "/completions", "/embeddings",
            "/models", "/rerank", "/responses", "/images", "/audio", "/moderations");
    private static final List<String> ANTHROPIC = List.of("/messages");
    private static final Map<String, List<String>> GROUPS = Map.of(
            "openai_routes", OPENAI,
            "anthropic_routes", ANTHROPIC,
            "llm_api_routes", concat(OPENAI, ANTHROPIC),
            "info_routes", List.of("/key/info", "/key/list", "/team/info", "/team/list", "/user/info",
                    "/organization/info", "/organization/list", "/model/info", "/models", "/health"),
            "management_routes", List.of("/key", "/team", "/user", "/organization", "/customer", "/budget",
                    "/model/new", "/model/update", "/model/delete"),
            "spend_tracking_routes", List.of("/spend", "/global/spend"));
    /**
     * Each entry's normalized form, worked out once: the check runs on every request (the authentication
     * mechanism asks it whether a route is an admin route), and normalizing the entries each time was most of
     * its cost. Entries come from the groups above and from keys' {@code allowed_routes}, which admins write,
     * so the map stays small.
     */
    private static final Map<String, Grant> GRANTS = new ConcurrentHashMap<>();

    private AllowedRoutes() {
    }

    /** @param route the request's path from the application's root, e.g. {@code /v1/chat/completions} */
    public static boolean allows(List<String> allowed, String route) {
        if (allowed == null || allowed.isEmpty()) {
            return true;
        }
        String spelled = normalized(route);
        String wanted = withoutVersion(spelled);
        for (String entry : allowed) {
            List<String> group = GROUPS.get(entry);
            for (String granted : group != null ? group : List.of(entry)) {
                if (grants(granted, spelled, wanted)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A {@code *} prefix is matched as spelled ({@code /v1/*} is the versioned routes), a route either way. */
    private static boolean grants(String entry, String spelled, String route) {
        return GRANTS.computeIfAbsent(entry, Grant::of).grants(spelled, route);
    }

    /** An entry, normalized: a prefix matched as spelled, or a route matched with what lies below it. */
    private record Grant(boolean prefix, String path, String below) {
        static Grant of(String entry) {
            if (entry.endsWith("*")) {
                String prefix = normalized(entry.substring(0, entry.length() - 1));
                return new Grant(true, prefix, prefix.equals("/") ? prefix : prefix + "/");
            }
            String granted = canonical(entry);
            return new Grant(false, granted, granted + "/");
        }

        boolean grants(String spelled, String route) {
            String candidate = prefix ? spelled : route;
            return candidate.equals(path) || candidate.startsWith(below);
        }
    }

    /** {@link #normalized} without a leading /v1 or /v2. */
    static String canonical(String path) {
        return withoutVersion(normalized(path));
    }

    private static String withoutVersion(String normalized) {
        if (normalized.startsWith("/v1/") || normalized.startsWith("/v2/")) {
            return normalized.substring(3);
        }
        return normalized;
    }

    /** Lower case, one leading slash, no empty segments, no matrix parameters, no trailing slash. */
    private static String normalized(String path) {
        StringBuilder out = new StringBuilder();
        for (String segment : path.toLowerCase(Locale.ROOT).split("/")) {
            int matrix = segment.indexOf(';');
            String name = matrix < 0 ? segment : segment.substring(0, matrix);
            if (!name.isEmpty()) {
                out.append('/').append(name);
            }
        }
        return out.length() == 0 ? "/" : out.toString();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}
