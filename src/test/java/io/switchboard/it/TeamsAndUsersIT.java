package io.switchboard.it;

import static io.switchboard.it.VirtualKeysIT.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.access.KeyHashing;
import io.switchboard.fake.FakeOpenAi;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's {@code /team/*} and {@code /user/*} routes end to end through the packaged gateway, on
 * embedded Derby and on a fresh PostgreSQL database (127.0.0.1:5432, created and dropped here): team
 * lifecycle, members, a team key held to the team's models, user lifecycle with its first key, bad
 * input, then the authorization matrix ({@link TeamsAndUsersMatrix}) and escalation attempts. Every
 * user and team is made through the API. No canary secret or key hash may appear in any answer; on
 * PostgreSQL the audit rows are checked too.
 */
class TeamsAndUsersIT {
    /** The HTTP helpers (and the record of every answer) of the key tests, shared rather than copied. */
    final VirtualKeysIT http = new VirtualKeysIT();
    final List<String> issuedKeys = new ArrayList<>();

    @Test
    void derby() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("teams-users-derby", VirtualKeysIT.config(openai),
                VirtualKeysIT.env(Map.of()))) {
            scenario(server);
            assertNoCanaries(List.of());
        }
    }

    @Test
    void postgresql() throws Exception {
        String db = "switchboard_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("teams-users-pg", VirtualKeysIT.config(openai),
                VirtualKeysIT.env(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + db)))) {
            scenario(server);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
                List<String> audit = VirtualKeysIT.auditRows(c);
                Map<String, Long> actions = audit.stream().collect(Collectors.groupingBy(
                        row -> row.split("\\|")[2], Collectors.counting()));
                System.out.println("[teams-users-it] audit rows by action: " + actions);
                for (String action : List.of("created", "updated", "deleted", "member_added", "member_deleted")) {
                    assertTrue(actions.getOrDefault(action, 0L) > 0, "no '" + action + "' audit row");
                }
                assertTrue(audit.stream().anyMatch(row -> row.contains("|created|life-new|")),
                        "a member created by /team/member_add is audited as a new user");
                assertNoCanaries(audit);
            }
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    void scenario(GatewayServer server) throws Exception {
        teamLifecycle(server);
        userLifecycle(server);
        badInput(server);
        new TeamsAndUsersMatrix(this, server).run();
    }

    void teamLifecycle(GatewayServer server) throws Exception {
        newUser(server, "life-admin", "internal_user");
        newUser(server, "life-member", "internal_user");
        JsonNode team = call(server, MASTER, "/team/new", "{\"team_id\":\"t-life\",\"team_alias\":\"life\","
                + "\"models\":[\"gpt-4o-mini\"],\"max_budget\":10,\"rpm_limit\":100,\"tags\":[\"prod\"],"
                + "\"members_with_roles\":[{\"user_id\":\"life-admin\",\"role\":\"admin\"}]}", 200);
        assertEquals("life", team.get("team_alias").asText());
        assertEquals(List.of("prod"), List.of(team.at("/metadata/tags/0").asText()));
        assertEquals("admin", team.at("/members_with_roles/0/role").asText());

        String teamKey = call(server, MASTER, "/key/generate", "{\"team_id\":\"t-life\"}", 200).get("key").asText();
        issuedKeys.add(teamKey);
        assertEquals(200, chat(server, teamKey, "gpt-4o-mini"), "the team's model");
        assertEquals(403, chat(server, teamKey, "openai/gpt-4o"), "a model the team does not hold");

        JsonNode added = call(server, MASTER, "/team/member_add",
                "{\"team_id\":\"t-life\",\"member\":[{\"user_id\":\"life-member\",\"role\":\"user\"}]}", 200);
        assertEquals(2, added.get("members_with_roles").size());
        assertEquals("life-member", added.at("/updated_users/0/user_id").asText());
        call(server, MASTER, "/team/member_add",
                "{\"team_id\":\"t-life\",\"member\":{\"user_id\":\"life-member\",\"role\":\"user\"}}", 400);

        membersNeedNotExist(server);

        JsonNode info = call(server, MASTER, "/team/info?team_id=t-life", null, 200);
        assertEquals(2, info.at("/team_info/members_with_roles").size());
        assertEquals(1, info.get("keys").size());
        assertEquals(2, info.get("team_memberships").size());
        assertEquals(List.of("life-admin", "life-member").toString(),
                call(server, MASTER, "/user/info?user_id=life-member", null, 200).at("/teams/0/members_with_roles")
                        .findValuesAsText("user_id").toString());

        JsonNode removed = call(server, MASTER, "/team/member_delete",
                "{\"team_id\":\"t-life\",\"user_id\":\"life-member\"}", 200);
        assertEquals(1, removed.get("members_with_roles").size());
        call(server, MASTER, "/team/member_delete", "{\"team_id\":\"t-life\",\"user_id\":\"life-member\"}", 404);

        JsonNode updated = call(server, MASTER, "/team/update", "{\"team_id\":\"t-life\",\"blocked\":true}", 200);
        assertTrue(updated.at("/data/blocked").asBoolean());
        assertEquals(401, chat(server, teamKey, "gpt-4o-mini"), "a blocked team's key");
        call(server, MASTER, "/team/update", "{\"team_id\":\"t-life\",\"blocked\":false}", 200);
        assertEquals(200, chat(server, teamKey, "gpt-4o-mini"));

        String keyId = info.at("/keys/0/key_id").asText();
        assertEquals("[\"t-life\"]", call(server, MASTER, "/team/delete", "{\"team_ids\":[\"t-life\"]}", 200)
                .get("deleted_teams").toString());
        assertEquals(401, chat(server, teamKey, "gpt-4o-mini"), "a deleted team's key is deleted with it");
        call(server, MASTER, "/key/info?key=" + keyId, null, 404);
        call(server, MASTER, "/team/info?team_id=t-life", null, 404);
    }

    /**
     * As in LiteLLM, a member naming a user that does not exist creates it: by id, or by email with a
     * new id; a plain internal_user with no budget or models of its own. Left as it was found: the
     * new members are removed again and their users deleted.
     */
    void membersNeedNotExist(GatewayServer server) throws Exception {
        call(server, MASTER, "/user/info?user_id=life-new", null, 404);
        JsonNode added = call(server, MASTER, "/team/member_add", "{\"team_id\":\"t-life\",\"member\":["
                + "{\"user_id\":\"life-new\",\"role\":\"user\"},{\"user_email\":\"life-mail@example.com\",\"role\":\"admin\"}]}",
                200);
        assertEquals("life-new", added.at("/updated_users/0/user_id").asText());
        String byEmail = added.at("/updated_users/1/user_id").asText();
        assertEquals("life-mail@example.com", added.at("/updated_users/1/user_email").asText());
        assertEquals("admin", added.at("/updated_team_memberships/1/role").asText());
        for (String userId : List.of("life-new", byEmail)) {
            JsonNode user = call(server, MASTER, "/user/info?user_id=" + userId, null, 200);
            assertEquals("internal_user", user.at("/user_info/user_role").asText());
            assertTrue(user.at("/user_info/max_budget").isNull(), "a created member holds no budget of its own");
            assertEquals("t-life", user.at("/teams/0/team_id").asText());
        }
        JsonNode again = call(server, MASTER, "/team/member_add", "{\"team_id\":\"t-life\",\"member\":"
                + "{\"user_email\":\"life-mail@example.com\"}}", 400);
        assertTrue(again.at("/error/message").asText().contains(byEmail),
                "a second add of the same email finds the created user (already a member) rather than making another");
        for (String userId : List.of("life-new", byEmail)) {
            call(server, MASTER, "/team/member_delete", "{\"team_id\":\"t-life\",\"user_id\":\"" + userId + "\"}", 200);
        }
        call(server, MASTER, "/user/delete", "{\"user_ids\":[\"life-new\",\"" + byEmail + "\"]}", 200);
    }

    void userLifecycle(GatewayServer server) throws Exception {
        call(server, MASTER, "/team/new", "{\"team_id\":\"t-users\",\"models\":[\"gpt-4o-mini\"]}", 200);
        JsonNode made = call(server, MASTER, "/user/new", "{\"user_id\":\"lu\",\"user_email\":\"lu@example.com\","
                + "\"models\":[\"gpt-4o-mini\"],\"max_budget\":2.5,\"teams\":[\"t-users\"]}", 200);
        String key = made.get("key").asText();
        issuedKeys.add(key);
        assertEquals("internal_user", made.get("user_role").asText(), "LiteLLM's default role");
        assertEquals("[\"t-users\"]", made.get("teams").toString());
        assertEquals(200, chat(server, key, "gpt-4o-mini"), "the auto-created key works");
        assertEquals(403, chat(server, key, "openai/gpt-4o"), "and is held to the user's models");

        JsonNode info = call(server, key, "/user/info", null, 200);
        assertEquals("lu", info.get("user_id").asText());
        assertEquals(0, info.at("/user_info/max_budget").decimalValue().compareTo(new BigDecimal("2.5")));
        assertEquals(1, info.get("keys").size());
        assertEquals("t-users", info.at("/teams/0/team_id").asText());

        JsonNode updated = call(server, MASTER, "/user/update", "{\"user_id\":\"lu\",\"max_budget\":3}", 200);
        assertEquals(0, updated.at("/data/max_budget").decimalValue().compareTo(new BigDecimal("3")));
        JsonNode quiet = call(server, MASTER, "/user/new", "{\"user_id\":\"lu2\",\"auto_create_key\":false}", 200);
        assertFalse(quiet.has("key"));

        JsonNode list = call(server, MASTER, "/user/list?page_size=1", null, 200);
        assertEquals(1, list.get("users").size());
        assertTrue(list.get("total").asInt() >= 4 && list.get("total_pages").asInt() == list.get("total").asInt());

        call(server, MASTER, "/user/delete", "{\"user_ids\":[\"lu\",\"lu2\"]}", 200);
        assertEquals(401, chat(server, key, "gpt-4o-mini"), "a deleted user's keys are deleted with it");
        call(server, MASTER, "/user/info?user_id=lu", null, 404);
        assertEquals(0, call(server, MASTER, "/team/info?team_id=t-users", null, 200)
                .at("/team_info/members_with_roles").size());
    }

    /** Client mistakes are 400s naming the field, unknown ids 404s; never a 500. */
    void badInput(GatewayServer server) throws Exception {
        Map<String, String[]> cases = new java.util.LinkedHashMap<>();
        cases.put("max_budget", new String[] {"/team/new", "{\"max_budget\":\"lots\"}", "400"});
        cases.put("tpm_limit", new String[] {"/team/new", "{\"tpm_limit\":-1}", "400"});
        cases.put("budget_duration", new String[] {"/team/new", "{\"budget_duration\":\"monthly\"}", "400"});
        cases.put("(creates t-dup)", new String[] {"/team/new", "{\"team_id\":\"t-dup\"}", "200"});
        cases.put("team_id", new String[] {"/team/new", "{\"team_id\":\"t-dup\"}", "400"});
        cases.put("member", new String[] {"/team/member_add",
            "{\"team_id\":\"t-dup\",\"member\":{\"user_id\":\"x\",\"role\":\"proxy_admin\"}}", "400"});
        cases.put("members_with_roles", new String[] {"/team/new",
            "{\"members_with_roles\":[{\"role\":\"user\"}]}", "400"});
        cases.put("organization_id", new String[] {"/team/new", "{\"organization_id\":\"no-org\"}", "404"});
        cases.put("user_role", new String[] {"/user/new", "{\"user_role\":\"god\"}", "400"});
        cases.put("teams", new String[] {"/user/new", "{\"teams\":[\"no-team\"]}", "404"});
        cases.put("unknown_field", new String[] {"/user/new", "{\"unknown_field\":1}", "400"});
        cases.put("team_ids", new String[] {"/team/delete", "{}", "400"});
        cases.put("user_id", new String[] {"/user/delete", "{\"user_ids\":[\"nobody\"]}", "404"});
        for (Map.Entry<String, String[]> c : cases.entrySet()) {
            JsonNode answer = call(server, MASTER, c.getValue()[0], c.getValue()[1], Integer.parseInt(c.getValue()[2]));
            if (!c.getValue()[2].equals("200")) {
                assertEquals(c.getKey(), answer.at("/error/param").asText(), c.getValue()[1]);
            }
        }
        call(server, MASTER, "/team/info?team_id=nobody", null, 404);
        call(server, MASTER, "/user/info?user_id=nobody", null, 404);
        call(server, MASTER, "/user/list?page=zero", null, 400);
    }

    void assertNoCanaries(List<String> auditRows) throws Exception {
        KeyHashing hashing = KeyHashing.from(null, MASTER);
        String answers = String.join("\n", http.responses);
        String audit = String.join("\n", auditRows);
        List<String> secrets = new ArrayList<>(List.of(MASTER, VirtualKeysIT.PROVIDER_KEY));
        for (String key : issuedKeys) {
            secrets.add(hashing.hash(key));
            assertFalse(audit.contains(key), "a virtual key reached the audit log");
        }
        for (String secret : secrets) {
            assertFalse(answers.contains(secret), "a secret or key hash reached a response");
            assertFalse(audit.contains(secret), "a secret or key hash reached the audit log");
        }
        System.out.println("[teams-users-it] canaries checked: " + http.responses.size() + " responses, "
                + issuedKeys.size() + " virtual keys, " + auditRows.size() + " audit rows");
    }

    /** Creates a user through the API and returns its first key. */
    String newUser(GatewayServer server, String userId, String role) throws Exception {
        String key = call(server, MASTER, "/user/new", "{\"user_id\":\"" + userId + "\",\"user_role\":\"" + role
                + "\"}", 200).get("key").asText();
        issuedKeys.add(key);
        return key;
    }

    int chat(GatewayServer server, String key, String model) throws Exception {
        return http.send(server, key, "/v1/chat/completions", "{\"model\":\"" + model
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").statusCode();
    }

    JsonNode call(GatewayServer server, String key, String path, String body, int expected) throws Exception {
        return http.call(server, key, path, body, expected);
    }
}
