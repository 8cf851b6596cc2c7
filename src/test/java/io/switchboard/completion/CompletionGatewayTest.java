package io.switchboard.completion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import org.junit.jupiter.api.Test;

/** A completion served by a chat-only provider: what carries over, and what cannot. */
class CompletionGatewayTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static CompletionRequest read(String json) throws Exception {
        return CompletionRequestReader.read(JSON.readTree(json));
    }

    @Test
    void promptBecomesOneUserMessageAndSharedParametersCarryOver() throws Exception {
        ChatRequest chat = ChatRequestReader.read(CompletionGateway.asChat(read(
                "{\"model\":\"m\",\"prompt\":\"Say hi\",\"max_tokens\":7,\"temperature\":0.5,\"stream\":true,"
                        + "\"stream_options\":{\"include_usage\":true},\"echo\":false,\"suffix\":\"x\"}")));

        assertEquals("m", chat.model());
        assertEquals(1, chat.messages().size());
        assertEquals("user", chat.messages().get(0).role());
        assertEquals("Say hi", chat.messages().get(0).text());
        assertEquals(7, chat.maxTokens());
        assertEquals(0.5, chat.temperature());
        assertEquals(true, chat.stream());
        assertEquals(true, chat.includeUsage());
        assertFalse(chat.extra() != null && chat.extra().has("suffix"), "completion-only fields stay behind");
    }

    @Test
    void aOneElementPromptArrayIsOneText() throws Exception {
        assertEquals("x", read("{\"model\":\"m\",\"prompt\":[\"x\"]}").singlePromptText());
    }

    @Test
    void severalPromptsCannotBeOneChatAndSayWhy() throws Exception {
        GatewayException e = assertThrows(GatewayException.class,
                () -> CompletionGateway.asChat(read("{\"model\":\"m\",\"prompt\":[\"a\",\"b\"]}")));
        assertEquals("prompt", e.param());
    }
}
