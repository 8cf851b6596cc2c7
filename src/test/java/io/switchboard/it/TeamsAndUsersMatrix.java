package io.switchboard.it;

import static io.switchboard.it.VirtualKeysIT.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code /team/*} and {@code /user/*} route against every role, with the exact expected status
 * of each cell, printed as a table; then what each role's lists contain, and escalation attempts
 * (all 403). Team t1 holds the internal user (role user) and the team admin (role admin); the
 * "other-team member" is admin of t2, so it shows that being a team admin elsewhere grants nothing
 * here. Objects the caller may not read answer 404, exactly like missing ones.
 */
final class TeamsAndUsersMatrix {
    static final List<String> ROLES = List.of("anonymous", "master key", "proxy_admin", "proxy_admin_viewer",
            "internal_user", "team admin", "other-team member");
    static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("POST /team/new", List.of(401, 200, 200, 403, 403, 403, 403));
        EXPECTED.put("GET /team/info (t1)", List.of(401, 200, 200, 200, 200, 200, 404));
        EXPECTED.put("GET /team/list", List.of(401, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("POST /team/update (t1 alias)", List.of(401, 200, 200, 403, 403, 200, 404));
        EXPECTED.put("POST /team/member_add (t1)", List.of(401, 200, 200, 403, 403, 200, 404));
        EXPECTED.put("POST /team/member_update (t1 member budget)", List.of(401, 200, 200, 403, 403, 200, 404));
        EXPECTED.put("POST /team/member_delete (t1)", List.of(401, 200, 200, 403, 403, 200, 404));
        EXPECTED.put("POST /team/delete (a third team)", List.of(401, 200, 200, 403, 404, 404, 404));
        EXPECTED.put("POST /user/new", List.of(401, 200, 200, 403, 403, 403, 403));
        EXPECTED.put("GET /user/info (internal_user)", List.of(401, 200, 200, 200, 200, 200, 404));
        EXPECTED.put("GET /user/list", List.of(401, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("POST /user/update (internal_user alias)", List.of(401, 200, 200, 403, 200, 403, 404));
        EXPECTED.put("POST /user/delete (a spare user)", List.of(401, 200, 200, 403, 404, 404, 404));
    }

    private final TeamsAndUsersIT it;
    private final GatewayServer server;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private int serial;

    TeamsAndUsersMatrix(TeamsAndUsersIT it, GatewayServer server) {
        this.it = it;
        this.server = server;
    }

    void run() throws Exception {
        keys.put("anonymous", null);
        keys.put("master key", MASTER);
        keys.put("proxy_admin", it.newUser(server, "u-admin", "proxy_admin"));
        keys.put("proxy_admin_viewer", it.newUser(server, "u-viewer", "proxy_admin_viewer"));
        keys.put("internal_user", it.newUser(server, "u-int", "internal_user"));
        keys.put("team admin", it.newUser(server, "u-tadmin", "internal_user"));
        keys.put("other-team member", it.newUser(server, "u-other", "internal_user"));
        it.newUser(server, "u-spare", "internal_user");
        master("/team/new", "{\"team_id\":\"t1\",\"models\":[\"gpt-4o-mini\",\"openai/gpt-4o-mini\"],\"max_budget\":10,"
                + "\"members_with_roles\":[{\"user_id\":\"u-int\",\"role\":\"user\"},"
                + "{\"user_id\":\"u-tadmin\",\"role\":\"admin\"}]}");
        master("/team/new", "{\"team_id\":\"t2\",\"members_with_roles\":[{\"user_id\":\"u-other\",\"role\":\"admin\"}]}");

        StatusMatrix.check("teams-users-it", ROLES, EXPECTED, (route, role) -> attempt(route, keys.get(role)));
        listsShowOnlyWhatEachMayRead();
        escalations();
    }

    private int attempt(String route, String key) throws Exception {
        String fresh = "m" + (++serial);
        return switch (route.substring(0, route.contains(" (") ? route.indexOf(" (") : route.length())) {
            case "POST /team/new" -> send(key, "/team/new", "{\"team_id\":\"" + fresh + "\"}");
            case "GET /team/info" -> send(key, "/team/info?team_id=t1", null);
            case "GET /team/list" -> send(key, "/team/list", null);
            case "POST /team/update" -> send(key, "/team/update", "{\"team_id\":\"t1\",\"team_alias\":\"" + fresh + "\"}");
            case "POST /team/member_add" -> {
                it.http.send(server, MASTER, "/team/member_delete", "{\"team_id\":\"t1\",\"user_id\":\"u-spare\"}");
                yield send(key, "/team/member_add", "{\"team_id\":\"t1\",\"member\":{\"user_id\":\"u-spare\"}}");
            }
            case "POST /team/member_update" -> {
                it.http.send(server, MASTER, "/team/member_add", "{\"team_id\":\"t1\",\"member\":{\"user_id\":\"u-spare\"}}");
                yield send(key, "/team/member_update", "{\"team_id\":\"t1\",\"user_id\":\"u-spare\","
                        + "\"max_budget_in_team\":" + serial + "}");
            }
            case "POST /team/member_delete" -> {
                it.http.send(server, MASTER, "/team/member_add", "{\"team_id\":\"t1\",\"member\":{\"user_id\":\"u-spare\"}}");
                yield send(key, "/team/member_delete", "{\"team_id\":\"t1\",\"user_id\":\"u-spare\"}");
            }
            case "POST /team/delete" -> {
                master("/team/new", "{\"team_id\":\"" + fresh + "\"}");
                yield send(key, "/team/delete", "{\"team_ids\":[\"" + fresh + "\"]}");
            }
            case "POST /user/new" -> send(key, "/user/new", "{\"user_id\":\"" + fresh + "\",\"auto_create_key\":false}");
            case "GET /user/info" -> send(key, "/user/info?user_id=u-int", null);
            case "GET /user/list" -> send(key, "/user/list", null);
            case "POST /user/update" -> send(key, "/user/update", "{\"user_id\":\"u-int\",\"user_alias\":\"" + fresh + "\"}");
            case "POST /user/delete" -> {
                master("/user/new", "{\"user_id\":\"" + fresh + "\",\"auto_create_key\":false}");
                yield send(key, "/user/delete", "{\"user_ids\":[\"" + fresh + "\"]}");
            }
            default -> throw new IllegalArgumentException(route);
        };
    }

    /** 200 for everyone above, but a list must hold only what its caller may read. */
    private void listsShowOnlyWhatEachMayRead() throws Exception {
        it.http.send(server, MASTER, "/team/member_delete", "{\"team_id\":\"t1\",\"user_id\":\"u-spare\"}");
        assertEquals("[t1]", it.call(server, keys.get("internal_user"), "/team/list", null, 200)
                .findValuesAsText("team_id").stream().distinct().toList().toString());
        assertEquals("[t2]", it.call(server, keys.get("other-team member"), "/team/list", null, 200)
                .findValuesAsText("team_id").stream().distinct().toList().toString());
        assertEquals("[u-int]", userIds(keys.get("internal_user")));
        assertEquals("[u-int, u-tadmin]", userIds(keys.get("team admin")), "a team admin sees its members");
        assertEquals(userIds(MASTER), userIds(keys.get("proxy_admin_viewer")));
    }

    private String userIds(String key) throws Exception {
        JsonNode users = it.call(server, key, "/user/list?page_size=1000", null, 200).get("users");
        List<String> ids = new java.util.ArrayList<>();
        users.forEach(u -> ids.add(u.get("user_id").asText()));
        return ids.stream().sorted().toList().toString();
    }

    /** Attempts to raise the caller's own or its team's rights; each must be refused with 403. */
    private void escalations() throws Exception {
        String user = keys.get("internal_user");
        String teamAdmin = keys.get("team admin");
        Map<String, String[]> attempts = new LinkedHashMap<>();
        attempts.put("team admin raises t1's max_budget", new String[] {teamAdmin, "/team/update",
            "{\"team_id\":\"t1\",\"max_budget\":100}"});
        attempts.put("team admin removes t1's max_budget", new String[] {teamAdmin, "/team/update",
            "{\"team_id\":\"t1\",\"max_budget\":null}"});
        attempts.put("team admin opens t1 to every model", new String[] {teamAdmin, "/team/update",
            "{\"team_id\":\"t1\",\"models\":[\"*\"]}"});
        attempts.put("team admin adds a model t1 lacks", new String[] {teamAdmin, "/team/update",
            "{\"team_id\":\"t1\",\"models\":[\"gpt-4o-mini\",\"openai/gpt-4o\"]}"});
        attempts.put("team admin moves t1 to an organization", new String[] {teamAdmin, "/team/update",
            "{\"team_id\":\"t1\",\"organization_id\":\"o1\"}"});
        attempts.put("team admin deletes t1", new String[] {teamAdmin, "/team/delete", "{\"team_ids\":[\"t1\"]}"});
        attempts.put("team admin makes itself proxy_admin", new String[] {teamAdmin, "/user/update",
            "{\"user_id\":\"u-tadmin\",\"user_role\":\"proxy_admin\"}"});
        attempts.put("team admin raises a member's budget", new String[] {teamAdmin, "/user/update",
            "{\"user_id\":\"u-int\",\"max_budget\":1000}"});
        attempts.put("internal_user raises its own budget in t1", new String[] {user, "/team/member_update",
            "{\"team_id\":\"t1\",\"user_id\":\"u-int\",\"max_budget_in_team\":1000}"});
        attempts.put("internal_user makes itself t1's admin", new String[] {user, "/team/member_update",
            "{\"team_id\":\"t1\",\"user_id\":\"u-int\",\"role\":\"admin\"}"});
        attempts.put("internal_user makes itself proxy_admin", new String[] {user, "/user/update",
            "{\"user_id\":\"u-int\",\"user_role\":\"proxy_admin\"}"});
        attempts.put("internal_user raises its own budget", new String[] {user, "/user/update",
            "{\"user_id\":\"u-int\",\"max_budget\":1000}"});
        attempts.put("internal_user widens its own models", new String[] {user, "/user/update",
            "{\"user_id\":\"u-int\",\"models\":[\"*\"]}"});
        attempts.put("internal_user makes itself admin of t1", new String[] {user, "/team/member_add",
            "{\"team_id\":\"t1\",\"member\":{\"user_id\":\"u-int\",\"role\":\"admin\"}}"});
        attempts.put("internal_user creates a proxy_admin", new String[] {user, "/user/new",
            "{\"user_role\":\"proxy_admin\"}"});
        attempts.put("viewer makes itself proxy_admin", new String[] {keys.get("proxy_admin_viewer"), "/user/update",
            "{\"user_id\":\"u-viewer\",\"user_role\":\"proxy_admin\"}"});
        attempts.put("viewer raises t1's budget", new String[] {keys.get("proxy_admin_viewer"), "/team/update",
            "{\"team_id\":\"t1\",\"max_budget\":100}"});
        StringBuilder out = new StringBuilder("| escalation attempt | status |\n|---|---|\n");
        StringBuilder wrong = new StringBuilder();
        for (Map.Entry<String, String[]> a : attempts.entrySet()) {
            int status = send(a.getValue()[0], a.getValue()[1], a.getValue()[2]);
            out.append("| ").append(a.getKey()).append(" | ").append(status).append(" |\n");
            if (status != 403) {
                wrong.append(a.getKey()).append(": ").append(status).append('\n');
            }
        }
        System.out.println("[teams-users-it] escalation attempts:\n" + out);
        assertEquals("", wrong.toString());
        JsonNode t1 = it.call(server, MASTER, "/team/info?team_id=t1", null, 200).get("team_info");
        assertEquals(10, t1.get("max_budget").intValue(), "no refused change left a trace");
        assertEquals("internal_user", it.call(server, MASTER, "/user/info?user_id=u-tadmin", null, 200)
                .at("/user_info/user_role").asText());
        it.call(server, teamAdmin, "/team/update", "{\"team_id\":\"t1\",\"max_budget\":5,\"models\":[\"gpt-4o-mini\"]}", 200);
    }

    private int send(String key, String path, String body) throws Exception {
        return it.http.send(server, key, path, body).statusCode();
    }

    private void master(String path, String body) throws Exception {
        it.call(server, MASTER, path, body, 200);
    }
}
