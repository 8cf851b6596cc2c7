package io.switchboard.it;

import static io.switchboard.it.VirtualKeysIT.MASTER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.fake.FakeOpenAi;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A member's own budget inside a team ({@code max_budget_in_team}) and inside an organization
 * ({@code max_budget_in_organization}) through the packaged gateway, on embedded Derby and on a fresh
 * PostgreSQL database: the member's key is served, then refused with 429 {@code budget_exceeded} while
 * another member of the same team or organization is still served; the member's spend shown by
 * {@code /team/info} equals the sum of its spend-log rows; raising the budget with {@code member_update}
 * serves it again, and a plain member cannot raise its own.
 */
class MemberBudgetIT {
    /** 400 words: the call reserves about $0.0003 on gpt-4o-mini and costs as much, so $0.0005 holds one. */
    private static final String WORDS = "budget ".repeat(400).trim();
    private static final String CHAT = "{\"model\":\"gpt-4o-mini\",\"max_tokens\":410,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"" + WORDS + "\"}]}";
    private final VirtualKeysIT http = new VirtualKeysIT();

    @Test
    void derby() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("member-budget-derby", VirtualKeysIT.config(openai),
                VirtualKeysIT.env(Map.of()))) {
            scenario(server, "derby");
        }
    }

    @Test
    void postgresql() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, VirtualKeysIT.PROVIDER_KEY);
        try (SpendLedgerDatabase db = new SpendLedgerDatabase();
             GatewayServer server = GatewayServer.start("member-budget-pg", VirtualKeysIT.config(openai),
                     VirtualKeysIT.env(Map.of("DATABASE_URL", db.databaseUrl())))) {
            scenario(server, "postgresql");
        }
    }

    void scenario(GatewayServer server, String label) throws Exception {
        teamMemberBudget(server, label);
        organizationMemberBudget(server);
    }

    void teamMemberBudget(GatewayServer server, String label) throws Exception {
        String teamId = http.call(server, MASTER, "/team/new", "{\"team_alias\":\"members\"}", 200)
                .path("team_id").asText();
        HttpResponse<String> negative = http.send(server, MASTER, "/team/member_add", "{\"team_id\":\"" + teamId
                + "\",\"member\":{\"user_id\":\"mb-alice\"},\"max_budget_in_team\":-1}");
        assertEquals(400, negative.statusCode(), negative.body());
        assertEquals("max_budget_in_team", VirtualKeysIT.JSON.readTree(negative.body()).at("/error/param").asText());

        JsonNode added = http.call(server, MASTER, "/team/member_add", "{\"team_id\":\"" + teamId
                + "\",\"member\":{\"user_id\":\"mb-alice\",\"role\":\"user\"},\"max_budget_in_team\":0.0005}", 200);
        assertEquals(0, new BigDecimal("0.0005").compareTo(added.at("/updated_team_memberships/0"
                + "/litellm_budget_table/max_budget").decimalValue()), added.toString());
        http.call(server, MASTER, "/team/member_add", "{\"team_id\":\"" + teamId
                + "\",\"member\":{\"user_id\":\"mb-bob\"}}", 200);
        String alice = key(server, teamId, "mb-alice");
        String bob = key(server, teamId, "mb-bob");

        HttpResponse<String> first = chat(server, alice);
        assertEquals(200, first.statusCode(), first.body());
        BigDecimal charged = new BigDecimal(first.headers().firstValue("x-litellm-response-cost").orElseThrow());
        assertRefusedAs("team member", chat(server, alice));
        assertEquals(200, chat(server, bob).statusCode(), "another member of the same team is still served");

        BigDecimal logged = settledSpendLogSum(server, "mb-alice", teamId, 2); // the refused call has a FAILED row at $0
        JsonNode info = http.call(server, MASTER, "/team/info?team_id=" + teamId, null, 200);
        BigDecimal memberSpend = null;
        for (JsonNode m : info.path("team_memberships")) {
            if (m.path("user_id").asText().equals("mb-alice")) {
                memberSpend = m.path("spend").decimalValue();
            }
        }
        System.out.printf("[member-budget-it] %s: max_budget_in_team $0.0005, first call charged $%s, second 429;"
                + " member spend $%s, spend-log sum $%s%n", label, charged.toPlainString(),
                memberSpend.toPlainString(), logged.toPlainString());
        assertEquals(0, logged.compareTo(memberSpend), "the member's spend is the sum of its spend-log rows");
        assertEquals(0, charged.compareTo(logged));

        HttpResponse<String> selfRaise = http.send(server, alice, "/team/member_update", "{\"team_id\":\"" + teamId
                + "\",\"user_id\":\"mb-alice\",\"max_budget_in_team\":100}");
        assertEquals(403, selfRaise.statusCode(), "a plain member cannot raise its own budget: " + selfRaise.body());
        JsonNode raised = http.call(server, MASTER, "/team/member_update", "{\"team_id\":\"" + teamId
                + "\",\"user_id\":\"mb-alice\",\"max_budget_in_team\":1.0}", 200);
        assertEquals(0, BigDecimal.ONE.compareTo(raised.path("max_budget_in_team").decimalValue()), raised.toString());
        assertEquals(200, servedWithin(server, alice).statusCode(), "a raised member budget serves the member again");
    }

    void organizationMemberBudget(GatewayServer server) throws Exception {
        String orgId = http.call(server, MASTER, "/organization/new", "{\"organization_alias\":\"members-org\"}", 200)
                .path("organization_id").asText();
        String teamId = http.call(server, MASTER, "/team/new", "{\"team_alias\":\"org-team\",\"organization_id\":\""
                + orgId + "\"}", 200).path("team_id").asText();
        http.call(server, MASTER, "/organization/member_add", "{\"organization_id\":\"" + orgId
                + "\",\"member\":{\"user_id\":\"mb-carol\",\"role\":\"internal_user\"},"
                + "\"max_budget_in_organization\":0.0005}", 200);
        http.call(server, MASTER, "/organization/member_add", "{\"organization_id\":\"" + orgId
                + "\",\"member\":{\"user_id\":\"mb-dave\",\"role\":\"internal_user\"}}", 200);
        String carol = key(server, teamId, "mb-carol");
        String dave = key(server, teamId, "mb-dave");

        assertEquals(200, chat(server, carol).statusCode());
        assertRefusedAs("org member", chat(server, carol));
        assertEquals(200, chat(server, dave).statusCode(), "another member of the organization is still served");

        JsonNode updated = http.call(server, MASTER, "/organization/member_update", "{\"organization_id\":\"" + orgId
                + "\",\"user_id\":\"mb-carol\",\"max_budget_in_organization\":1.0}", 200);
        assertEquals("internal_user", updated.path("user_role").asText(), "a budget change leaves the role alone");
        assertEquals(0, BigDecimal.ONE.compareTo(updated.at("/litellm_budget_table/max_budget").decimalValue()));
        assertEquals(200, servedWithin(server, carol).statusCode(), "a raised member budget serves the member again");
    }

    /** A 429 {@code budget_exceeded} whose message names the party that refused. */
    private static void assertRefusedAs(String party, HttpResponse<String> refused) throws Exception {
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = VirtualKeysIT.JSON.readTree(refused.body()).path("error");
        assertEquals("budget_exceeded", error.path("type").asText(), refused.body());
        assertTrue(error.path("message").asText().contains("exceeded for this " + party), refused.body());
    }

    private String key(GatewayServer server, String teamId, String userId) throws Exception {
        return http.call(server, MASTER, "/key/generate", "{\"team_id\":\"" + teamId + "\",\"user_id\":\"" + userId
                + "\"}", 200).path("key").asText();
    }

    private HttpResponse<String> chat(GatewayServer server, String key) throws Exception {
        return http.send(server, key, "/v1/chat/completions", CHAT);
    }

    /** The ledger re-reads a party's budget at most 2 s after a change (its account cache). */
    private HttpResponse<String> servedWithin(GatewayServer server, String key) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        HttpResponse<String> answer = chat(server, key);
        while (answer.statusCode() == 429 && System.nanoTime() < deadline) {
            Thread.sleep(250);
            answer = chat(server, key);
        }
        return answer;
    }

    /** The sum of the user's spend-log rows in the team, once {@code rows} of them are settled (every 200 ms). */
    private BigDecimal settledSpendLogSum(GatewayServer server, String userId, String teamId, int rows)
            throws Exception {
        JsonNode logs = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            BigDecimal sum = BigDecimal.ZERO;
            int found = 0;
            logs = http.call(server, MASTER, "/spend/logs?user_id=" + userId, null, 200);
            for (JsonNode row : logs) {
                if (teamId.equals(row.path("team_id").asText())) {
                    sum = sum.add(row.path("spend").decimalValue());
                    found++;
                }
            }
            if (found == rows) {
                return sum;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(rows + " spend-log rows of " + userId + " in " + teamId + " were never settled: "
                + logs);
    }
}
