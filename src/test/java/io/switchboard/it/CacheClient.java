package io.switchboard.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Requests to a cache test's gateway, and what tells a cached answer from a fresh one. */
abstract class CacheClient {
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    abstract CacheGateway gateway();

    static String question() {
        return "Say something about case " + UUID.randomUUID();
    }

    ObjectNode body(String question) {
        ObjectNode body = JSON.createObjectNode().put("model", "gpt-4o-mini");
        body.putArray("messages").addObject().put("role", "user").put("content", question);
        return body;
    }

    HttpResponse<String> post(JsonNode body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway().baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    static boolean fromCache(HttpResponse<?> r) {
        return r.headers().firstValue("x-litellm-cache-key").isPresent();
    }

    static String content(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).at("/choices/0/message/content").asText();
    }

    int upstreamCalls() {
        return gateway().chat.requestCount();
    }

    OpenAIClient sdk() {
        return OpenAIOkHttpClient.builder().apiKey(TestGateway.MASTER_KEY).baseUrl(gateway().baseUrl() + "/v1")
                .maxRetries(0).timeout(Duration.ofSeconds(30)).build();
    }
}
