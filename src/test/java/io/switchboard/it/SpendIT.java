package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.fake.FakeOpenAi;
import io.switchboard.fake.Scenario;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Money and limits through the packaged gateway: two instances ({@code java -jar}) sharing one fresh
 * PostgreSQL database, a fake OpenAI upstream, real HTTP clients. The model is priced in its
 * {@code model_info} at $0.0001 per output token (input free) and every call asks {@code max_tokens: 100}
 * of a prompt the fake echoes past 100 words: each call reserves exactly $0.01 and costs exactly $0.01.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SpendIT {
    private static final String MASTER = "sk-master-spend-it-7c1d";
    private static final String OPENAI = "sk-spend-it-upstream-3e9a";
    private static final String WORDS = "word ".repeat(150).trim();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    private static FakeOpenAi openai;
    private static SpendLedgerDatabase db;
    private static GatewayServer one;
    private static GatewayServer two;

    @BeforeAll
    static void start() throws Exception {
        openai = FakeOpenAi.start(0, OPENAI);
        openai.model("gpt-err", "gpt-err");
        openai.scenario("gpt-err", new Scenario.Error(500, "{\"error\":{\"message\":\"The server had an error\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}"));
        db = new SpendLedgerDatabase();
        Map<String, String> env = Map.of("LITELLM_MASTER_KEY", MASTER, "OPENAI_API_KEY", OPENAI,
                "DATABASE_URL", db.databaseUrl());
        // both start at once: two Liberty start-ups in sequence cost minutes on a loaded machine
        CompletableFuture<GatewayServer> second = CompletableFuture.supplyAsync(() -> {
            try {
                return GatewayServer.start("spend-two", config(), env, Duration.ofMinutes(7));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        one = GatewayServer.start("spend-one", config(), env, Duration.ofMinutes(7));
        two = second.get(8, TimeUnit.MINUTES);
        // the gateway creates its tables at start-up; parties are then inserted as an admin would
        awaitTables();
        db.endUser("budget-one", new BigDecimal("1.00"), null, null);
        db.endUser("budget-two", new BigDecimal("1.00"), null, null);
        db.endUser("rpm-user", null, 60L, null);
        db.endUser("parallel-user", null, null, 5);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {one, two, openai, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static String config() {
        return """
                model_list:
                  - model_name: priced
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                    model_info:
                      input_cost_per_token: 0
                      output_cost_per_token: 0.0001
                  - model_name: broken
                    litellm_params:
                      model: openai/gpt-err
                      api_base: %1$s
                      api_key: os.environ/OPENAI_API_KEY
                    model_info:
                      input_cost_per_token: 0
                      output_cost_per_token: 0.0001
                router_settings:
                  num_retries: 0
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(openai.baseUrl());
    }

    private static void awaitTables() throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                db.count("SELECT COUNT(*) FROM spend_account");
                return;
            } catch (SQLException notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    static String body(String model, String user, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"user\":\"" + user + "\","
                + (stream ? "\"stream\":true,\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + WORDS + "\"}]}";
    }

    static CompletableFuture<HttpResponse<String>> send(GatewayServer server, String body) {
        return HTTP.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** 200 calls released together, each able to cost $0.01, on a $1.00 budget. */
    private static void budgetRun(String label, String user, GatewayServer... servers) throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(send(servers[i % servers.length], body("priced", user, false)));
        }
        int admitted = 0;
        int refused = 0;
        BigDecimal charged = BigDecimal.ZERO;
        for (var call : calls) {
            HttpResponse<String> r = call.get(180, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                admitted++;
                charged = charged.add(new BigDecimal(r.headers().firstValue("x-litellm-response-cost").orElseThrow()));
            } else {
                assertEquals(429, r.statusCode(), r.body());
                assertTrue(r.body().contains("\"type\":\"budget_exceeded\""), r.body());
                refused++;
            }
        }
        awaitSettled(user, admitted);
        BigDecimal spend = db.decimal("SELECT spend FROM spend_account WHERE entity_kind = 'end_user' AND entity_id = ?", user);
        BigDecimal logged = db.decimal("SELECT SUM(cost) FROM spend_log WHERE end_user = ? AND status = 'SUCCESS'", user);
        System.out.printf("[spend-it] (a) %s: budget $1.00, 200 calls of max $0.01 released together: admitted=%d"
                        + " refused=%d committed spend=$%s spend-log sum=$%s x-litellm-response-cost sum=$%s%n",
                label, admitted, refused, spend.toPlainString(), logged.toPlainString(), charged.toPlainString());
        assertTrue(spend.compareTo(new BigDecimal("1.00")) <= 0, "overspent: " + spend);
        assertTrue(admitted >= 95, "admitted only " + admitted);
        assertEquals(0, logged.compareTo(spend));
        assertEquals(0, charged.compareTo(spend));
    }

    /** Waits until the outbox has settled the user's rows and released every reservation. */
    private static void awaitSettled(String user, long atLeastSuccessful) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            long ok = db.count("SELECT COUNT(*) FROM spend_log WHERE end_user = ? AND status = 'SUCCESS'", user);
            BigDecimal reserved = db.decimal("SELECT COALESCE(SUM(reserved), 0) FROM spend_account");
            if (ok >= atLeastSuccessful && reserved.signum() == 0) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("spend rows of " + user + " not settled within 60 s");
    }

    @Test
    @Order(1)
    void budgetHoldsOnOneInstance() throws Exception {
        budgetRun("one instance", "budget-one", one);
    }

    @Test
    @Order(2)
    void budgetHoldsAcrossTwoInstancesSharingPostgres() throws Exception {
        budgetRun("two instances sharing PostgreSQL", "budget-two", one, two);
    }

    @Test
    @Order(3)
    void sixtyRequestsPerMinuteAdmitExactlySixtyOf180SentInOneSecond() throws Exception {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        Instant began = Instant.now();
        for (int i = 0; i < 180; i++) {
            calls.add(send(one, body("priced", "rpm-user", false)));
        }
        Duration sending = Duration.between(began, Instant.now());
        int admitted = 0;
        int limited = 0;
        HttpResponse<String> aRefusal = null;
        for (var call : calls) {
            HttpResponse<String> r = call.get(180, TimeUnit.SECONDS);
            if (r.statusCode() == 200) {
                admitted++;
            } else {
                assertEquals(429, r.statusCode(), r.body());
                limited++;
                aRefusal = r;
            }
        }
        System.out.printf("[spend-it] (b) 60 RPM, 180 calls sent in %d ms: admitted=%d refused(429)=%d%n",
                sending.toMillis(), admitted, limited);
        assertTrue(sending.toMillis() < 1000, "sending took " + sending);
        assertEquals(60, admitted);
        assertEquals(120, limited);
        assertNotNull(aRefusal);
        assertTrue(aRefusal.body().contains("\"type\":\"rate_limit_error\""), aRefusal.body());
        assertTrue(Long.parseLong(aRefusal.headers().firstValue("retry-after").orElseThrow()) >= 1);
        assertEquals("60", aRefusal.headers().firstValue("x-ratelimit-limit-requests").orElseThrow());
        assertEquals("0", aRefusal.headers().firstValue("x-ratelimit-remaining-requests").orElseThrow());
    }

    @Test
    @Order(4)
    void aParallelLimitOfFiveSurvivesAThousandClientDisconnects() throws Exception {
        openai.streamGap(Duration.ofMillis(10)); // a stream of ~100 events then lasts about a second
        try {
            AtomicInteger disconnects = new AtomicInteger();
            AtomicInteger busy = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(5);
            for (int c = 0; c < 5; c++) {
                clients.submit(() -> {
                    while (disconnects.get() < 1000) {
                        try (RawStreams.Opened s = RawStreams.open(one, MASTER, body("priced", "parallel-user", true))) {
                            if (s.status() == 200) {
                                disconnects.incrementAndGet();
                            } else {
                                assertEquals(429, s.status(), s.head());
                                busy.incrementAndGet(); // the server has not yet seen an earlier client leave
                                Thread.sleep(5);
                            }
                        }
                    }
                    return null;
                });
            }
            clients.shutdown();
            assertTrue(clients.awaitTermination(10, TimeUnit.MINUTES));
            Thread.sleep(2_000); // the server notices the last resets at its next write
            openai.streamGap(Duration.ofMillis(100)); // the held streams must outlast opening all six
            List<RawStreams.Opened> held = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    held.add(RawStreams.open(one, MASTER, body("priced", "parallel-user", true)));
                }
                int open = (int) held.stream().filter(s -> s.status() == 200).count();
                try (RawStreams.Opened sixth = RawStreams.open(one, MASTER, body("priced", "parallel-user", true))) {
                    System.out.printf("[spend-it] (c) max_parallel 5: client disconnects=%d, 429s while slots"
                                    + " were still held=%d; afterwards %d of 5 parallel streams open, sixth -> %d%n",
                            disconnects.get(), busy.get(), open, sixth.status());
                    assertEquals(5, open);
                    assertEquals(429, sixth.status());
                }
            } finally {
                for (RawStreams.Opened s : held) {
                    s.close();
                }
            }
        } finally {
            openai.streamGap(Duration.ofMillis(1));
        }
    }

    @Test
    @Order(5)
    void theLedgerBalancesAfterAMixedRunOnTwoInstances() throws Exception {
        String user = "ledger-user";
        Set<String> callIds = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            GatewayServer server = i % 2 == 0 ? one : two;
            calls.add(send(server, body(i % 3 == 0 ? "broken" : "priced", user, i % 4 == 1)));
        }
        int ok = 0;
        int failed = 0;
        for (var call : calls) {
            HttpResponse<String> r = call.get(180, TimeUnit.SECONDS);
            callIds.add(r.headers().firstValue("x-litellm-call-id").orElseThrow());
            if (r.statusCode() == 200) {
                ok++;
            } else {
                failed++;
            }
        }
        openai.streamGap(Duration.ofMillis(10));
        int cut = 0;
        try {
            for (int i = 0; i < 40; i++) {
                try (RawStreams.Opened s = RawStreams.open(i % 2 == 0 ? one : two, MASTER, body("priced", user, true))) {
                    assertEquals(200, s.status(), s.head());
                    callIds.add(s.callId());
                    cut++;
                }
            }
        } finally {
            openai.streamGap(Duration.ofMillis(1));
        }
        int total = ok + failed + cut;
        Instant deadline = Instant.now().plusSeconds(60);
        while (db.count("SELECT COUNT(*) FROM spend_log WHERE end_user = ?", user) < total
                || db.decimal("SELECT COALESCE(SUM(reserved), 0) FROM spend_account").signum() != 0) {
            assertTrue(Instant.now().isBefore(deadline), "rows not settled within 60 s");
            Thread.sleep(200);
        }
        Thread.sleep(1_000); // nothing more may arrive
        long rows = db.count("SELECT COUNT(*) FROM spend_log WHERE end_user = ?", user);
        long distinct = db.count("SELECT COUNT(DISTINCT request_id) FROM spend_log WHERE end_user = ?", user);
        long matched = 0;
        for (String id : callIds) {
            matched += db.count("SELECT COUNT(*) FROM spend_log WHERE request_id = ?", id);
        }
        BigDecimal userLogs = db.decimal("SELECT SUM(cost) FROM spend_log WHERE end_user = ?", user);
        BigDecimal userSpend = db.decimal("SELECT spend FROM spend_account WHERE entity_kind = 'end_user' AND entity_id = ?", user);
        BigDecimal keyLogs = db.decimal("SELECT SUM(cost) FROM spend_log WHERE key_id = 'master-key'");
        BigDecimal keySpend = db.decimal("SELECT spend FROM spend_account WHERE entity_kind = 'key' AND entity_id = 'master-key'");
        BigDecimal keyModelSpend = db.decimal("SELECT SUM(spend) FROM spend_account WHERE entity_kind = 'key_model'");
        long cutRows = db.count("SELECT COUNT(*) FROM spend_log WHERE end_user = ? AND status = 'CLIENT_DISCONNECTED'", user);
        long cutUnbilled = db.count("SELECT COUNT(*) FROM spend_log WHERE end_user = ? AND status = 'CLIENT_DISCONNECTED'"
                + " AND cost <= 0", user);
        BigDecimal cutCost = db.decimal("SELECT SUM(cost) FROM spend_log WHERE end_user = ? AND status = 'CLIENT_DISCONNECTED'", user);
        System.out.printf("[spend-it] (d) mixed run on two instances: calls=%d (ok=%d, upstream errors=%d,"
                        + " client disconnects=%d); spend-log rows=%d distinct request ids=%d matched call ids=%d;"
                        + " end user: logs $%s = spend $%s; key: logs $%s = spend $%s = per-model $%s;"
                        + " disconnected streams billed $%s (%d of %d rows > $0)%n",
                total, ok, failed, cut, rows, distinct, matched, userLogs.toPlainString(), userSpend.toPlainString(),
                keyLogs.toPlainString(), keySpend.toPlainString(), keyModelSpend.toPlainString(),
                cutCost.toPlainString(), cutRows - cutUnbilled, cutRows);
        assertEquals(total, callIds.size());
        assertEquals(total, rows);
        assertEquals(rows, distinct);
        assertEquals(total, matched);
        assertTrue(failed >= 30, "the broken model must have failed calls: " + failed);
        assertEquals(0, userLogs.compareTo(userSpend));
        assertEquals(0, keyLogs.compareTo(keySpend));
        assertEquals(0, keySpend.compareTo(keyModelSpend));
        assertEquals(cut, cutRows);
        assertEquals(0, cutUnbilled);
    }
}
