package io.switchboard.messages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The count_tokens estimate: o200k_base tokens of the text, plus framing, tools and a flat size per image. */
class TokenCounterTest {
    @Test
    void countsTextWithPerMessageFraming() throws Exception {
        // "Hello, world!" is 4 tokens in o200k_base (Hello , world !); 4 tokens of framing per message.
        int tokens = TokenCounter.inputTokens(MessagesRequestReader.readForCounting(new com.fasterxml.jackson.databind
                .ObjectMapper().readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}")));
        assertEquals(8, tokens);
    }

    @Test
    void toolsImagesAndSystemAddUp() throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        int plain = TokenCounter.inputTokens(MessagesRequestReader.readForCounting(mapper.readTree(
                "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")));
        int rich = TokenCounter.inputTokens(MessagesRequestReader.readForCounting(mapper.readTree("""
                {"model":"m","system":"be brief","messages":[{"role":"user","content":[{"type":"text","text":"Hi"},
                  {"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}],
                 "tools":[{"name":"get_weather","input_schema":{"type":"object"}}]}
                """)));
        assertTrue(rich > plain + TokenCounter.MEDIA_TOKENS, rich + " vs " + plain);
    }
}
