package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;

/** Requests on the cache tests' other routes (embeddings, legacy completions) and their spend rows. */
final class CacheCallTypes {
    private CacheCallTypes() {
    }

    static HttpResponse<String> post(CacheGateway gateway, String path, String bearer, JsonNode body) throws Exception {
        return CacheClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static ObjectNode embedding(String input) {
        return CacheClient.JSON.createObjectNode().put("model", "bag-of-words-embedding").put("input", input);
    }

    static ObjectNode textCompletion(String prompt) {
        return CacheClient.JSON.createObjectNode().put("model", "gpt-4o-mini").put("prompt", prompt).put("max_tokens", 20);
    }

    /** The call's spend row, once the ledger has written it (it writes off the request path). */
    static JsonNode spendRow(CacheGateway gateway, HttpResponse<String> call) throws Exception {
        String id = call.headers().firstValue("x-litellm-call-id").orElseThrow();
        Instant deadline = Instant.now().plusSeconds(15);
        while (true) {
            HttpResponse<String> r = CacheClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl()
                    + "/spend/logs?request_id=" + id)).header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode rows = CacheClient.JSON.readTree(r.body());
            if (r.statusCode() == 200 && rows.isArray() && rows.size() == 1) {
                return rows.get(0);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("no spend row for " + id + ": " + r.statusCode() + " " + r.body());
            }
            Thread.sleep(200);
        }
    }
}
