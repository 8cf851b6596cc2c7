package io.switchboard.it;

import static io.switchboard.it.VirtualKeysIT.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The organization member routes (and team creation inside an organization) against every role, with
 * the exact expected status of each cell, printed as a table; then what each role's lists and the
 * organization's info hold, and escalation attempts with the status each must get. Organization A
 * holds an org_admin and an internal_user member; B has its own org_admin, who must find A missing
 * (404), never forbidden, so ids of other organizations cannot be probed. An org_admin renames its own
 * organization and changes its metadata, but never its budgets, limits or models (403). Everything is made
 * through the API.
 */
final class OrganizationsMatrix {
    static final List<String> ROLES = List.of("anonymous", "master key", "proxy_admin", "proxy_admin_viewer",
            "org_admin of A", "org_admin of B", "internal_user of A");
    static final Map<String, List<Integer>> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("POST /organization/member_add (A, new user)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("PATCH /organization/member_update (A)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("POST /organization/member_update (A)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("DELETE /organization/member_delete (A)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("POST /organization/member_delete (A)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("GET /organization/info (A)", List.of(401, 200, 200, 200, 200, 404, 200));
        EXPECTED.put("GET /organization/list", List.of(401, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("POST /team/new (in A)", List.of(401, 200, 200, 403, 200, 404, 403));
        EXPECTED.put("POST /organization/update (A)", List.of(401, 200, 200, 403, 200, 404, 403));
    }

    private final VirtualKeysIT http;
    private final GatewayServer server;
    private final List<String> issuedKeys;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private String orgA;
    private String orgB;
    private int serial;

    /** @param issuedKeys collects every key made here, for the caller's canary checks */
    OrganizationsMatrix(VirtualKeysIT http, GatewayServer server, List<String> issuedKeys) {
        this.http = http;
        this.server = server;
        this.issuedKeys = issuedKeys;
    }

    void run() throws Exception {
        keys.put("anonymous", null);
        keys.put("master key", MASTER);
        keys.put("proxy_admin", newUser("o-admin", "proxy_admin"));
        keys.put("proxy_admin_viewer", newUser("o-viewer", "proxy_admin_viewer"));
        keys.put("org_admin of A", newUser("o-admin-a", "internal_user"));
        keys.put("org_admin of B", newUser("o-admin-b", "internal_user"));
        keys.put("internal_user of A", newUser("o-member-a", "internal_user"));
        newUser("o-spare", "internal_user");
        orgA = call(MASTER, "POST", "/organization/new", "{\"organization_alias\":\"org-a\"}", 200)
                .get("organization_id").asText();
        orgB = call(MASTER, "POST", "/organization/new", "{\"organization_alias\":\"org-b\"}", 200)
                .get("organization_id").asText();
        JsonNode added = call(MASTER, "POST", "/organization/member_add", "{\"organization_id\":\"" + orgA + "\","
                + "\"member\":[{\"user_id\":\"o-admin-a\",\"role\":\"org_admin\"},"
                + "{\"user_id\":\"o-member-a\",\"role\":\"internal_user\"}]}", 200);
        assertEquals(orgA, added.get("organization_id").asText());
        assertEquals("[o-admin-a, o-member-a]", added.get("updated_users").findValuesAsText("user_id").toString());
        assertEquals("[org_admin, internal_user]",
                added.get("updated_organization_memberships").findValuesAsText("user_role").toString());
        call(MASTER, "POST", "/organization/member_add", "{\"organization_id\":\"" + orgB + "\","
                + "\"member\":{\"user_id\":\"o-admin-b\",\"role\":\"org_admin\"}}", 200);

        StatusMatrix.check("organizations-it", ROLES, EXPECTED, (route, role) -> attempt(route, keys.get(role)));
        infoAndListsShowWhatEachMayRead();
        escalations();
    }

    private int attempt(String route, String key) throws Exception {
        String fresh = "om" + (++serial);
        String method = route.substring(0, route.indexOf(' '));
        String path = route.substring(route.indexOf(' ') + 1, route.contains(" (") ? route.indexOf(" (") : route.length());
        String spare = "{\"organization_id\":\"" + orgA + "\",\"user_id\":\"o-spare\"";
        return switch (path) {
            case "/organization/member_add" -> send(key, method, path, "{\"organization_id\":\"" + orgA
                    + "\",\"member\":{\"user_id\":\"" + fresh + "\",\"role\":\"internal_user\"}}");
            case "/organization/member_update" -> {
                ensureSpareIsMember();
                yield send(key, method, path, spare + ",\"role\":\"internal_user_viewer\"}");
            }
            case "/organization/member_delete" -> {
                ensureSpareIsMember();
                yield send(key, method, path, spare + "}");
            }
            case "/organization/info" -> send(key, method, path + "?organization_id=" + orgA, null);
            case "/organization/list" -> send(key, method, path, null);
            case "/team/new" -> send(key, method, path, "{\"team_id\":\"" + fresh + "\",\"organization_id\":\""
                    + orgA + "\"}");
            case "/organization/update" -> send(key, method, path, "{\"organization_id\":\"" + orgA
                    + "\",\"organization_alias\":\"" + fresh + "\"}");
            default -> throw new IllegalArgumentException(route);
        };
    }

    private void ensureSpareIsMember() throws Exception {
        int status = send(MASTER, "POST", "/organization/member_add", "{\"organization_id\":\"" + orgA
                + "\",\"member\":{\"user_id\":\"o-spare\",\"role\":\"internal_user\"}}");
        assertTrue(status == 200 || status == 400, "o-spare is added, or already a member: " + status);
    }

    /** The info lists the members with their roles; each list holds exactly the organizations its caller may read. */
    private void infoAndListsShowWhatEachMayRead() throws Exception {
        JsonNode info = call(keys.get("org_admin of A"), "GET", "/organization/info?organization_id=" + orgA, null, 200);
        Map<String, String> roles = new LinkedHashMap<>();
        info.get("members").forEach(m -> roles.put(m.get("user_id").asText(), m.get("user_role").asText()));
        assertEquals("org_admin", roles.get("o-admin-a"));
        assertEquals("internal_user", roles.get("o-member-a"));
        JsonNode invited = call(keys.get("org_admin of A"), "POST", "/organization/member_add", "{\"organization_id\":\""
                + orgA + "\",\"member\":{\"user_email\":\"invitee@example.com\",\"role\":\"internal_user\"}}", 200)
                .at("/updated_users/0");
        JsonNode created = call(MASTER, "GET", "/user/info?user_id=" + invited.get("user_id").asText(), null, 200);
        assertEquals("internal_user", created.at("/user_info/user_role").asText(), "an unknown member becomes a user");
        assertEquals("invitee@example.com", created.at("/user_info/user_email").asText());
        assertTrue(info.at("/teams").findValuesAsText("organization_id").stream().allMatch(orgA::equals));
        assertEquals(List.of(orgA), orgIds(keys.get("internal_user of A")));
        assertEquals(List.of(orgB), orgIds(keys.get("org_admin of B")));
        assertTrue(orgIds(keys.get("proxy_admin_viewer")).containsAll(List.of(orgA, orgB)));
        assertEquals(orgIds(MASTER), orgIds(keys.get("proxy_admin_viewer")));
    }

    private List<String> orgIds(String key) throws Exception {
        List<String> ids = new ArrayList<>();
        call(key, "GET", "/organization/list", null, 200).forEach(o -> ids.add(o.get("organization_id").asText()));
        return ids;
    }

    /** Attempts to reach beyond the caller's organization role; each must be refused with its exact status. */
    private void escalations() throws Exception {
        String orgAdminA = keys.get("org_admin of A");
        String memberA = keys.get("internal_user of A");
        String inA = "{\"organization_id\":\"" + orgA + "\",";
        List<Object[]> attempts = List.of(
                new Object[] {"org_admin adds a member as proxy_admin", orgAdminA, "POST", "/organization/member_add",
                    inA + "\"member\":{\"user_id\":\"o-spare2\",\"role\":\"proxy_admin\"}}", 403},
                new Object[] {"org_admin makes a member proxy_admin_viewer", orgAdminA, "PATCH",
                    "/organization/member_update", inA + "\"user_id\":\"o-member-a\",\"role\":\"proxy_admin_viewer\"}", 403},
                new Object[] {"org_admin adds the proxy admin to its organization", orgAdminA, "POST",
                    "/organization/member_add", inA + "\"member\":{\"user_id\":\"o-admin\",\"role\":\"internal_user\"}}", 403},
                new Object[] {"org_admin makes itself proxy_admin", orgAdminA, "POST", "/user/update",
                    "{\"user_id\":\"o-admin-a\",\"user_role\":\"proxy_admin\"}", 403},
                new Object[] {"org_admin raises its organization's budget", orgAdminA, "POST", "/organization/update",
                    inA + "\"max_budget\":1000}", 403},
                new Object[] {"org_admin raises its organization's rpm_limit", orgAdminA, "POST", "/organization/update",
                    inA + "\"organization_alias\":\"renamed\",\"rpm_limit\":100000}", 403},
                new Object[] {"org_admin gives its organization models", orgAdminA, "POST", "/organization/update",
                    inA + "\"models\":[\"gpt-4o\"]}", 403},
                new Object[] {"org_admin of B renames A", keys.get("org_admin of B"), "POST", "/organization/update",
                    inA + "\"organization_alias\":\"taken\"}", 404},
                new Object[] {"org_admin deletes its organization", orgAdminA, "POST", "/organization/delete",
                    "{\"organization_ids\":[\"" + orgA + "\"]}", 403},
                new Object[] {"org_admin creates a team outside any organization", orgAdminA, "POST", "/team/new",
                    "{\"team_alias\":\"loose\"}", 403},
                new Object[] {"org_admin of A creates a team in B", orgAdminA, "POST", "/team/new",
                    "{\"organization_id\":\"" + orgB + "\"}", 404},
                new Object[] {"org_admin of A adds itself to B", orgAdminA, "POST", "/organization/member_add",
                    "{\"organization_id\":\"" + orgB + "\",\"member\":{\"user_id\":\"o-admin-a\",\"role\":\"org_admin\"}}", 404},
                new Object[] {"org_admin of B removes A's org_admin", keys.get("org_admin of B"), "DELETE",
                    "/organization/member_delete", inA + "\"user_id\":\"o-admin-a\"}", 404},
                new Object[] {"internal_user makes itself org_admin", memberA, "PATCH", "/organization/member_update",
                    inA + "\"user_id\":\"o-member-a\",\"role\":\"org_admin\"}", 403},
                new Object[] {"internal_user adds an org_admin", memberA, "POST", "/organization/member_add",
                    inA + "\"member\":{\"user_id\":\"o-spare3\",\"role\":\"org_admin\"}}", 403},
                new Object[] {"viewer adds itself as org_admin", keys.get("proxy_admin_viewer"), "POST",
                    "/organization/member_add", inA + "\"member\":{\"user_id\":\"o-viewer\",\"role\":\"org_admin\"}}", 403});
        StringBuilder out = new StringBuilder("| escalation attempt | status |\n|---|---|\n");
        StringBuilder wrong = new StringBuilder();
        for (Object[] a : attempts) {
            int status = send((String) a[1], (String) a[2], (String) a[3], (String) a[4]);
            out.append("| ").append(a[0]).append(" | ").append(status).append(" |\n");
            if (status != (Integer) a[5]) {
                wrong.append(a[0]).append(": ").append(status).append(" (expected ").append(a[5]).append(")\n");
            }
        }
        System.out.println("[organizations-it] escalation attempts:\n" + out);
        assertEquals("", wrong.toString());
        assertEquals("internal_user", call(MASTER, "GET", "/user/info?user_id=o-admin-a", null, 200)
                .at("/user_info/user_role").asText(), "no refused change left a trace");
        call(MASTER, "GET", "/user/info?user_id=o-spare2", null, 404);
        JsonNode a = call(MASTER, "GET", "/organization/info?organization_id=" + orgA, null, 200);
        assertTrue(a.get("max_budget").isNull() && a.get("rpm_limit").isNull(), "no limit of A was raised: " + a);
        assertFalse(List.of("renamed", "taken").contains(a.get("organization_alias").asText()), a.toString());
        JsonNode renamed = call(orgAdminA, "POST", "/organization/update", inA
                + "\"organization_alias\":\"org-a-renamed\",\"metadata\":{\"cost_center\":\"42\"}}", 200);
        assertEquals("org-a-renamed", renamed.get("organization_alias").asText(), "an org_admin renames its own");
        assertEquals("42", renamed.at("/metadata/cost_center").asText());
        JsonNode members = call(MASTER, "GET", "/organization/info?organization_id=" + orgA, null, 200).get("members");
        List<String> ids = members.findValuesAsText("user_id");
        assertFalse(ids.contains("o-admin"), "the proxy admin was not added");
        assertTrue(ids.contains("o-admin-a"), "B's org_admin removed nobody from A");
        assertEquals("internal_user", roleIn(members, "o-member-a"));
        assertEquals(1, call(MASTER, "GET", "/organization/info?organization_id=" + orgB, null, 200)
                .get("members").size(), "nobody joined B");
    }

    private static String roleIn(JsonNode members, String userId) {
        for (JsonNode m : members) {
            if (m.get("user_id").asText().equals(userId)) {
                return m.get("user_role").asText();
            }
        }
        return null;
    }

    private String newUser(String userId, String role) throws Exception {
        String key = call(MASTER, "POST", "/user/new", "{\"user_id\":\"" + userId + "\",\"user_role\":\"" + role
                + "\"}", 200).get("key").asText();
        issuedKeys.add(key);
        return key;
    }

    private int send(String key, String method, String path, String body) throws Exception {
        return http.send(server, key, method, path, body).statusCode();
    }

    private JsonNode call(String key, String method, String path, String body, int expected) throws Exception {
        var response = http.send(server, key, method, path, body);
        assertEquals(expected, response.statusCode(), method + " " + path + ": " + response.body());
        return VirtualKeysIT.JSON.readTree(response.body());
    }
}
