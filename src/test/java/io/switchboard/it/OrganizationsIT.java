package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.access.KeyHashing;
import io.switchboard.fake.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's {@code /organization/*} through the packaged gateway: an organization's rate limit binds the
 * keys of its teams, a key reads only its own organization, only proxy admins change one, a non-empty one
 * cannot be deleted, and what no call checks yet ({@code models}, {@code blocked}) is refused by name.
 * Then members and org admins ({@link OrganizationsMatrix}) on embedded Derby and on a fresh PostgreSQL
 * database, where the audit rows of every membership change are checked and searched for secrets.
 */
class OrganizationsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":20,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello\"}]}";
    private static TestGateway gateway;
    private final List<String> answers = new ArrayList<>();

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
    }

    @Test
    void anOrganizationsLimitsBindItsTeamsKeysAndOnlyAdminsChangeIt() throws Exception {
        String master = TestGateway.MASTER_KEY;
        HttpResponse<String> withModels = post("/organization/new", master,
                "{\"organization_alias\":\"acme\",\"models\":[\"gpt-4o-mini\"]}");
        assertEquals(400, withModels.statusCode(), withModels.body());
        assertEquals("models", JSON.readTree(withModels.body()).at("/error/param").asText());
        assertEquals(400, post("/organization/new", master, "{\"rpm_limit\":2}").statusCode(),
                "organization_alias is required");

        JsonNode org = ok(post("/organization/new", master, "{\"organization_alias\":\"acme\",\"rpm_limit\":2}"));
        String orgId = org.path("organization_id").asText();
        JsonNode team = ok(post("/team/new", master, "{\"team_alias\":\"acme-team\",\"organization_id\":\""
                + orgId + "\"}"));
        String teamKey = ok(post("/key/generate", master, "{\"team_id\":\"" + team.path("team_id").asText()
                + "\"}")).path("key").asText();
        String outsider = ok(post("/key/generate", master, "{\"key_alias\":\"outsider\"}")).path("key").asText();

        assertEquals(200, post("/v1/chat/completions", teamKey, CHAT).statusCode());
        assertEquals(200, post("/v1/chat/completions", teamKey, CHAT).statusCode());
        HttpResponse<String> third = post("/v1/chat/completions", teamKey, CHAT);
        assertEquals(429, third.statusCode(), "the organization's 2 rpm binds its team's key: " + third.body());

        JsonNode info = ok(get("/organization/info?organization_id=" + orgId, master));
        assertEquals("acme", info.path("organization_alias").asText());
        assertEquals(team.path("team_id").asText(), info.at("/teams/0/team_id").asText());
        assertEquals(200, get("/organization/info?organization_id=" + orgId, teamKey).statusCode(),
                "a key reads its own organization");
        assertEquals(1, ok(get("/organization/list", teamKey)).size());
        assertEquals(404, get("/organization/info?organization_id=" + orgId, outsider).statusCode(),
                "another organization's id cannot be probed");
        assertEquals(0, ok(get("/organization/list", outsider)).size());
        assertEquals(403, post("/organization/update", teamKey, "{\"organization_id\":\"" + orgId
                + "\",\"rpm_limit\":1000}").statusCode(), "a member cannot raise its organization's limit");
        assertEquals(400, post("/organization/update", master, "{\"organization_id\":\"" + orgId
                + "\",\"blocked\":true}").statusCode(), "blocked is not checked by calls, so it is refused");
        JsonNode updated = ok(post("/organization/update", master, "{\"organization_id\":\"" + orgId
                + "\",\"max_budget\":5}"));
        assertEquals(5, updated.path("max_budget").asInt());

        HttpResponse<String> inUse = post("/organization/delete", master, "{\"organization_ids\":[\"" + orgId + "\"]}");
        assertEquals(400, inUse.statusCode(), inUse.body());
        assertEquals("organization_in_use", JSON.readTree(inUse.body()).at("/error/code").asText());
        ok(post("/team/delete", master, "{\"team_ids\":[\"" + team.path("team_id").asText() + "\"]}"));
        ok(post("/organization/delete", master, "{\"organization_ids\":[\"" + orgId + "\"]}"));
        assertEquals(404, get("/organization/info?organization_id=" + orgId, master).statusCode());

        for (String answer : answers) {
            assertFalse(answer.contains(master), "the master key never appears in an answer");
        }
    }

    @Test
    void membersAndOrgAdminsOnDerby() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        VirtualKeysIT http = new VirtualKeysIT();
        List<String> issued = new ArrayList<>();
        try (GatewayServer server = GatewayServer.start("organizations-derby", VirtualKeysIT.config(openai),
                VirtualKeysIT.env(Map.of()))) {
            new OrganizationsMatrix(http, server, issued).run();
        }
        assertNoSecrets(http.responses, issued, List.of());
    }

    @Test
    void membersAndOrgAdminsOnPostgresql() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        VirtualKeysIT http = new VirtualKeysIT();
        List<String> issued = new ArrayList<>();
        try (SpendLedgerDatabase db = new SpendLedgerDatabase();
             GatewayServer server = GatewayServer.start("organizations-pg", VirtualKeysIT.config(openai),
                     VirtualKeysIT.env(Map.of("DATABASE_URL", db.databaseUrl())))) {
            new OrganizationsMatrix(http, server, issued).run();
            try (Connection c = db.connect()) {
                List<String> audit = VirtualKeysIT.auditRows(c);
                List<String> memberRows = audit.stream().filter(row -> row.split("\\|")[3].contains("/")).toList();
                Map<String, Long> actions = memberRows.stream().collect(Collectors.groupingBy(
                        row -> row.split("\\|")[2], Collectors.counting()));
                System.out.println("[organizations-it] membership audit rows by action: " + actions);
                for (String action : List.of("member_added", "member_updated", "member_deleted")) {
                    assertTrue(actions.getOrDefault(action, 0L) > 0, "no '" + action + "' audit row");
                }
                assertTrue(audit.stream().anyMatch(row -> !row.startsWith("master-key|") && !row.split("\\|")[1]
                        .equals("null") && row.contains("|member_added|")), "an org_admin's change names its key");
                assertNoSecrets(http.responses, issued, audit);
            }
        }
    }

    /**
     * No master key, provider key or key hash in any answer, nor any virtual key in an audit row (a key
     * is shown once, in the answer that made it, so answers may hold the keys themselves).
     */
    private static void assertNoSecrets(List<String> responses, List<String> issued, List<String> audit) {
        KeyHashing hashing = KeyHashing.from(null, VirtualKeysIT.MASTER);
        List<String> secrets = new ArrayList<>(List.of(VirtualKeysIT.MASTER, VirtualKeysIT.PROVIDER_KEY));
        issued.forEach(key -> secrets.add(hashing.hash(key)));
        String answers = String.join("\n", responses);
        String auditText = String.join("\n", audit);
        for (String secret : secrets) {
            assertFalse(answers.contains(secret), "a secret or key hash reached a response");
            assertFalse(auditText.contains(secret), "a secret or key hash reached the audit log");
        }
        for (String key : issued) {
            assertFalse(auditText.contains(key), "a virtual key reached the audit log");
        }
        System.out.println("[organizations-it] canaries checked: " + responses.size() + " responses, " + issued.size()
                + " virtual keys, " + audit.size() + " audit rows");
    }

    private JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> post(String path, String bearer, String body) throws Exception {
        return record(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> get(String path, String bearer) throws Exception {
        return record(HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).GET().build(), HttpResponse.BodyHandlers.ofString()));
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        answers.add(response.body());
        return response;
    }
}
