package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The response cache's behaviour, the same on every store: {@link CacheLocalIT} runs it in-process,
 * {@link CacheRedisIT} on the real Redis. Each test asks its own question (a fresh id in the prompt),
 * and "served from the cache" is always asserted on the fake provider's request count.
 */
abstract class CacheSuite extends CacheClient {

    @Test
    void aRepeatedRequestIsAnsweredFromTheCacheWithoutCallingTheProvider() throws Exception {
        ObjectNode body = body(question());
        int before = upstreamCalls();
        HttpResponse<String> first = post(body);
        HttpResponse<String> second = post(body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(before + 1, upstreamCalls(), "the provider answered once");
        assertFalse(fromCache(first));
        assertTrue(second.headers().firstValue("x-litellm-cache-key").orElseThrow().matches("[0-9a-f]{64}"));
        assertFalse(second.headers().firstValue("x-litellm-model-id").isPresent(), "no deployment answered");
        assertEquals(content(first), content(second));
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        assertEquals(a.path("usage"), b.path("usage"), "the cached answer reports the usage it had");
        assertNotEquals(a.path("id").asText(), b.path("id").asText(), "each answer has its own id");
        JsonNode line = AccessLines.of(gateway().server, second);
        assertTrue(line.path("cache_hit").asBoolean(), line.toString());
        assertFalse(line.has("deployment"), line.toString());
        assertFalse(AccessLines.of(gateway().server, first).path("cache_hit").asBoolean());
    }

    @Test
    void fieldOrderAndFieldsThatCannotChangeTheAnswerDoNotMatter() throws Exception {
        String q = question();
        int before = upstreamCalls();
        post(body(q).put("temperature", 0.5));
        ObjectNode reordered = JSON.createObjectNode().put("temperature", 0.5).put("user", "someone-else");
        reordered.putObject("metadata").put("trace", "x");
        reordered.setAll(body(q));
        assertTrue(fromCache(post(reordered)));
        assertEquals(before + 1, upstreamCalls());
    }

    @Test
    void aParameterThatChangesTheAnswerIsAnotherEntry() throws Exception {
        String q = question();
        int before = upstreamCalls();
        post(body(q).put("temperature", 0.1));
        assertFalse(fromCache(post(body(q).put("temperature", 0.9))));
        assertFalse(fromCache(post(body(q).put("temperature", 0.1).put("seed", 7))));
        assertEquals(before + 3, upstreamCalls());
    }

    @Test
    void anAnswerExpiresAfterItsTtl() throws Exception {
        ObjectNode body = body(question());
        body.putObject("cache").put("ttl", 1);
        int before = upstreamCalls();
        post(body);
        assertTrue(fromCache(post(body)), "within its ttl");
        Thread.sleep(1_500);
        assertFalse(fromCache(post(body)), "after its ttl");
        assertEquals(before + 2, upstreamCalls());
    }

    @Test
    void noCacheAsksTheProviderAndNoStoreKeepsNothing() throws Exception {
        String q = question();
        int before = upstreamCalls();
        ObjectNode noStore = body(q);
        noStore.putObject("cache").put("no-store", true);
        post(noStore);
        assertFalse(fromCache(post(body(q))), "nothing was stored");
        assertEquals(before + 2, upstreamCalls());
        ObjectNode noCache = body(q);
        noCache.putObject("cache").put("no-cache", true);
        assertFalse(fromCache(post(noCache)), "no-cache skips the lookup");
        assertEquals(before + 3, upstreamCalls());
        assertTrue(fromCache(post(body(q))));
        assertEquals(before + 3, upstreamCalls());
    }

    @Test
    void sMaxAgeRefusesAnswersOlderThanItAllows() throws Exception {
        String q = question();
        post(body(q));
        Thread.sleep(1_200);
        ObjectNode strict = body(q);
        strict.putObject("cache").put("s-maxage", 1);
        int before = upstreamCalls();
        assertFalse(fromCache(post(strict)));
        ObjectNode lenient = body(q);
        lenient.putObject("cache").put("s-maxage", 600);
        assertTrue(fromCache(post(lenient)));
        assertEquals(before + 1, upstreamCalls());
    }

    @Test
    void aNamespaceIsItsOwnKeySpace() throws Exception {
        String q = question();
        ObjectNode inA = body(q);
        inA.putObject("cache").put("namespace", "team-a");
        ObjectNode inB = body(q);
        inB.putObject("cache").put("namespace", "team-b");
        int before = upstreamCalls();
        post(inA);
        assertFalse(fromCache(post(inB)));
        assertFalse(fromCache(post(body(q))), "nor the default namespace");
        assertTrue(fromCache(post(inA)));
        assertEquals(before + 3, upstreamCalls());
    }

    @Test
    void theCacheFieldNeverReachesTheProvider() throws Exception {
        ObjectNode body = body(question());
        body.putObject("cache").put("ttl", 60);
        post(body);
        assertFalse(gateway().chat.lastRequest().body().has("cache"), gateway().chat.lastRequest().body().toString());
    }

    @Test
    void aMalformedCacheControlIsAnOpenAiShapedClientError() throws Exception {
        ObjectNode body = body(question());
        body.putObject("cache").put("ttl", "forever");
        HttpResponse<String> r = post(body);
        assertEquals(400, r.statusCode());
        JsonNode error = JSON.readTree(r.body()).path("error");
        assertEquals("invalid_request_error", error.path("type").asText());
        assertEquals("cache", error.path("param").asText());
    }

    /** LiteLLM's {@code embedding} call type: a repeated input is answered from the cache, costs nothing. */
    @Test
    void aRepeatedEmbeddingIsAnsweredFromTheCache() throws Exception {
        ObjectNode body = CacheCallTypes.embedding(question());
        int before = gateway().embed.requestCount();
        HttpResponse<String> first = CacheCallTypes.post(gateway(), "/v1/embeddings", TestGateway.MASTER_KEY, body);
        HttpResponse<String> second = CacheCallTypes.post(gateway(), "/v1/embeddings", TestGateway.MASTER_KEY, body);
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(before + 1, gateway().embed.requestCount(), "the provider embedded once");
        assertFalse(fromCache(first));
        assertTrue(second.headers().firstValue("x-litellm-cache-key").orElseThrow().matches("[0-9a-f]{64}"));
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        assertEquals(a.at("/data/0/embedding"), b.at("/data/0/embedding"), "the same vector");
        assertEquals(a.path("usage"), b.path("usage"));
        assertEquals("0", second.headers().firstValue("x-litellm-response-cost").orElse("0"));
        JsonNode hit = CacheCallTypes.spendRow(gateway(), second);
        assertTrue(hit.path("cache_hit").asBoolean(), hit.toString());
        assertEquals(0, hit.path("spend").decimalValue().signum(), hit.toString());
        assertFalse(CacheCallTypes.spendRow(gateway(), first).path("cache_hit").asBoolean());

        ObjectNode other = CacheCallTypes.embedding(question());
        assertFalse(fromCache(CacheCallTypes.post(gateway(), "/v1/embeddings", TestGateway.MASTER_KEY, other)));
        other.putObject("cache").put("no-cache", true);
        assertFalse(fromCache(CacheCallTypes.post(gateway(), "/v1/embeddings", TestGateway.MASTER_KEY, other)));
        assertFalse(gateway().embed.lastRequest().body().has("cache"), "the cache field is the gateway's");
        assertEquals(before + 3, gateway().embed.requestCount());
    }

    /** LiteLLM's {@code text_completion} call type (the legacy /v1/completions route). */
    @Test
    void aRepeatedTextCompletionIsAnsweredFromTheCache() throws Exception {
        ObjectNode body = CacheCallTypes.textCompletion(question());
        int before = upstreamCalls();
        HttpResponse<String> first = CacheCallTypes.post(gateway(), "/v1/completions", TestGateway.MASTER_KEY, body);
        HttpResponse<String> second = CacheCallTypes.post(gateway(), "/v1/completions", TestGateway.MASTER_KEY,
                body.deepCopy().put("user", "someone-else"));
        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals(before + 1, upstreamCalls(), "the provider completed once");
        assertTrue(fromCache(second));
        JsonNode a = JSON.readTree(first.body());
        JsonNode b = JSON.readTree(second.body());
        assertEquals("text_completion", b.path("object").asText(), second.body());
        assertEquals(a.at("/choices/0/text"), b.at("/choices/0/text"));
        assertTrue(b.path("id").asText().startsWith("cmpl-") && !a.path("id").equals(b.path("id")), second.body());
        JsonNode hit = CacheCallTypes.spendRow(gateway(), second);
        assertTrue(hit.path("cache_hit").asBoolean(), hit.toString());
        assertEquals(0, hit.path("spend").decimalValue().signum(), hit.toString());
        assertFalse(fromCache(CacheCallTypes.post(gateway(), "/v1/completions", TestGateway.MASTER_KEY,
                body.deepCopy().put("max_tokens", 7))), "another parameter, another answer");
        ObjectNode chat = body(body.path("prompt").asText());
        assertFalse(fromCache(post(chat)), "a chat completion of the same text is another call type");
        assertEquals(before + 3, upstreamCalls());
    }

    /** A JSON answer replayed as a stream that the official SDK's accumulator reads like a live one. */
    @Test
    void aCachedAnswerIsStreamedAsAProperOpenAiStream() throws Exception {
        String q = question();
        HttpResponse<String> first = post(body(q));
        int before = upstreamCalls();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(q)
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        ChatCompletion streamed = accumulator.chatCompletion();
        assertEquals(before, upstreamCalls(), "the stream came from the cache");
        assertEquals(content(first), streamed.choices().get(0).message().content().orElseThrow());
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, streamed.choices().get(0).finishReason());
        assertEquals(JSON.readTree(first.body()).at("/usage/total_tokens").asLong(),
                streamed.usage().orElseThrow().totalTokens());

        HttpResponse<String> raw = HTTP.send(HttpRequest.newBuilder(URI.create(gateway().baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body(q).put("stream", true).toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(fromCache(raw));
        assertTrue(raw.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertTrue(raw.body().endsWith("data: [DONE]\n\n"), raw.body());
        JsonNode line = AccessLines.of(gateway().server, raw);
        assertTrue(line.path("cache_hit").asBoolean() && line.path("stream").asBoolean(), line.toString());
    }

    /** A streamed answer is stored once it completed, and answers a later JSON request. */
    @Test
    void aCompletedStreamIsStoredForLaterRequests() throws Exception {
        String q = question();
        int before = upstreamCalls();
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(q).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        String streamedText = accumulator.chatCompletion().choices().get(0).message().content().orElseThrow();
        HttpResponse<String> json = awaitCached(body(q));
        assertEquals(streamedText, content(json));
        assertEquals(before + 1, upstreamCalls());
        assertTrue(JSON.readTree(json.body()).at("/usage/completion_tokens").asInt() > 0,
                "usage kept even though the stream did not ask for it: " + json.body());
    }

    /**
     * A streamed legacy completion is stored once it ended normally and is replayed, on the next
     * request, as a text-completion stream that the official SDK reads like a live one; it costs nothing.
     */
    @Test
    void aStreamedTextCompletionIsStoredAndReplayedAsATextCompletionStream() throws Exception {
        ObjectNode body = CacheCallTypes.textCompletion(question());
        int before = upstreamCalls();
        TextCompletionStreams.Read live = TextCompletionStreams.viaSdk(sdk(), body.path("prompt").asText());
        assertFalse(live.text().isEmpty());
        HttpResponse<String> raw = TextCompletionStreams.post(gateway(), body);
        int polls = 0;
        while (!fromCache(raw) && polls++ < 25) { // stored after its last byte went out: the client may be first
            Thread.sleep(200);
            raw = TextCompletionStreams.post(gateway(), body.deepCopy().set("cache", JSON.createObjectNode()
                    .put("no-store", true)));
        }
        assertTrue(raw.headers().firstValue("x-litellm-cache-key").orElseThrow().matches("[0-9a-f]{64}"));
        java.util.List<JsonNode> events = TextCompletionStreams.events(raw);
        assertEquals(live.text(), TextCompletionStreams.text(events));
        assertEquals("stop", events.get(events.size() - 1).at("/choices/0/finish_reason").asText(), raw.body());
        TextCompletionStreams.Read replayed = TextCompletionStreams.viaSdk(sdk(), body.path("prompt").asText());
        assertEquals(live, replayed, "the same text and usage, from the cache");
        assertEquals(before + 1 + polls, upstreamCalls(), "the provider streamed once (and once per early poll)");
        JsonNode hit = CacheCallTypes.spendRow(gateway(), raw);
        assertTrue(hit.path("cache_hit").asBoolean(), hit.toString());
        assertEquals(0, hit.path("spend").decimalValue().signum(), hit.toString());
        HttpResponse<String> json = CacheCallTypes.post(gateway(), "/v1/completions", TestGateway.MASTER_KEY, body);
        assertTrue(fromCache(json), "a JSON request finds the streamed answer");
        assertEquals(live.text(), JSON.readTree(json.body()).at("/choices/0/text").asText());
    }

    /** A text-completion stream that the provider broke off is never stored. */
    @Test
    void aStreamedTextCompletionThatFailedIsNotStored() throws Exception {
        ObjectNode body = CacheCallTypes.textCompletion(question());
        gateway().chat.scenario("gpt-4o-mini", new io.switchboard.fake.Scenario.CutStream(1));
        HttpResponse<String> broken;
        try {
            broken = TextCompletionStreams.post(gateway(), body);
        } finally {
            gateway().chat.clearScenarios();
        }
        assertTrue(broken.body().contains("\"error\""), "the stream ended with an error event: " + broken.body());
        int before = upstreamCalls();
        HttpResponse<String> next = TextCompletionStreams.post(gateway(), body);
        assertFalse(fromCache(next), "nothing was stored from the broken stream");
        assertFalse(TextCompletionStreams.text(TextCompletionStreams.events(next)).isEmpty());
        assertEquals(before + 1, upstreamCalls());
    }

    /** The stream is stored after its last byte went to the client, so the next request may come first. */
    HttpResponse<String> awaitCached(JsonNode body) throws Exception {
        Instant deadline = Instant.now().plusSeconds(5);
        HttpResponse<String> r;
        do {
            ObjectNode copy = body.deepCopy();
            copy.putObject("cache").put("no-store", true);
            r = post(copy);
        } while (!fromCache(r) && Instant.now().isBefore(deadline));
        assertTrue(fromCache(r), "the stream's answer was never stored");
        return r;
    }


    /**
     * 1,000 sequential calls over 100 distinct prompts in a seeded random order (so 90% are repeats):
     * prints hit and miss latency as the client measured it, and the hit rate; the provider must have
     * been called exactly once per distinct prompt.
     */
    @Test
    void repeatedPromptBenchmark() throws Exception {
        String run = UUID.randomUUID().toString();
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            order.add(i % 100);
        }
        java.util.Collections.shuffle(order, new java.util.Random(42));
        for (int i = 0; i < 20; i++) {
            post(body("warm-up " + i + " " + run)); // JIT and connections, not measured
        }
        int before = upstreamCalls();
        java.util.List<Long> hits = new java.util.ArrayList<>();
        java.util.List<Long> misses = new java.util.ArrayList<>();
        for (int prompt : order) {
            ObjectNode body = body("Benchmark prompt " + prompt + " of run " + run);
            long start = System.nanoTime();
            HttpResponse<String> r = post(body);
            long micros = (System.nanoTime() - start) / 1_000;
            assertEquals(200, r.statusCode(), r.body());
            (fromCache(r) ? hits : misses).add(micros);
        }
        assertEquals(100, misses.size(), "one miss per distinct prompt");
        assertEquals(before + 100, upstreamCalls());
        System.out.printf(java.util.Locale.ROOT, "[cache-bench] %s: 1000 calls, 100 distinct prompts: hit rate %.1f%%;"
                        + " hit p50 %.2f ms p99 %.2f ms; miss p50 %.2f ms p99 %.2f ms%n", getClass().getSimpleName(),
                hits.size() / 10.0, pct(hits, 50), pct(hits, 99), pct(misses, 50), pct(misses, 99));
    }

    private static double pct(java.util.List<Long> micros, int p) {
        java.util.List<Long> sorted = new java.util.ArrayList<>(micros);
        java.util.Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
