package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code /key/*} route against every role, with the expected status of each cell, printed as a
 * table. Users, teams and memberships are seeded straight into the PostgreSQL database (the
 * user and team admin routes are not built yet); keys are made through {@code /key/generate}.
 * "own team" targets are keys in team t1 (where the team admin is admin), "other team" in t2.
 */
final class AuthzMatrix {
    static final List<String> ROLES = List.of("anonymous", "virtual key", "internal_user_viewer", "internal_user",
            "team admin", "proxy_admin_viewer", "proxy_admin", "master key");
    static final List<String> ROUTES = List.of("POST /key/generate (own team)", "POST /key/update (own team)",
            "POST /key/update (other team)", "POST /key/block (own team)", "POST /key/unblock (own team)",
            "POST /key/regenerate (own team)", "POST /key/delete (own team)", "GET /key/info (other team)",
            "GET /key/list");
    /** Expected statuses, one string per route in ROLES order. */
    static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put(ROUTES.get(0), List.of(401, 403, 403, 403, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(1), List.of(401, 404, 404, 404, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(2), List.of(401, 404, 404, 404, 404, 403, 200, 200));
        EXPECTED.put(ROUTES.get(3), List.of(401, 404, 404, 404, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(4), List.of(401, 404, 404, 404, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(5), List.of(401, 404, 404, 404, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(6), List.of(401, 404, 404, 404, 200, 403, 200, 200));
        EXPECTED.put(ROUTES.get(7), List.of(401, 404, 404, 404, 404, 200, 200, 200));
        EXPECTED.put(ROUTES.get(8), List.of(401, 200, 200, 200, 200, 200, 200, 200));
    }

    private final VirtualKeysIT it;
    private final GatewayServer server;
    private final Connection db;

    AuthzMatrix(VirtualKeysIT it, GatewayServer server, Connection db) {
        this.it = it;
        this.server = server;
        this.db = db;
    }

    void run() throws Exception {
        seed();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("anonymous", null);
        keys.put("virtual key", generate("{\"key_alias\":\"plain\"}"));
        keys.put("internal_user_viewer", generate("{\"user_id\":\"u-intv\"}"));
        keys.put("internal_user", generate("{\"user_id\":\"u-int\",\"models\":[\"gpt-4o-mini\"],\"max_budget\":1}"));
        keys.put("team admin", generate("{\"user_id\":\"u-tadmin\",\"team_id\":\"t1\"}"));
        keys.put("proxy_admin_viewer", generate("{\"user_id\":\"u-viewer\"}"));
        keys.put("proxy_admin", generate("{\"user_id\":\"u-admin\"}"));
        keys.put("master key", VirtualKeysIT.MASTER);
        String otherTeam = id(generate("{\"team_id\":\"t2\",\"key_alias\":\"other\"}"));

        StringBuilder table = new StringBuilder("| route | " + String.join(" | ", ROLES) + " |\n|---|"
                + "---|".repeat(ROLES.size()) + "\n");
        StringBuilder mismatches = new StringBuilder();
        for (String route : ROUTES) {
            table.append("| ").append(route).append(" |");
            for (int r = 0; r < ROLES.size(); r++) {
                String role = ROLES.get(r);
                int status = attempt(route, keys.get(role), otherTeam);
                int expected = EXPECTED.get(route).get(r);
                table.append(' ').append(status).append(status == expected ? "" : " (expected " + expected + ")")
                        .append(" |");
                if (status != expected) {
                    mismatches.append(route).append(" as ").append(role).append(": ").append(status).append('\n');
                }
            }
            table.append('\n');
        }
        System.out.println("[governance-it] authorization matrix (HTTP status per route and role):\n" + table);
        escalations(keys);
        assertEquals("", mismatches.toString());
    }

    private int attempt(String route, String key, String otherTeam) throws Exception {
        String ownTeam = id(generate("{\"team_id\":\"t1\"}"));
        HttpResponse<String> r = switch (route.substring(0, route.indexOf(" (") < 0 ? route.length() : route.indexOf(" ("))) {
            case "POST /key/generate" -> it.send(server, key, "/key/generate", "{\"team_id\":\"t1\"}");
            case "POST /key/update" -> it.send(server, key, "/key/update", "{\"key\":\""
                    + (route.contains("other") ? otherTeam : ownTeam) + "\",\"key_alias\":\"renamed\"}");
            case "POST /key/block" -> it.send(server, key, "/key/block", "{\"key\":\"" + ownTeam + "\"}");
            case "POST /key/unblock" -> it.send(server, key, "/key/unblock", "{\"key\":\"" + ownTeam + "\"}");
            case "POST /key/regenerate" -> it.send(server, key, "/key/regenerate", "{\"key\":\"" + ownTeam + "\"}");
            case "POST /key/delete" -> it.send(server, key, "/key/delete", "{\"keys\":[\"" + ownTeam + "\"]}");
            case "GET /key/info" -> it.send(server, key, "/key/info?key=" + otherTeam, null);
            case "GET /key/list" -> it.send(server, key, "/key/list", null);
            default -> throw new IllegalArgumentException(route);
        };
        return r.statusCode();
    }

    /** Attempts to grant more than the caller holds; each must be refused with 403. */
    private void escalations(Map<String, String> keys) throws Exception {
        String user = keys.get("internal_user");
        String teamAdmin = keys.get("team admin");
        Map<String, String[]> attempts = new LinkedHashMap<>();
        attempts.put("internal_user grants a bigger budget", new String[] {user, "/key/generate", "{\"max_budget\":100}"});
        attempts.put("internal_user grants every model", new String[] {user, "/key/generate", "{\"models\":[\"*\"]}"});
        attempts.put("internal_user grants a model it lacks",
                new String[] {user, "/key/generate", "{\"models\":[\"openai/gpt-4o\"]}"});
        attempts.put("internal_user grants admin routes",
                new String[] {user, "/key/generate", "{\"allowed_routes\":[\"/key/generate\"]}"});
        attempts.put("internal_user makes a key for another user",
                new String[] {user, "/key/generate", "{\"user_id\":\"u-admin\"}"});
        attempts.put("internal_user attaches a budget row", new String[] {user, "/key/generate", "{\"budget_id\":\"b1\"}"});
        attempts.put("team admin makes a key in another team", new String[] {teamAdmin, "/key/generate", "{\"team_id\":\"t2\"}"});
        attempts.put("team admin makes a key for a non-member",
                new String[] {teamAdmin, "/key/generate", "{\"team_id\":\"t1\",\"user_id\":\"u-admin\"}"});
        attempts.put("viewer makes a key", new String[] {keys.get("proxy_admin_viewer"), "/key/generate", "{}"});
        StringBuilder out = new StringBuilder("| escalation attempt | status |\n|---|---|\n");
        StringBuilder wrong = new StringBuilder();
        for (Map.Entry<String, String[]> a : attempts.entrySet()) {
            int status = it.send(server, a.getValue()[0], a.getValue()[1], a.getValue()[2]).statusCode();
            out.append("| ").append(a.getKey()).append(" | ").append(status).append(" |\n");
            if (status != 403) {
                wrong.append(a.getKey()).append(": ").append(status).append('\n');
            }
        }
        JsonNode own = it.call(server, user, "/key/info", null, 200);
        int raise = it.send(server, user, "/key/update", "{\"key\":\"" + own.get("key").asText()
                + "\",\"max_budget\":50}").statusCode();
        out.append("| internal_user raises its own key's budget | ").append(raise).append(" |\n");
        if (raise != 403) {
            wrong.append("raise own budget: ").append(raise);
        }
        System.out.println("[governance-it] escalation attempts:\n" + out);
        assertEquals("", wrong.toString());
    }

    private String generate(String body) throws Exception {
        return it.call(server, VirtualKeysIT.MASTER, "/key/generate", body, 200).get("key").asText();
    }

    private String id(String key) throws Exception {
        return it.call(server, VirtualKeysIT.MASTER, "/key/info?key=" + key, null, 200).get("key").asText();
    }

    private void seed() throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO sb_teams (team_id, team_alias, created_at, updated_at) VALUES"
                    + " ('t1', 'one', now(), now()), ('t2', 'two', now(), now())");
            s.execute("INSERT INTO sb_budgets (budget_id, max_budget, created_at, updated_at) VALUES ('b1', 1000, now(), now())");
            for (String[] u : new String[][] {{"u-admin", "proxy_admin"}, {"u-viewer", "proxy_admin_viewer"},
                    {"u-int", "internal_user"}, {"u-intv", "internal_user_viewer"}, {"u-tadmin", "internal_user"}}) {
                s.execute("INSERT INTO sb_users (user_id, user_role, created_at, updated_at) VALUES ('" + u[0] + "', '"
                        + u[1] + "', now(), now())");
            }
            s.execute("INSERT INTO sb_team_memberships (team_id, user_id, role, created_at) VALUES ('t1', 'u-tadmin', 'admin', now())");
        }
    }
}
