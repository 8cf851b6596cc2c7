package io.switchboard.fake;

import static io.switchboard.fake.LoopbackHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves {@link FakeCohere} and {@link FakeOllama} speak their providers' wire formats (reference §3.6, §3.7). */
class FakeCohereAndOllamaTest {
    private static final String KEY = "co-key-0123456789";
    private static FakeCohere cohere;
    private static FakeOllama ollama;

    @BeforeAll
    static void start() {
        cohere = FakeCohere.start(0, KEY);
        ollama = FakeOllama.start(0);
    }

    @AfterAll
    static void stop() {
        cohere.close();
        ollama.close();
    }

    @Test
    void cohereChecksBearerAndAnswersItsErrorShape() throws Exception {
        String hello = "{\"model\":\"command-a-03-2025\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
        HttpResponse<String> wrong = LoopbackHttp.post(cohere.baseUrl() + "/v2/chat", hello, "Authorization", "Bearer nope");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid api token", json(wrong.body()).get("message").asText());
        assertTrue(json(wrong.body()).has("id"));
        HttpResponse<String> openAiNames = LoopbackHttp.post(cohere.baseUrl() + "/v2/chat",
                hello.replace("}]}", "}],\"top_p\":0.5}"), "Authorization", "Bearer " + KEY);
        assertEquals(400, openAiNames.statusCode());
        HttpResponse<String> ok = LoopbackHttp.post(cohere.baseUrl() + "/v2/chat", hello, "Authorization", "Bearer " + KEY);
        assertEquals(200, ok.statusCode());
        assertEquals("Echo: Hi", json(ok.body()).at("/message/content/0/text").asText());
        assertEquals("COMPLETE", json(ok.body()).get("finish_reason").asText());
    }

    @Test
    void cohereStreamsTypedEventsWithEventLinesAndNoDone() throws Exception {
        HttpResponse<String> stream = LoopbackHttp.post(cohere.baseUrl() + "/v2/chat",
                "{\"model\":\"command-a-03-2025\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi you\"}]}",
                "Authorization", "Bearer " + KEY);
        assertTrue(stream.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        String body = stream.body();
        assertTrue(body.startsWith("event: message-start\ndata: {"));
        assertTrue(body.contains("event: content-delta\ndata: {\"type\":\"content-delta\",\"index\":0,"));
        assertTrue(body.trim().endsWith("}"));
        assertFalse(body.contains("[DONE]"));
    }

    @Test
    void ollamaStreamsNdjsonWhenStreamIsAbsent() throws Exception {
        HttpResponse<String> stream = LoopbackHttp.post(ollama.baseUrl() + "/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi you\"}]}");
        assertEquals("application/x-ndjson", stream.headers().firstValue("content-type").orElseThrow());
        List<String> lines = stream.body().lines().toList();
        assertEquals(4, lines.size()); // "Echo:", " Hi", " you", done
        assertEquals("Echo:", json(lines.get(0)).at("/message/content").asText());
        assertTrue(json(lines.get(3)).get("done").asBoolean());
        assertEquals("stop", json(lines.get(3)).get("done_reason").asText());
        HttpResponse<String> single = LoopbackHttp.post(ollama.baseUrl() + "/api/chat",
                "{\"model\":\"llama3.2\",\"stream\":false,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals("Echo: Hi", json(single.body()).at("/message/content").asText());
    }

    @Test
    void ollamaRefusesUnpulledModelsDataUrlsAndStringArguments() throws Exception {
        HttpResponse<String> missing = LoopbackHttp.post(ollama.baseUrl() + "/api/chat",
                "{\"model\":\"x\",\"messages\":[]}");
        assertEquals(404, missing.statusCode());
        assertEquals("{\"error\":\"model \\\"x\\\" not found, try pulling it first\"}", missing.body());
        HttpResponse<String> dataUrl = LoopbackHttp.post(ollama.baseUrl() + "/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"user\",\"content\":\"a\",\"images\":[\"data:image/png;base64,AA==\"]}]}");
        assertEquals(400, dataUrl.statusCode());
        HttpResponse<String> stringArgs = LoopbackHttp.post(ollama.baseUrl() + "/api/chat",
                "{\"model\":\"llama3.2\",\"messages\":[{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
                        + "[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}]}");
        assertEquals(400, stringArgs.statusCode());
        assertTrue(json(stringArgs.body()).get("error").asText().startsWith("json: cannot unmarshal string"));
    }
}
