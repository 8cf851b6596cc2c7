package io.switchboard.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.GatewayException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** What the gateway accepts from clients, and the parameter it names when it refuses. */
class ChatRequestReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ChatRequest read(String json) throws Exception {
        return ChatRequestReader.read(JSON.readTree(json));
    }

    @Test
    void readsTheTypedFieldsAndKeepsUnknownOnesInOrder() throws Exception {
        ChatRequest r = read("""
                {"model":"m","messages":[{"role":"user","content":[{"type":"text","text":"a"},
                   {"type":"image_url","image_url":{"url":"https://x/y.png"}},{"type":"input_audio","input_audio":{"data":"AA"}}]}],
                 "stream":true,"stream_options":{"include_usage":true},"stop":["a","b"],"n":2,"max_tokens":5,
                 "zeta":1,"alpha":{"k":true}}
                """);

        assertTrue(r.stream());
        assertTrue(r.includeUsage());
        assertEquals(List.of("a", "b"), r.stop());
        assertEquals(2, r.choiceCount());
        var parts = ((MessageContent.Parts) r.messages().get(0).content()).parts();
        assertInstanceOf(ContentPart.ImagePart.class, parts.get(1));
        assertEquals("input_audio", ((ContentPart.OtherPart) parts.get(2)).type());
        assertEquals(List.of("zeta", "alpha"), List.copyOf(toList(r.extra().fieldNames())));
        assertNull(r.temperature());
    }

    private static List<String> toList(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}|model",
            "{\"model\":\"m\"}|messages",
            "{\"model\":\"m\",\"messages\":{}}|messages",
            "{\"model\":\"m\",\"messages\":[{\"content\":\"x\"}]}|messages[0].role",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}|messages[0].content",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"tool\",\"content\":\"x\"}]}|messages[0].tool_call_id",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\"}]}]}|messages[0].content[0].image_url",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":0}|n",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":1.5}|max_tokens",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"top_p\":\"high\"}|top_p",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tool_choice\":\"maybe\"}|tool_choice",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tools\":[{\"type\":\"function\"}]}|tools[0].function",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"response_format\":{\"type\":\"xml\"}}|response_format.type",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stop\":[1]}|stop",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"base_url\":\"http://evil\"}|base_url",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{\"include_usage\":1}}|stream_options.include_usage",
    })
    void refusalsNameTheParameter(String body, String param) {
        GatewayException e = assertThrows(GatewayException.class, () -> read(body));
        assertEquals(400, e.kind().status());
        assertEquals(param, e.param(), e.getMessage());
    }

    @Test
    void aBodyThatIsNotAnObjectIsRefused() {
        GatewayException e = assertThrows(GatewayException.class, () -> read("[1,2]"));
        assertEquals("body", e.param());
    }
}
