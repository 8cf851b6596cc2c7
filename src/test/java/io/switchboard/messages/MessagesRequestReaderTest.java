package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ContentPart;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An Anthropic Messages request as the canonical chat request, and what is refused with which parameter. */
class MessagesRequestReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ChatRequest read(String json) throws Exception {
        return MessagesRequestReader.read(JSON.readTree(json));
    }

    /** The tool round trip of reference §3.2, with the fields Claude Code sends. */
    static final String TOOL_ROUND_TRIP = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,
             "system":[{"type":"text","text":"be brief","cache_control":{"type":"ephemeral"}}],
             "messages":[{"role":"user","content":"Weather in Paris?"},
                         {"role":"assistant","content":[
                            {"type":"thinking","thinking":"hm","signature":"sig1"},
                            {"type":"text","text":"Checking."},
                            {"type":"tool_use","id":"toolu_01A","name":"get_weather","input":{"location":"Paris"}}]},
                         {"role":"user","content":[
                            {"type":"tool_result","tool_use_id":"toolu_01A","content":"18C sunny"},
                            {"type":"text","text":"And tomorrow?"}]}],
             "tools":[{"name":"get_weather","description":"Get weather",
                       "input_schema":{"type":"object","properties":{"location":{"type":"string"}}}}],
             "tool_choice":{"type":"any","disable_parallel_tool_use":true},"temperature":0.2,"top_p":0.9,"top_k":5,
             "stop_sequences":["\\n\\nHuman:"],"metadata":{"user_id":"u-7"},
             "thinking":{"type":"enabled","budget_tokens":2048},"stream":true}
            """;

    @Test
    void readsAToolRoundTripIntoCanonicalMessages() throws Exception {
        ChatRequest r = read(TOOL_ROUND_TRIP);

        assertEquals("claude-sonnet-4-5", r.model());
        assertEquals(1024, r.maxTokens());
        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(List.of("\n\nHuman:"), r.stop());
        assertEquals("u-7", r.user());
        assertEquals(0.2, r.temperature());
        assertEquals(0.9, r.topP());
        assertEquals("required", r.toolChoice().textValue());
        assertEquals(Boolean.FALSE, r.parallelToolCalls());
        assertEquals(5, r.extra().get("top_k").asInt());
        assertEquals(2048, r.extra().at("/thinking/budget_tokens").asInt());
        assertEquals("get_weather", r.tools().get(0).name());
        assertEquals("object", r.tools().get(0).parameters().get("type").asText());

        List<ChatMessage> m = r.messages();
        assertEquals(List.of("system", "user", "assistant", "tool", "user"), m.stream().map(ChatMessage::role).toList());
        var systemPart = (ContentPart.TextPart) ((MessageContent.Parts) m.get(0).content()).parts().get(0);
        assertEquals("be brief", systemPart.text());
        assertEquals("ephemeral", systemPart.extra().at("/cache_control/type").asText());
        ChatMessage assistant = m.get(2);
        assertEquals("Checking.", assistant.text());
        assertEquals(new ToolCall("toolu_01A", "function", "get_weather", "{\"location\":\"Paris\"}"),
                assistant.toolCalls().get(0));
        assertEquals("sig1", assistant.extra().at("/thinking_blocks/0/signature").asText());
        assertEquals("toolu_01A", m.get(3).toolCallId());
        assertEquals("18C sunny", m.get(3).text());
        assertEquals("And tomorrow?", m.get(4).text());
    }

    @Test
    void readsImagesAndPdfDocuments() throws Exception {
        ChatRequest r = read("""
                {"model":"m","max_tokens":5,"messages":[{"role":"user","content":[
                  {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBOR"}},
                  {"type":"image","source":{"type":"url","url":"https://example.com/a.jpg"}},
                  {"type":"document","title":"spec.pdf","source":{"type":"base64","media_type":"application/pdf","data":"JVBER"}},
                  {"type":"text","text":"Describe"}]}]}
                """);

        var parts = ((MessageContent.Parts) r.messages().get(0).content()).parts();
        assertEquals("data:image/png;base64,iVBOR", ((ContentPart.ImagePart) parts.get(0)).url());
        assertEquals("https://example.com/a.jpg", ((ContentPart.ImagePart) parts.get(1)).url());
        var file = (ContentPart.OtherPart) parts.get(2);
        assertEquals("file", file.type());
        assertEquals("data:application/pdf;base64,JVBER", file.raw().at("/file/file_data").asText());
        assertEquals("spec.pdf", file.raw().at("/file/filename").asText());
    }

    @Test
    void toolChoiceVariants() throws Exception {
        String base = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],";
        assertEquals("auto", read(base + "\"tool_choice\":{\"type\":\"auto\"}}").toolChoice().textValue());
        assertEquals("none", read(base + "\"tool_choice\":{\"type\":\"none\"}}").toolChoice().textValue());
        ChatRequest named = read(base + "\"tool_choice\":{\"type\":\"tool\",\"name\":\"f\"}}");
        assertEquals("f", named.toolChoice().at("/function/name").asText());
        assertNull(named.parallelToolCalls());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens",
            "{\"model\":\"m\",\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|max_tokens",
            "{\"model\":\"m\",\"max_tokens\":5}|messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}|messages",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"system\",\"content\":\"x\"}]}|messages.0.role",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\"}]}|messages.0.content",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"video\"}]}]}|messages.0.content.0.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"temperature\":1.5}|temperature",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"name\":\"f\"}]}|tools.0.input_schema",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"web_search_20250305\",\"name\":\"web_search\"}]}|tools.0.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":{\"type\":\"sometimes\"}}|tool_choice.type",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":100}}|thinking.budget_tokens",
            "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"api_base\":\"http://evil\"}|api_base",
    })
    void refusesWithA400NamingTheParameter(String body, String param) {
        GatewayException e = assertThrows(GatewayException.class, () -> read(body));
        assertEquals(ErrorKind.INVALID_REQUEST, e.kind());
        assertEquals(param, e.param());
    }

    @Test
    void countTokensDoesNotNeedMaxTokens() throws Exception {
        ChatRequest r = MessagesRequestReader.readForCounting(JSON.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertNull(r.maxTokens());
        assertFalse(r.stream());
    }
}
