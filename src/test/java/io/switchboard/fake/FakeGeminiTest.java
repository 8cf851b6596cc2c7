package io.switchboard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fake Gemini refuses what Google refuses, in Google's shape, and frames streams as Google does. */
class FakeGeminiTest {
    private static final String KEY = "AIzaFakeKey0123456789";
    private static FakeGemini fake;
    private static String url;

    @BeforeAll
    static void start() {
        fake = FakeGemini.start(0, KEY);
        url = fake.origin() + "/v1beta/models/gemini-2.5-flash:";
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static HttpResponse<String> call(String method, String body) throws Exception {
        return LoopbackHttp.post(url + method, body, "x-goog-api-key", KEY);
    }

    private static String status(HttpResponse<String> response) {
        return LoopbackHttp.json(response.body()).at("/error/status").asText();
    }

    @Test
    void authByHeaderOrQueryKeyInGooglesErrorShape() throws Exception {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}]}";
        HttpResponse<String> none = LoopbackHttp.post(url + "generateContent", body);
        assertEquals(403, none.statusCode());
        assertEquals("PERMISSION_DENIED", status(none));
        HttpResponse<String> wrong = LoopbackHttp.post(url + "generateContent", body, "x-goog-api-key", "AIzaWrong");
        assertEquals(400, wrong.statusCode());
        assertEquals("API_KEY_INVALID", LoopbackHttp.json(wrong.body()).at("/error/details/0/reason").asText());
        assertEquals(200, LoopbackHttp.post(url + "generateContent?key=" + KEY, body).statusCode());
        assertEquals(KEY, fake.lastRequest().queryParam("key"), "recorded, so ITs can forbid it");
        assertEquals(404, LoopbackHttp.post(fake.origin() + "/v1beta/models/nope:generateContent", body,
                "x-goog-api-key", KEY).statusCode());
    }

    @Test
    void rolesPartsAndFunctionTurnsAreValidated() throws Exception {
        HttpResponse<String> system = call("generateContent",
                "{\"contents\":[{\"role\":\"system\",\"parts\":[{\"text\":\"hi\"}]}]}");
        assertEquals(400, system.statusCode());
        assertEquals("INVALID_ARGUMENT", status(system));
        assertEquals(400, call("generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"a\","
                + "\"inlineData\":{\"mimeType\":\"image/png\",\"data\":\"AA==\"}}]}]}").statusCode(), "one data field per part");
        assertEquals(400, call("generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"messages\":[]}").statusCode(), "unknown field");
        assertEquals(400, call("generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"hi\"}]}],"
                + "\"generationConfig\":{\"max_tokens\":5}}").statusCode(), "OpenAI names are unknown to Google");
        String call = "{\"role\":\"model\",\"parts\":[{\"functionCall\":{\"name\":\"f\",\"args\":{}}},"
                + "{\"functionCall\":{\"name\":\"g\",\"args\":{}}}]}";
        String oneResponse = "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"a\":1}}}]}";
        String twoResponses = "{\"role\":\"user\",\"parts\":[{\"functionResponse\":{\"name\":\"f\",\"response\":{\"a\":1}}},"
                + "{\"functionResponse\":{\"name\":\"g\",\"response\":{\"b\":2}}}]}";
        String ask = "{\"role\":\"user\",\"parts\":[{\"text\":\"go\"}]}";
        assertEquals(400, call("generateContent", "{\"contents\":[" + ask + "," + call + "," + oneResponse + "]}")
                .statusCode(), "every call needs its response");
        HttpResponse<String> ok = call("generateContent", "{\"contents\":[" + ask + "," + call + "," + twoResponses + "]}");
        assertEquals(200, ok.statusCode());
        assertEquals("Result: {\"a\":1} {\"b\":2}", LoopbackHttp.json(ok.body()).at("/candidates/0/content/parts/0/text").asText());
    }

    @Test
    void functionCallAnswerEndsWithStop() throws Exception {
        JsonNode r = LoopbackHttp.json(call("generateContent", "{\"contents\":[{\"role\":\"user\",\"parts\":"
                + "[{\"text\":\"Paris\"}]}],\"tools\":[{\"functionDeclarations\":[{\"name\":\"w\",\"parameters\":"
                + "{\"type\":\"OBJECT\",\"properties\":{\"city\":{\"type\":\"STRING\"},\"n\":{\"type\":\"INTEGER\"}}}}]}]}").body());
        assertEquals("{\"name\":\"w\",\"args\":{\"city\":\"Paris\",\"n\":42}}",
                r.at("/candidates/0/content/parts/0/functionCall").toString());
        assertEquals("STOP", r.at("/candidates/0/finishReason").asText());
    }

    @Test
    void sseWithCrlfAndNoDoneOrAJsonArrayWithoutAltSse() throws Exception {
        String body = "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"one two three four five\"}]}]}";
        HttpResponse<String> sse = call("streamGenerateContent?alt=sse", body);
        assertTrue(sse.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        assertTrue(sse.body().startsWith("data: {"));
        assertTrue(sse.body().endsWith("}\r\n\r\n"));
        assertFalse(sse.body().contains("[DONE]"));
        List<String> events = SseEvents.dataPayloads(sse.body());
        assertEquals(4, events.size(), "three two-word pieces and the finish chunk");
        JsonNode last = LoopbackHttp.json(events.get(3));
        assertEquals("STOP", last.at("/candidates/0/finishReason").asText());
        assertEquals(6, last.at("/usageMetadata/candidatesTokenCount").asInt());

        HttpResponse<String> array = call("streamGenerateContent", body);
        assertEquals(4, LoopbackHttp.json(array.body()).size());
        assertTrue(array.body().contains("\n,\r\n"));
    }
}
