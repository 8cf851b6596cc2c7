package io.switchboard.fake;

import static io.switchboard.fake.FakeOpenAiTest.KEY;
import static io.switchboard.fake.FakeOpenAiTest.chat;
import static io.switchboard.fake.LoopbackHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves each {@link Scenario} breaks (or delays) the answer the way its documentation says. */
class FakeOpenAiScenarioTest {

    private static FakeOpenAi openAi;

    @BeforeAll
    static void start() {
        openAi = FakeOpenAi.start(0, KEY);
    }

    @AfterAll
    static void stop() {
        openAi.close();
    }

    @AfterEach
    void resetScenarios() {
        openAi.clearScenarios();
    }

    @Test
    void errorScenariosCarryStatusBodyAndHeaders() throws Exception {
        openAi.scenario("gpt-4o-mini", Scenario.openAiRateLimited(7));
        HttpResponse<String> limited = post(chat("hi", ""));
        assertEquals(429, limited.statusCode());
        assertEquals("7", limited.headers().firstValue("retry-after").orElseThrow());
        assertEquals("application/json", limited.headers().firstValue("content-type").orElseThrow());
        assertTrue(limited.headers().firstValue("x-request-id").isPresent());
        assertEquals("rate_limit_exceeded", json(limited.body()).at("/error/code").asText());

        openAi.model("mistral-small-latest").scenario("mistral-small-latest", Scenario.mistralRateLimited());
        JsonNode mistral = json(post(chat("hi", "").replace("gpt-4o-mini", "mistral-small-latest")).body());
        assertEquals("error", mistral.get("object").asText());
        assertEquals("rate_limited", mistral.get("type").asText());
        assertEquals("1300", mistral.get("code").asText());
        assertFalse(mistral.has("error"));
    }

    @Test
    void sequenceAndDelayCompose() throws Exception {
        openAi.scenario("gpt-4o", Scenario.Sequence.of(Scenario.openAiServerError(),
                new Scenario.Delay(Duration.ofMillis(60))));
        String request = chat("hi", "").replace("gpt-4o-mini", "gpt-4o");
        assertEquals(500, post(request).statusCode());
        long started = System.nanoTime();
        assertEquals(200, post(request).statusCode());
        assertTrue(System.nanoTime() - started >= TimeUnit.MILLISECONDS.toNanos(60));
        assertEquals(200, post(request).statusCode(), "the last step repeats");
    }

    @Test
    void rawStreamReplaysARecordedStreamVerbatim() throws Exception {
        List<String> recorded = Fixtures.lines("mistral/mistral-tool-call.chunks.txt");
        openAi.scenario("mistral-small", new Scenario.RawStream(recorded, true));
        String body = post(chat("hi", ",\"stream\":true").replace("gpt-4o-mini", "mistral-small")).body();
        List<String> expected = new ArrayList<>(recorded);
        expected.add("[DONE]");
        assertEquals(expected, SseEvents.dataPayloads(body));
        assertTrue(body.startsWith("data: " + recorded.get(0) + "\n\n"));

        openAi.scenario("mistral-small", new Scenario.RawStream(Fixtures.lines("groq/groq-tool-call.chunks.txt"), false));
        List<String> noDone = SseEvents.dataPayloads(post(chat("hi", "").replace("gpt-4o-mini", "mistral-small")).body());
        assertEquals(3, noDone.size());
        assertTrue(noDone.get(2).contains("\"x_groq\""));
    }

    @Test
    void garbageAndCutStreamsBreakTheWayUpstreamsBreak() throws Exception {
        openAi.scenario("gpt-4o-mini", new Scenario.Garbage());
        HttpResponse<String> garbage = post(chat("hi", ""));
        assertEquals(200, garbage.statusCode());
        assertThrows(UncheckedIOException.class, () -> json(garbage.body()));

        openAi.scenario("gpt-4o-mini", new Scenario.CutStream(2));
        assertThrows(IOException.class, () -> post(chat("hi", ",\"stream\":true")), "no clean end of stream");
        assertThrows(IOException.class, () -> post(chat("hi", "")), "truncated JSON body");
    }

    @Test
    void cutStreamDeliversTheFirstChunksBeforeTheDrop() throws Exception {
        openAi.scenario("gpt-4o-mini", new Scenario.CutStream(2));
        List<String> lines = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(LoopbackHttp.CLIENT.send(
                LoopbackHttp.request(openAi.baseUrl() + "/chat/completions", "Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(chat("a b c d e f", ",\"stream\":true")))
                        .build(), HttpResponse.BodyHandlers.ofInputStream()).body(), StandardCharsets.UTF_8));
        assertThrows(IOException.class, () -> {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        });
        List<String> events = SseEvents.dataPayloads(String.join("\n", lines) + "\n");
        assertEquals(2, events.size());
        assertFalse(events.contains("[DONE]"));
        events.forEach(event -> assertTrue(json(event).at("/choices/0/finish_reason").isNull()));
    }

    @Test
    void hangStreamSendsOneChunkThenStalls() throws Exception {
        FakeOpenAi hanging = FakeOpenAi.start(0, KEY);
        hanging.scenario("gpt-4o-mini", new Scenario.HangStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(LoopbackHttp.CLIENT.send(
                LoopbackHttp.request(hanging.baseUrl() + "/chat/completions", "Authorization", "Bearer " + KEY)
                        .POST(HttpRequest.BodyPublishers.ofString(chat("hi", ",\"stream\":true")))
                        .build(), HttpResponse.BodyHandlers.ofInputStream()).body(), StandardCharsets.UTF_8));
        assertTrue(reader.readLine().contains("\"role\":\"assistant\""));
        assertEquals("", reader.readLine());
        CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> {
            try {
                return reader.readLine();
            } catch (IOException dropped) {
                return "dropped";
            }
        });
        assertThrows(TimeoutException.class, () -> next.get(200, TimeUnit.MILLISECONDS));
        hanging.close();
        next.get(2, TimeUnit.SECONDS); // closing the fake ends the stall
    }

    private static HttpResponse<String> post(String body) throws IOException, InterruptedException {
        return LoopbackHttp.post(openAi.baseUrl() + "/chat/completions", body, "Authorization", "Bearer " + KEY);
    }
}
