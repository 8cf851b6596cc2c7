package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.access.KeyHashing;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.fake.FakeOpenAi;
import io.switchboard.spend.PromptTokens;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Customers, budgets and spend reports through the packaged gateway, on embedded Derby and on a fresh
 * PostgreSQL database: known calls with two keys and two customers, then /spend/logs, the global report
 * and /spend/calculate must equal the calls' costs to the last digit; a blocked customer is refused on
 * chat and served again when unblocked; a customer over its budget is refused; budgets go through their
 * whole life. On PostgreSQL (where users can be seeded) the authorization matrix runs too. The model is
 * priced in model_info at $0.000001 per prompt token and $0.000002 per completion token; the fake
 * upstream counts words and echoes the prompt, so every call's cost is known in advance.
 */
class SpendReportsIT {
    static final String MASTER = "sk-master-CANARY-spendrep-5a1f";
    static final String PROVIDER_KEY = "sk-CANARY-PROV-spendrep-9c3d";
    static final BigDecimal INPUT_PRICE = new BigDecimal("0.000001");
    static final BigDecimal OUTPUT_PRICE = new BigDecimal("0.000002");
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    final List<String> responses = new ArrayList<>();
    final List<String> secrets = new ArrayList<>(List.of(MASTER, PROVIDER_KEY));
    final List<String> rawKeys = new ArrayList<>();

    @Test
    void derby() throws Exception {
        FakeOpenAi openai = FakeOpenAi.start(0, PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("spendreports-derby", config(openai), env(Map.of()))) {
            scenario(server);
            assertNoCanaries(server);
        }
    }

    @Test
    void postgresql() throws Exception {
        String db = "spendrep_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + db);
        }
        FakeOpenAi openai = FakeOpenAi.start(0, PROVIDER_KEY);
        try (GatewayServer server = GatewayServer.start("spendreports-pg", config(openai),
                env(Map.of("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/" + db)))) {
            scenario(server);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", "")) {
                List<String> audit = VirtualKeysIT.auditRows(c);
                long customerRows = audit.stream().filter(r -> r.contains("|cust-")).count();
                System.out.println("[spendreports-it] audit rows: " + audit.size() + " (" + customerRows
                        + " on customers)");
                assertTrue(audit.stream().anyMatch(r -> r.startsWith("master-key|null|blocked|cust-b|")));
                assertTrue(audit.stream().anyMatch(r -> r.startsWith("master-key|null|deleted|b-crud|")));
                new SpendAuthzMatrix(this, server, c).run();
                String auditText = String.join("\n", VirtualKeysIT.auditRows(c));
                for (String secret : concat(secrets, rawKeys)) {
                    assertFalse(auditText.contains(secret), "a secret reached the audit log");
                }
            }
            assertNoCanaries(server);
        } finally {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
            }
        }
    }

    /** One chat call as made: who made it, for whom, and what the gateway said it cost. */
    record Call(String keyId, String customer, String requestId, BigDecimal cost, JsonNode response) {
    }

    void scenario(GatewayServer server) throws Exception {
        budgetLifecycle(server);
        call(server, MASTER, "/customer/new", "{\"user_id\":\"cust-a\",\"alias\":\"Alice\"}", 200);
        call(server, MASTER, "/customer/new", "{\"user_id\":\"cust-b\",\"allowed_model_region\":\"eu\"}", 200);
        assertEquals("user_id", error(call(server, MASTER, "/customer/new", "{\"user_id\":\"cust-a\"}", 400)));
        assertEquals("allowed_model_region", error(call(server, MASTER, "/customer/new",
                "{\"user_id\":\"cust-x\",\"allowed_model_region\":\"mars\"}", 400)));
        assertEquals("max_budget", error(call(server, MASTER, "/customer/new",
                "{\"user_id\":\"cust-x\",\"max_budget\":\"lots\"}", 400)));
        assertEquals("user_id", error(call(server, MASTER, "/customer/info?end_user_id=nobody", null, 404)));

        JsonNode k1 = call(server, MASTER, "/key/generate", "{\"key_alias\":\"svc-1\"}", 200);
        JsonNode k2 = call(server, MASTER, "/key/generate", "{\"key_alias\":\"svc-2\"}", 200);
        KeyHashing hashing = KeyHashing.from(null, MASTER);
        for (JsonNode k : List.of(k1, k2)) {
            rawKeys.add(k.get("key").asText());
            secrets.add(hashing.hash(k.get("key").asText()));
        }
        List<Call> calls = new ArrayList<>();
        calls.add(chat(server, k1, "cust-a", 12));
        calls.add(chat(server, k1, "cust-b", 30));
        calls.add(chat(server, k2, "cust-a", 7));
        calls.add(chat(server, k2, "cust-b", 50));
        calls.add(chat(server, k1, "cust-a", 3));
        awaitRows(server, calls.size());

        JsonNode rows = call(server, MASTER, "/spend/logs", null, 200);
        assertEquals(calls.size(), rows.size());
        BigDecimal expectedTotal = sum(calls);
        BigDecimal loggedTotal = sumSpend(rows);
        System.out.println("[spendreports-it] " + calls.size() + " calls cost " + expectedTotal.toPlainString()
                + "; /spend/logs rows sum to " + loggedTotal.toPlainString());
        assertEquals(0, expectedTotal.compareTo(loggedTotal));
        for (JsonNode row : rows) {
            Call made = calls.stream().filter(c -> c.requestId().equals(row.get("request_id").asText())).findFirst()
                    .orElseThrow();
            assertEquals(0, made.cost().compareTo(row.get("spend").decimalValue()), row.toString());
            assertEquals(made.keyId(), row.get("api_key").asText(), "the public key id, never the key or its hash");
            assertEquals(made.customer(), row.get("end_user").asText());
            assertEquals("priced", row.get("model_group").asText());
        }
        spendLogFilters(server, calls, k1);
        globalReport(server, calls);
        calculate(server, calls.get(0), rows);
        BigDecimal custA = sum(calls.stream().filter(c -> c.customer().equals("cust-a")).toList());
        JsonNode infoA = call(server, MASTER, "/customer/info?end_user_id=cust-a", null, 200);
        assertEquals(0, custA.compareTo(infoA.get("spend").decimalValue()), infoA.toString());
        assertEquals("Alice", infoA.get("alias").asText());

        blockAndUnblock(server, k1);
        customerBudget(server, k2);
    }

    void spendLogFilters(GatewayServer server, List<Call> calls, JsonNode k1) throws Exception {
        String id1 = k1.get("key_id").asText();
        List<Call> ofKey1 = calls.stream().filter(c -> c.keyId().equals(id1)).toList();
        JsonNode byId = call(server, MASTER, "/spend/logs?api_key=" + id1, null, 200);
        assertEquals(ofKey1.size(), byId.size());
        assertEquals(0, sum(ofKey1).compareTo(sumSpend(byId)));
        JsonNode byKey = call(server, MASTER, "/spend/logs?api_key=" + enc(k1.get("key").asText()), null, 200);
        assertEquals(byId, byKey, "a key filter finds the same rows as its id");
        String requestId = calls.get(1).requestId();
        assertEquals(1, call(server, MASTER, "/spend/logs?request_id=" + requestId, null, 200).size());
        String today = LocalDate.now().toString();
        assertEquals(calls.size(), call(server, MASTER, "/spend/logs?start_date=" + today + "&end_date=" + today,
                null, 200).size());
        assertEquals(0, call(server, MASTER, "/spend/logs?start_date=" + LocalDate.now().plusDays(1), null, 200).size());
        assertEquals("start_date", error(call(server, MASTER, "/spend/logs?start_date=yesterday", null, 400)));
        assertEquals("end_date", error(call(server, MASTER, "/spend/logs?end_date=2026-02-30", null, 400)));
        assertEquals("start_date", error(call(server, MASTER, "/spend/logs?start_date=" + today + "&end_date="
                + LocalDate.now().minusDays(2), null, 400)));
        assertEquals("api_key", error(call(server, MASTER, "/spend/logs?api_key=sk-not-a-real-key", null, 404)));
    }

    void globalReport(GatewayServer server, List<Call> calls) throws Exception {
        String range = "start_date=" + LocalDate.now() + "&end_date=" + LocalDate.now();
        Map<String, Map<String, BigDecimal>> expected = new LinkedHashMap<>();
        expected.put("api_key", new LinkedHashMap<>());
        expected.put("customer", new LinkedHashMap<>());
        for (Call c : calls) {
            expected.get("api_key").merge(c.keyId(), c.cost(), BigDecimal::add);
            expected.get("customer").merge(c.customer(), c.cost(), BigDecimal::add);
        }
        for (String groupBy : expected.keySet()) {
            JsonNode report = call(server, MASTER, "/global/spend/report?" + range + "&group_by=" + groupBy, null, 200);
            assertEquals(1, report.size(), "one day");
            assertEquals(LocalDate.now().toString(), report.get(0).get("group_by_day").asText());
            String list = groupBy.equals("api_key") ? "api_keys" : "customers";
            Map<String, BigDecimal> reported = new LinkedHashMap<>();
            report.get(0).get(list).forEach(g -> reported.put(g.get(groupBy).asText(), g.get("total_spend").decimalValue()));
            System.out.println("[spendreports-it] /global/spend/report by " + groupBy + ": " + reported
                    + " expected " + expected.get(groupBy));
            assertEquals(expected.get(groupBy).keySet(), reported.keySet());
            expected.get(groupBy).forEach((g, total) -> assertEquals(0, total.compareTo(reported.get(g)), g));
        }
        JsonNode byTeam = call(server, MASTER, "/global/spend/report?" + range, null, 200);
        JsonNode noTeam = byTeam.get(0).get("teams").get(0);
        assertTrue(noTeam.get("team_name").isNull());
        assertEquals(0, sum(calls).compareTo(noTeam.get("total_spend").decimalValue()));
        assertEquals("group_by", error(call(server, MASTER, "/global/spend/report?group_by=model", null, 400)));
        assertEquals("start_date", error(call(server, MASTER, "/global/spend/report?start_date=11/24", null, 400)));
    }

    void calculate(GatewayServer server, Call first, JsonNode rows) throws Exception {
        JsonNode recorded = null;
        for (JsonNode row : rows) {
            if (row.get("request_id").asText().equals(first.requestId())) {
                recorded = row.get("spend");
            }
        }
        String body = "{\"model\":\"priced\",\"completion_response\":" + first.response() + "}";
        BigDecimal calculated = call(server, MASTER, "/spend/calculate", body, 200).get("cost").decimalValue();
        System.out.println("[spendreports-it] /spend/calculate " + calculated.toPlainString() + " vs recorded "
                + recorded.decimalValue().toPlainString());
        assertEquals(0, recorded.decimalValue().compareTo(calculated));
        String prompt = "{\"model\":\"priced\",\"messages\":[{\"role\":\"user\",\"content\":\"" + words(12) + "\"}]}";
        long promptTokens = PromptTokens.ofMessages(ChatRequestReader.read(JSON.readTree(prompt)).messages());
        BigDecimal promptCost = call(server, MASTER, "/spend/calculate", prompt, 200).get("cost").decimalValue();
        assertEquals(0, INPUT_PRICE.multiply(BigDecimal.valueOf(promptTokens)).compareTo(promptCost));
        assertEquals("messages", error(call(server, MASTER, "/spend/calculate", "{\"model\":\"priced\"}", 400)));
        assertEquals("model", error(call(server, MASTER, "/spend/calculate",
                "{\"model\":\"no-such-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", 400)));
    }

    void blockAndUnblock(GatewayServer server, JsonNode key) throws Exception {
        call(server, MASTER, "/customer/block", "{\"user_ids\":[\"cust-b\",\"cust-new\"]}", 200);
        for (String customer : List.of("cust-b", "cust-new")) {
            HttpResponse<String> refused = chatRaw(server, key.get("key").asText(), customer, 3, 10);
            assertEquals(403, refused.statusCode(), refused.body());
            JsonNode error = JSON.readTree(refused.body()).get("error");
            assertEquals("permission_error", error.get("type").asText());
            assertEquals("end_user_blocked", error.get("code").asText());
            assertTrue(error.has("message") && error.has("param"), "OpenAI's error shape");
        }
        assertTrue(call(server, MASTER, "/customer/info?end_user_id=cust-new", null, 200).get("blocked").asBoolean());
        call(server, MASTER, "/customer/unblock", "{\"user_ids\":[\"cust-b\"]}", 200);
        assertEquals(200, chatRaw(server, key.get("key").asText(), "cust-b", 3, 10).statusCode());
        assertEquals(403, chatRaw(server, key.get("key").asText(), "cust-new", 3, 10).statusCode());
    }

    /** 150 prompt words and max_tokens 100 cost $0.00035 and reserve about as much: one fits in $0.0005, two do not. */
    void customerBudget(GatewayServer server, JsonNode key) throws Exception {
        JsonNode made = call(server, MASTER, "/customer/new", "{\"user_id\":\"cust-capped\",\"max_budget\":0.0005}", 200);
        assertEquals(0, new BigDecimal("0.0005").compareTo(made.get("litellm_budget_table").get("max_budget").decimalValue()));
        assertEquals(200, chatRaw(server, key.get("key").asText(), "cust-capped", 150, 100).statusCode());
        HttpResponse<String> refused = chatRaw(server, key.get("key").asText(), "cust-capped", 150, 100);
        assertEquals(429, refused.statusCode(), refused.body());
        assertEquals("budget_exceeded", JSON.readTree(refused.body()).get("error").get("type").asText());
        call(server, MASTER, "/customer/update", "{\"user_id\":\"cust-capped\",\"max_budget\":1}", 200);
        int status = 0;
        for (Instant until = Instant.now().plusSeconds(15); status != 200 && Instant.now().isBefore(until); ) {
            status = chatRaw(server, key.get("key").asText(), "cust-capped", 150, 100).statusCode();
            Thread.sleep(status == 200 ? 0 : 500); // the ledger's account cache holds the old budget up to 2 s
        }
        assertEquals(200, status, "a raised budget admits the customer again");
        assertEquals("budget_id", error(call(server, MASTER, "/customer/update",
                "{\"user_id\":\"cust-capped\",\"budget_id\":\"b-shared\",\"max_budget\":2}", 400)));
    }

    void budgetLifecycle(GatewayServer server) throws Exception {
        JsonNode made = call(server, MASTER, "/budget/new", "{\"budget_id\":\"b-crud\",\"max_budget\":5,"
                + "\"soft_budget\":4,\"rpm_limit\":100,\"tpm_limit\":1000,\"max_parallel_requests\":3,"
                + "\"budget_duration\":\"30d\",\"model_max_budget\":{\"priced\":1}}", 200);
        assertEquals("30d", made.get("budget_duration").asText());
        assertEquals(0, new BigDecimal("5").compareTo(
                call(server, MASTER, "/budget/info", "{\"budgets\":[\"b-crud\"]}", 200).get(0).get("max_budget").decimalValue()));
        JsonNode updated = call(server, MASTER, "/budget/update", "{\"budget_id\":\"b-crud\",\"max_budget\":7}", 200);
        assertEquals(0, new BigDecimal("7").compareTo(updated.get("max_budget").decimalValue()));
        assertEquals(100, updated.get("rpm_limit").asInt(), "an update leaves the other fields alone");
        assertTrue(call(server, MASTER, "/budget/list", null, 200).toString().contains("\"b-crud\""));
        assertEquals("max_budget", error(call(server, MASTER, "/budget/new", "{\"max_budget\":-1}", 400)));
        assertEquals("budget_duration", error(call(server, MASTER, "/budget/new", "{\"budget_duration\":\"soon\"}", 400)));
        assertEquals("tpm_limit", error(call(server, MASTER, "/budget/new", "{\"tpm_limit\":\"many\"}", 400)));
        assertEquals("colour", error(call(server, MASTER, "/budget/new", "{\"colour\":\"red\"}", 400)));
        assertEquals("budget_id", error(call(server, MASTER, "/budget/update", "{\"budget_id\":\"nope\"}", 404)));
        call(server, MASTER, "/budget/new", "{\"budget_id\":\"b-shared\",\"max_budget\":100}", 200);
        call(server, MASTER, "/customer/new", "{\"user_id\":\"cust-shared\",\"budget_id\":\"b-shared\"}", 200);
        assertEquals("id", error(call(server, MASTER, "/budget/delete", "{\"id\":\"b-shared\"}", 400)));
        call(server, MASTER, "/budget/delete", "{\"id\":\"b-crud\"}", 200);
        call(server, MASTER, "/budget/info?budget_id=b-crud", null, 404);
        call(server, MASTER, "/customer/delete", "{\"user_ids\":[\"cust-shared\"]}", 200);
        call(server, MASTER, "/customer/info?end_user_id=cust-shared", null, 404);
    }

    Call chat(GatewayServer server, JsonNode key, String customer, int words) throws Exception {
        HttpResponse<String> r = chatRaw(server, key.get("key").asText(), customer, words, 1000);
        assertEquals(200, r.statusCode(), r.body());
        JsonNode body = JSON.readTree(r.body());
        JsonNode usage = body.get("usage");
        BigDecimal cost = INPUT_PRICE.multiply(usage.get("prompt_tokens").decimalValue())
                .add(OUTPUT_PRICE.multiply(usage.get("completion_tokens").decimalValue()));
        assertEquals(0, cost.compareTo(new BigDecimal(r.headers().firstValue("x-litellm-response-cost").orElseThrow())));
        return new Call(key.get("key_id").asText(), customer, r.headers().firstValue("x-litellm-call-id").orElseThrow(),
                cost, body);
    }

    HttpResponse<String> chatRaw(GatewayServer server, String key, String customer, int words, int maxTokens)
            throws Exception {
        return send(server, key, "/v1/chat/completions", "{\"model\":\"priced\",\"user\":\"" + customer
                + "\",\"max_tokens\":" + maxTokens + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + words(words)
                + "\"}]}");
    }

    void awaitRows(GatewayServer server, int count) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (call(server, MASTER, "/spend/logs", null, 200).size() < count && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static BigDecimal sum(List<Call> calls) {
        return calls.stream().map(Call::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    static BigDecimal sumSpend(JsonNode rows) {
        BigDecimal total = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            total = total.add(row.get("spend").decimalValue());
        }
        return total;
    }

    static String words(int n) {
        return "word ".repeat(n).trim();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The {@code param} of an OpenAI-shaped error answer. */
    static String error(JsonNode body) {
        JsonNode error = body.get("error");
        assertTrue(error != null && error.has("type") && error.has("message"), body.toString());
        return error.get("param").asText();
    }

    /**
     * The master key, the provider key and key hashes appear in no answer and no log; a virtual key
     * appears once, in the /key/generate answer that shows it, even though it was sent as a filter.
     */
    void assertNoCanaries(GatewayServer server) throws Exception {
        String logs = server.logText() + server.messagesLog();
        for (String secret : secrets) {
            assertFalse(logs.contains(secret), "a secret reached the logs");
            assertFalse(String.join("\n", responses).contains(secret), "a secret or key hash reached a response");
        }
        for (String key : rawKeys) {
            assertFalse(logs.contains(key), "a virtual key reached the logs");
            assertEquals(1, responses.stream().filter(r -> r.contains(key)).count(), "a key appeared in an answer"
                    + " other than the /key/generate that made it");
        }
        System.out.println("[spendreports-it] canaries checked: " + responses.size() + " answers, " + logs.length()
                + " log characters, " + (secrets.size() + rawKeys.size()) + " secrets");
    }

    JsonNode call(GatewayServer server, String key, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = send(server, key, path, body);
        assertEquals(expected, response.statusCode(), path + " answered " + response.body());
        return JSON.readTree(response.body());
    }

    HttpResponse<String> send(GatewayServer server, String key, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request = body == null ? request.GET()
                : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response.body());
        return response;
    }

    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(extra);
        env.put("LITELLM_MASTER_KEY", MASTER);
        env.put("OPENAI_API_KEY", PROVIDER_KEY);
        return env;
    }

    static String config(FakeOpenAi openai) {
        return """
                model_list:
                  - model_name: priced
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                      region_name: eu  # cust-b is held to the EU (allowed_model_region) and served here
                    model_info:
                      input_cost_per_token: 0.000001
                      output_cost_per_token: 0.000002
                router_settings:
                  num_retries: 0
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl());
    }
}
