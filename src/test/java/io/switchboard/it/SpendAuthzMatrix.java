package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every customer, budget and spend route against every role, with the expected status of each cell,
 * printed as a table; then what each role's /spend/logs actually holds. Users, teams and memberships
 * are seeded straight into PostgreSQL (their admin routes are built elsewhere); keys come from
 * /key/generate and make real calls first, so the spend rows have owners.
 */
final class SpendAuthzMatrix {
    static final List<String> ROLES = List.of("anonymous", "virtual key (no user)", "internal_user",
            "other internal_user", "team admin (t1)", "proxy_admin_viewer", "proxy_admin", "master key");
    private static final List<Integer> ADMIN_ONLY = List.of(401, 403, 403, 403, 403, 403, 200, 200);
    private static final List<Integer> READERS = List.of(401, 403, 403, 403, 403, 200, 200, 200);
    static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        for (String route : List.of("POST /customer/new", "POST /customer/update", "POST /customer/block",
                "POST /customer/unblock", "POST /customer/delete", "POST /budget/new", "POST /budget/update",
                "POST /budget/delete")) {
            EXPECTED.put(route, ADMIN_ONLY);
        }
        for (String route : List.of("GET /customer/info", "GET /customer/list", "POST /budget/info", "GET /budget/list",
                "GET /global/spend/report", "POST /spend/calculate")) {
            EXPECTED.put(route, READERS);
        }
        EXPECTED.put("GET /spend/logs", List.of(401, 403, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /spend/logs?user_id=u-int", List.of(401, 403, 200, 403, 200, 200, 200, 200));
        EXPECTED.put("GET /spend/logs?api_key=<u-int's key id>", List.of(401, 403, 200, 403, 403, 200, 200, 200));
        EXPECTED.put("GET /spend/logs?team_id=t1", List.of(401, 403, 403, 403, 200, 200, 200, 200));
    }

    private final SpendReportsIT it;
    private final GatewayServer server;
    private final Connection db;
    private int fresh;

    SpendAuthzMatrix(SpendReportsIT it, GatewayServer server, Connection db) {
        this.it = it;
        this.server = server;
        this.db = db;
    }

    void run() throws Exception {
        seed();
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put(ROLES.get(0), null);
        keys.put(ROLES.get(1), generate("{\"key_alias\":\"plain\"}").get("key").asText());
        JsonNode internal = generate("{\"user_id\":\"u-int\"}");
        keys.put(ROLES.get(2), internal.get("key").asText());
        keys.put(ROLES.get(3), generate("{\"user_id\":\"u-other\"}").get("key").asText());
        keys.put(ROLES.get(4), generate("{\"user_id\":\"u-tadmin\",\"team_id\":\"t1\"}").get("key").asText());
        keys.put(ROLES.get(5), generate("{\"user_id\":\"u-viewer\"}").get("key").asText());
        keys.put(ROLES.get(6), generate("{\"user_id\":\"u-admin\"}").get("key").asText());
        keys.put(ROLES.get(7), SpendReportsIT.MASTER);
        String internalKeyId = internal.get("key_id").asText();
        int before = it.call(server, SpendReportsIT.MASTER, "/spend/logs", null, 200).size();
        for (String role : List.of(ROLES.get(2), ROLES.get(2), ROLES.get(3), ROLES.get(4))) {
            assertEquals(200, it.chatRaw(server, keys.get(role), "cust-matrix", 4, 10).statusCode());
        }
        it.awaitRows(server, before + 4);
        admin("/customer/new", "{\"user_id\":\"cust-matrix-target\"}");
        admin("/budget/new", "{\"budget_id\":\"b-matrix\",\"max_budget\":10}");

        StatusMatrix.check("spendreports-it", ROLES, EXPECTED,
                (route, role) -> attempt(route, keys.get(role), internalKeyId));
        whatEachRoleSees(keys);
    }

    /** A 200 is not enough: each caller's /spend/logs holds its own rows and nothing else. */
    private void whatEachRoleSees(Map<String, String> keys) throws Exception {
        JsonNode internal = it.call(server, keys.get(ROLES.get(2)), "/spend/logs", null, 200);
        assertEquals(2, internal.size(), internal.toString());
        internal.forEach(row -> assertEquals("u-int", row.get("user").asText()));
        JsonNode other = it.call(server, keys.get(ROLES.get(3)), "/spend/logs", null, 200);
        assertEquals(1, other.size());
        assertEquals("u-other", other.get(0).get("user").asText());
        JsonNode teamAdmin = it.call(server, keys.get(ROLES.get(4)), "/spend/logs", null, 200);
        assertEquals(1, teamAdmin.size());
        assertEquals("t1", teamAdmin.get(0).get("team_id").asText());
        JsonNode teamAdminAsksForUser = it.call(server, keys.get(ROLES.get(4)), "/spend/logs?user_id=u-int", null, 200);
        assertEquals(0, teamAdminAsksForUser.size(), "a team admin sees a user's rows only within its teams");
        JsonNode all = it.call(server, keys.get(ROLES.get(5)), "/spend/logs", null, 200);
        assertEquals(it.call(server, SpendReportsIT.MASTER, "/spend/logs", null, 200), all, "the viewer sees every row");
        System.out.println("[spendreports-it] /spend/logs rows seen: internal_user " + internal.size()
                + ", other internal_user " + other.size() + ", team admin " + teamAdmin.size() + ", viewer " + all.size());
    }

    private int attempt(String route, String key, String internalKeyId) throws Exception {
        String id = "matrix-" + (++fresh);
        String[] call = switch (route) {
            case "POST /customer/new" -> new String[] {"/customer/new", "{\"user_id\":\"" + id + "\"}"};
            case "POST /customer/update" -> new String[] {"/customer/update",
                    "{\"user_id\":\"cust-matrix-target\",\"alias\":\"" + id + "\"}"};
            case "POST /customer/block" -> new String[] {"/customer/block", "{\"user_ids\":[\"cust-matrix-target\"]}"};
            case "POST /customer/unblock" -> new String[] {"/customer/unblock", "{\"user_ids\":[\"cust-matrix-target\"]}"};
            case "POST /customer/delete" -> new String[] {"/customer/delete", "{\"user_ids\":[\""
                    + admin("/customer/new", "{\"user_id\":\"" + id + "\"}").get("user_id").asText() + "\"]}"};
            case "POST /budget/new" -> new String[] {"/budget/new", "{\"budget_id\":\"" + id + "\"}"};
            case "POST /budget/update" -> new String[] {"/budget/update", "{\"budget_id\":\"b-matrix\",\"rpm_limit\":5}"};
            case "POST /budget/delete" -> new String[] {"/budget/delete", "{\"id\":\""
                    + admin("/budget/new", "{\"budget_id\":\"" + id + "\"}").get("budget_id").asText() + "\"}"};
            case "GET /customer/info" -> new String[] {"/customer/info?end_user_id=cust-matrix-target", null};
            case "GET /customer/list" -> new String[] {"/customer/list", null};
            case "POST /budget/info" -> new String[] {"/budget/info", "{\"budgets\":[\"b-matrix\"]}"};
            case "GET /budget/list" -> new String[] {"/budget/list", null};
            case "GET /global/spend/report" -> new String[] {"/global/spend/report?group_by=customer", null};
            case "POST /spend/calculate" -> new String[] {"/spend/calculate",
                    "{\"model\":\"priced\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"};
            case "GET /spend/logs" -> new String[] {"/spend/logs", null};
            case "GET /spend/logs?user_id=u-int" -> new String[] {"/spend/logs?user_id=u-int", null};
            case "GET /spend/logs?api_key=<u-int's key id>" -> new String[] {"/spend/logs?api_key=" + internalKeyId, null};
            case "GET /spend/logs?team_id=t1" -> new String[] {"/spend/logs?team_id=t1", null};
            default -> throw new IllegalArgumentException(route);
        };
        return it.send(server, key, call[0], call[1]).statusCode();
    }

    private JsonNode admin(String path, String body) throws Exception {
        return it.call(server, SpendReportsIT.MASTER, path, body, 200);
    }

    private JsonNode generate(String body) throws Exception {
        return admin("/key/generate", body);
    }

    private void seed() throws Exception {
        try (Statement s = db.createStatement()) {
            s.execute("INSERT INTO sb_teams (team_id, team_alias, created_at, updated_at) VALUES"
                    + " ('t1', 'one', now(), now())");
            for (String[] u : new String[][] {{"u-admin", "proxy_admin"}, {"u-viewer", "proxy_admin_viewer"},
                    {"u-int", "internal_user"}, {"u-other", "internal_user"}, {"u-tadmin", "internal_user"}}) {
                s.execute("INSERT INTO sb_users (user_id, user_role, created_at, updated_at) VALUES ('" + u[0] + "', '"
                        + u[1] + "', now(), now())");
            }
            s.execute("INSERT INTO sb_team_memberships (team_id, user_id, role, created_at) VALUES ('t1', 'u-tadmin',"
                    + " 'admin', now())");
        }
    }
}
