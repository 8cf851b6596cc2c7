package io.switchboard.fake;

import static io.switchboard.fake.LoopbackHttp.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Proves {@link FakeAnthropic} refuses what the real Messages API refuses, in its shape, and frames streams exactly. */
class FakeAnthropicTest {
    private static final String KEY = "sk-ant-fake-key-0123";
    private static FakeAnthropic fake;

    @BeforeAll
    static void start() {
        fake = FakeAnthropic.start(0, KEY);
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return LoopbackHttp.post(fake.baseUrl() + "/v1/messages", body, "x-api-key", KEY,
                "anthropic-version", "2023-06-01");
    }

    private static String errorOf(HttpResponse<String> response, int status, String type) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("error", body.get("type").asText());
        assertEquals(type, body.at("/error/type").asText());
        return body.at("/error/message").asText();
    }

    @Test
    void authAndVersionHeadersAreRequired() throws Exception {
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":10,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEquals("x-api-key header is required", errorOf(LoopbackHttp.post(fake.baseUrl() + "/v1/messages", body,
                "Authorization", "Bearer " + KEY), 401, "authentication_error"));
        assertEquals("anthropic-version: header is required", errorOf(LoopbackHttp.post(fake.baseUrl() + "/v1/messages",
                body, "x-api-key", KEY), 400, "invalid_request_error"));
        assertEquals(200, post(body).statusCode());
    }

    @Test
    void requestMistakesAreRefusedLikeTheRealApi() throws Exception {
        assertEquals("max_tokens: Field required", errorOf(post(
                "{\"model\":\"claude-sonnet-4-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), 400,
                "invalid_request_error"));
        assertTrue(errorOf(post("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":9,\"messages\":[{\"role\":\"system\","
                + "\"content\":\"x\"},{\"role\":\"user\",\"content\":\"hi\"}]}"), 400, "invalid_request_error")
                .startsWith("messages: Unexpected role \"system\""));
        assertTrue(errorOf(post("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"a\"},{\"role\":\"user\",\"content\":\"b\"}]}"), 400, "invalid_request_error")
                .contains("roles must alternate"));
        assertEquals("seed: Extra inputs are not permitted", errorOf(post("{\"model\":\"claude-sonnet-4-5\","
                + "\"max_tokens\":9,\"seed\":1,\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"), 400,
                "invalid_request_error"));
        assertTrue(errorOf(post("{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":9,\"messages\":[{\"role\":\"user\","
                + "\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_x\",\"content\":\"1\"}]}]}"), 400,
                "invalid_request_error").contains("unexpected `tool_use_id`"));
        assertEquals("model: claude-nope", errorOf(post("{\"model\":\"claude-nope\",\"max_tokens\":9,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"a\"}]}"), 404, "not_found_error"));
    }

    @Test
    void toolUseAnswerAndEventFraming() throws Exception {
        HttpResponse<String> response = post("""
                {"model":"claude-sonnet-4-5","max_tokens":100,"stream":true,"messages":[{"role":"user","content":"Paris"}],
                 "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"location":{"type":"string"}}}}]}
                """);
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElseThrow().startsWith("text/event-stream"));
        List<String> names = new ArrayList<>();
        for (String frame : response.body().split("\n\n")) {
            String[] lines = frame.split("\n");
            assertEquals(2, lines.length, frame);
            assertTrue(lines[0].startsWith("event: ") && lines[1].startsWith("data: "), frame);
            String name = lines[0].substring(7);
            assertEquals(name, json(lines[1].substring(6)).get("type").asText());
            names.add(name);
        }
        // "Let me call get_weather." word by word, then the input in three fragments, the first empty
        assertEquals(List.of("message_start", "content_block_start", "ping", "content_block_delta",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "content_block_start",
                "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop",
                "message_delta", "message_stop"), names);
        assertTrue(response.body().contains("\"partial_json\":\"\""));
        assertTrue(response.body().contains("\"stop_reason\":\"tool_use\""));
    }
}
