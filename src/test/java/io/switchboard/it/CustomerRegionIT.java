package io.switchboard.it;

import static io.switchboard.it.VirtualKeysIT.MASTER;
import static io.switchboard.it.VirtualKeysIT.PROVIDER_KEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import io.switchboard.fake.FakeOpenAi;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's customer {@code allowed_model_region} and {@code default_model} through the packaged gateway:
 * two fake OpenAI endpoints stand for an EU and a US region ({@code litellm_params.region_name}); a
 * region-bound customer's calls, named by the body's {@code user} or LiteLLM's end-user header, reach
 * only its region, fall to its {@code default_model} when the asked model has nothing there, and are
 * refused with a 400 before any provider is called when neither serves. A call served by the default
 * model is reserved and charged at the default model's price. Admin input that no call could
 * follow is refused by name.
 */
class CustomerRegionIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final VirtualKeysIT http = new VirtualKeysIT();
    private static FakeOpenAi eu;
    private static FakeOpenAi us;
    private static GatewayServer server;

    @BeforeAll
    static void start() throws Exception {
        eu = FakeOpenAi.start(0, PROVIDER_KEY);
        us = FakeOpenAi.start(0, PROVIDER_KEY);
        server = GatewayServer.start("customer-region", """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params: {model: openai/gpt-4o-mini, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY, region_name: us}
                  - model_name: gpt-4o-mini
                    litellm_params: {model: openai/gpt-4o-mini, api_base: %2$s, api_key: os.environ/OPENAI_API_KEY, region_name: eu}
                  - model_name: us-only
                    litellm_params: {model: openai/gpt-4o, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY, region_name: us}
                  - model_name: cheap-us
                    litellm_params: {model: openai/gpt-4o-mini, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY, region_name: us}
                  - model_name: eu-default
                    litellm_params: {model: openai/gpt-4o, api_base: %2$s, api_key: os.environ/OPENAI_API_KEY, region_name: eu}
                  - model_name: nowhere
                    litellm_params: {model: openai/gpt-4o, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY}
                  - model_name: text-embedding-3-small
                    litellm_params: {model: openai/text-embedding-3-small, api_base: %1$s, api_key: os.environ/OPENAI_API_KEY, region_name: us}
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(us.baseUrl(), eu.baseUrl()), VirtualKeysIT.env(Map.of()));
        http.call(server, MASTER, "/customer/new", "{\"user_id\":\"eu-only\",\"allowed_model_region\":\"eu\"}", 200);
        http.call(server, MASTER, "/customer/new", "{\"user_id\":\"eu-with-default\",\"allowed_model_region\":\"eu\","
                + "\"default_model\":\"eu-default\"}", 200);
        http.call(server, MASTER, "/customer/new", "{\"user_id\":\"eu-priced\",\"allowed_model_region\":\"eu\","
                + "\"default_model\":\"eu-default\",\"max_budget\":0.00005}", 200);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        eu.close();
        us.close();
    }

    @Test
    void aRegionBoundCustomerIsServedOnlyInItsRegion() throws Exception {
        int euBefore = eu.requestCount();
        int usBefore = us.requestCount();
        for (int i = 0; i < 10; i++) {
            assertEquals(200, chat("gpt-4o-mini", "eu-only", null).statusCode());
        }
        assertEquals(200, chat("gpt-4o-mini", null, "eu-only").statusCode(), "named by LiteLLM's end-user header");
        assertEquals(euBefore + 11, eu.requestCount());
        assertEquals(usBefore, us.requestCount(), "no call of the EU customer went to the US deployment");
        JsonNode info = http.call(server, MASTER, "/customer/info?end_user_id=eu-with-default", null, 200);
        assertEquals("eu", info.get("allowed_model_region").asText());
        assertEquals("eu-default", info.get("default_model").asText());
    }

    @Test
    void theDefaultModelServesWhenTheAskedModelHasNothingInTheRegion() throws Exception {
        int euBefore = eu.requestCount();
        int usBefore = us.requestCount();
        HttpResponse<String> served = chat("us-only", "eu-with-default", null);
        assertEquals(200, served.statusCode(), served.body());
        assertEquals(euBefore + 1, eu.requestCount());
        assertEquals(usBefore, us.requestCount());
        assertEquals("gpt-4o", eu.lastRequest().body().get("model").asText(), "eu-default's upstream model");
    }

    /**
     * Asked for cheap-us (gpt-4o-mini, $0.60/M output) but served by eu-default (gpt-4o, $10/M output): the
     * reservation is priced on gpt-4o. With max_tokens 10 that is $0.00012, more
     * than the customer's $0.00005 (gpt-4o-mini's $0.000006 would have fitted), so the call is refused
     * before any provider; and a served call is charged at gpt-4o's price for the fake's usage (1 prompt
     * token, 2 completion tokens: $0.0000225, not gpt-4o-mini's $0.00000135).
     */
    @Test
    void theReservationAndTheChargeFollowTheDefaultModelThatServes() throws Exception {
        int before = eu.requestCount() + us.requestCount();
        HttpResponse<String> refused = chat("cheap-us", "eu-priced", null);
        assertEquals(429, refused.statusCode(), refused.body());
        JsonNode error = VirtualKeysIT.JSON.readTree(refused.body()).get("error");
        assertEquals("budget_exceeded", error.get("type").asText());
        String message = error.get("message").asText();
        int at = message.indexOf("up to $");
        BigDecimal maximum = new BigDecimal(message.substring(at + "up to $".length(), message.indexOf(',', at)));
        System.out.printf("[customer-region-it] cheap-us served by eu-default: reserved maximum $%s%n",
                maximum.toPlainString());
        assertEquals(0, new BigDecimal("0.00012").compareTo(maximum), "8 prompt tokens (3 to prime the reply, 4"
                + " around the message, 1 for 'hi') at $2.50/M and 10 output tokens at $10/M: " + message);
        assertEquals(before, eu.requestCount() + us.requestCount(), "the refused call reached no provider");

        HttpResponse<String> served = chat("cheap-us", "eu-with-default", null);
        assertEquals(200, served.statusCode(), served.body());
        assertEquals("gpt-4o", eu.lastRequest().body().get("model").asText());
        BigDecimal cost = new BigDecimal(served.headers().firstValue("x-litellm-response-cost").orElseThrow());
        assertEquals(0, new BigDecimal("0.0000225").compareTo(cost), "charged at gpt-4o's price: " + cost);
    }

    @Test
    void withoutAnInRegionDeploymentTheCallIsRefusedBeforeAnyProvider() throws Exception {
        int before = eu.requestCount() + us.requestCount();
        assertRefused(chat("us-only", "eu-only", null));
        assertRefused(chat("nowhere", "eu-only", null));
        assertRefused(send("/v1/embeddings", "{\"model\":\"text-embedding-3-small\",\"input\":\"hi\",\"user\":\"eu-only\"}",
                null));
        assertEquals(before, eu.requestCount() + us.requestCount());
        assertEquals(200, chat("nowhere", null, null).statusCode(), "a call without a customer goes anywhere");
    }

    @Test
    void anUpdatedRegionTakesEffectAtOnce() throws Exception {
        http.call(server, MASTER, "/customer/new", "{\"user_id\":\"moving\",\"allowed_model_region\":\"eu\"}", 200);
        assertRefused(chat("us-only", "moving", null));
        http.call(server, MASTER, "/customer/update", "{\"user_id\":\"moving\",\"allowed_model_region\":\"us\"}", 200);
        int usBefore = us.requestCount();
        assertEquals(200, chat("us-only", "moving", null).statusCode());
        assertEquals(usBefore + 1, us.requestCount());
    }

    @Test
    void customerRoutingNoCallCouldFollowIsRefusedByName() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"user_id\":\"c1\",\"allowed_model_region\":\"asia\"}", "allowed_model_region",
                "{\"user_id\":\"c2\",\"allowed_model_region\":\"eu\",\"default_model\":\"no-such-model\"}", "default_model",
                "{\"user_id\":\"c3\",\"default_model\":\"eu-default\"}", "default_model");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode error = http.call(server, MASTER, "/customer/new", c.getKey(), 400).get("error");
            assertEquals(c.getValue(), error.get("param").asText(), c.getKey());
            assertEquals("invalid_request_error", error.get("type").asText());
        }
        http.call(server, MASTER, "/customer/info?end_user_id=c2", null, 404);
    }

    private static void assertRefused(HttpResponse<String> response) throws Exception {
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = VirtualKeysIT.JSON.readTree(response.body()).get("error");
        assertEquals("invalid_request_error", error.get("type").asText());
        assertEquals("user", error.get("param").asText());
        assertEquals("no_deployment_in_region", error.get("code").asText());
        assertFalse(response.body().contains("127.0.0.1"), "no upstream host in an answer");
    }

    private static HttpResponse<String> chat(String model, String user, String headerUser) throws Exception {
        return send("/v1/chat/completions", "{\"model\":\"" + model + "\",\"max_tokens\":10,"
                + (user == null ? "" : "\"user\":\"" + user + "\",")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", headerUser);
    }

    private static HttpResponse<String> send(String path, String body, String headerUser) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + MASTER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headerUser != null) {
            request.header("x-litellm-end-user-id", headerUser);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
