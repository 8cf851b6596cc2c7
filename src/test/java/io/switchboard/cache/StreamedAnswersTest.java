package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cached answer replayed as chunks and assembled back is the same answer, tool calls and usage included. */
class StreamedAnswersTest {

    @Test
    void replayAndAssemblyRoundTrip() {
        ChatResponse original = new ChatResponse("chatcmpl-1", 1_700_000_000L, "gpt-4o-mini-2024-07-18", "fp_1", List.of(
                new ChatResponse.Choice(0, ChatMessage.assistant("Paris is the capital.", List.of()), "stop", null),
                new ChatResponse.Choice(1, ChatMessage.assistant(null,
                        List.of(new ToolCall("call_1", "function", "lookup", "{\"city\":\"Paris\"}"))), "tool_calls", null)),
                new Usage(12, 7, 19, 0, 0));
        CanonicalStream canonical = new CanonicalStream("gpt-4o-mini", true, "chatcmpl-2", Instant.now().getEpochSecond(), 2);
        List<ChatChunk> sent = new ArrayList<>();
        for (ChatChunk c : StreamedAnswers.toChunks(original, "chatcmpl-2", 1L, original.model())) {
            sent.addAll(canonical.accept(c));
        }
        sent.addAll(canonical.finish());
        ChatChunk last = sent.get(sent.size() - 1);
        assertTrue(last.choices().isEmpty(), "usage comes last, alone");
        assertEquals(19, last.usage().totalTokens());

        ChatResponse back = StreamedAnswers.assemble(sent, canonical.usage());
        assertEquals("Paris is the capital.", back.choices().get(0).message().text());
        assertEquals("stop", back.choices().get(0).finishReason());
        assertEquals(original.choices().get(1).message().toolCalls(), back.choices().get(1).message().toolCalls());
        assertNull(back.choices().get(1).message().content());
        assertEquals(original.usage(), back.usage());
        assertEquals(original.choices().get(0).message().text(),
                CachedAnswer.fromBytes(new CachedAnswer(back, Instant.now()).toBytes()).response().choices().get(0)
                        .message().text());
    }

    @Test
    void aStreamWhoseChoiceNeverFinishedIsNotAnAnswer() {
        ChatChunk partial = new ChatChunk("c", 1, "m", null, List.of(new ChatChunk.Choice(0,
                new ChatChunk.Delta("assistant", "Par", null, null, null), null, null)), null);
        assertNull(StreamedAnswers.assemble(List.of(partial), null));
    }

    @Test
    void storedBytesThatAreNotAnAnswerAreAMiss() {
        assertNull(CachedAnswer.fromBytes("not json".getBytes()));
        assertNull(CachedAnswer.fromBytes("{\"x\":1}".getBytes()));
    }
}
