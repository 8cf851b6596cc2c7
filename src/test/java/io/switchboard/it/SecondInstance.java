package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Requests to another gateway than the suite's own. */
final class SecondInstance {
    private SecondInstance() {
    }

    static HttpResponse<String> post(CacheGateway gateway, JsonNode body) throws Exception {
        return CacheClient.HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
