package io.switchboard.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The rules of reference/provider-wire-formats.md §1.4–§1.6, each from a provider quirk that broke
 * a real SDK when passed through.
 */
class CanonicalStreamTest {
    private static final long NOW = 1_731_000_000L;

    private static ChatChunk chunk(String id, ChatChunk.Delta delta, String finish, Usage usage) {
        return new ChatChunk(id, 1_700_000_000L, "gpt-4o-mini-2024-07-18", null,
                List.of(new ChatChunk.Choice(0, delta, null, finish)), usage);
    }

    private static ChatChunk.Delta text(String content) {
        return new ChatChunk.Delta(null, content, null, null, null);
    }

    private static List<ChatChunk> run(CanonicalStream s, ChatChunk... in) {
        List<ChatChunk> out = new ArrayList<>();
        for (ChatChunk c : in) {
            out.addAll(s.accept(c));
        }
        out.addAll(s.finish());
        return out;
    }

    @Test
    void firstDeltaCarriesRoleAndFinishComesAloneThenUsageChunk() {
        CanonicalStream s = new CanonicalStream("gpt-4o-mini", true, "chatcmpl-fallback", NOW, 1);
        List<ChatChunk> out = run(s,
                chunk("chatcmpl-1", text("Hel"), null, null),
                chunk("chatcmpl-1", text("lo"), null, null),
                chunk("chatcmpl-1", ChatChunk.Delta.EMPTY, "stop", null),
                new ChatChunk("chatcmpl-1", 1_700_000_000L, "gpt-4o-mini-2024-07-18", null, List.of(),
                        Usage.of(5, 2)));

        assertEquals(4, out.size());
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
        assertEquals("Hel", out.get(0).choices().get(0).delta().content());
        assertNull(out.get(1).choices().get(0).delta().role());
        assertEquals("stop", out.get(2).choices().get(0).finishReason());
        assertTrue(out.get(2).choices().get(0).delta().isEmpty());
        assertTrue(out.get(3).choices().isEmpty());
        assertEquals(7, out.get(3).usage().totalTokens());
        out.forEach(c -> {
            assertEquals("chatcmpl-1", c.id());
            assertEquals(1_700_000_000L, c.created());
            assertEquals("gpt-4o-mini-2024-07-18", c.model());
        });
        out.subList(0, 3).forEach(c -> assertNull(c.usage()));
    }

    @Test
    void usageOnTheFinishChunkIsMovedToItsOwnChunk() {
        // Groq and Mistral put usage on the finish chunk; openai-java's accumulator rejects that.
        CanonicalStream s = new CanonicalStream("m", true, "x", NOW, 1);
        List<ChatChunk> out = run(s,
                chunk("a", text("Hi"), null, null),
                chunk("a", text("!"), "stop", Usage.of(3, 2)));

        assertEquals(4, out.size());
        assertEquals("!", out.get(1).choices().get(0).delta().content());
        assertNull(out.get(1).choices().get(0).finishReason());
        assertEquals("stop", out.get(2).choices().get(0).finishReason());
        assertNull(out.get(2).usage());
        assertEquals(5, out.get(3).usage().totalTokens());
    }

    @Test
    void usageIsNotSentWhenTheClientDidNotAskButIsStillKnown() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 1);
        List<ChatChunk> out = run(s, chunk("a", text("Hi"), "stop", Usage.of(3, 2)));

        assertEquals(2, out.size());
        out.forEach(c -> assertNull(c.usage()));
        assertEquals(5, s.usage().totalTokens());
    }

    @Test
    void chunksAfterTheFinishAreDropped() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 1);
        List<ChatChunk> out = run(s,
                chunk("a", text("Hi"), "stop", null),
                chunk("a", ChatChunk.Delta.EMPTY, null, null),
                chunk("a", text("late"), null, null));

        assertEquals(2, out.size());
        assertEquals("stop", out.get(1).choices().get(0).finishReason());
    }

    @Test
    void azurePromptFilterChunkIsDroppedAndDoesNotFixTheIdentity() {
        CanonicalStream s = new CanonicalStream("my-azure", false, "chatcmpl-fallback", NOW, 1);
        ChatChunk promptFilter = new ChatChunk("", 0, "", null, List.of(), null);
        List<ChatChunk> out = run(s, promptFilter, chunk("chatcmpl-az", text("Hi"), "stop", null));

        assertEquals(2, out.size());
        assertEquals("chatcmpl-az", out.get(0).id());
        assertEquals(1_700_000_000L, out.get(0).created());
    }

    @Test
    void missingIdentityIsFilledFromTheRequestAndTheClock() {
        CanonicalStream s = new CanonicalStream("llama3", false, "chatcmpl-fallback", NOW, 1);
        List<ChatChunk> out = run(s, new ChatChunk(null, 0, null, null,
                List.of(new ChatChunk.Choice(0, text("Hi"), null, "stop")), null));

        out.forEach(c -> {
            assertEquals("chatcmpl-fallback", c.id());
            assertEquals(NOW, c.created());
            assertEquals("llama3", c.model());
        });
    }

    @Test
    void toolCallsWithoutIndexGetIndexTypeAndKeepTheirIds() {
        // Mistral sends each call whole, without index or type.
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 1);
        ChatChunk.Delta calls = new ChatChunk.Delta(null, null, null, null, List.of(
                new ChatChunk.ToolCallDelta(null, "abc123def", null, "get_weather", "{\"city\":\"Paris\"}"),
                new ChatChunk.ToolCallDelta(null, "ghi456jkl", null, "get_time", "{}")));
        List<ChatChunk> out = run(s, chunk("a", calls, "tool_calls", null));

        List<ChatChunk.ToolCallDelta> emitted = out.get(0).choices().get(0).delta().toolCalls();
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
        assertNull(out.get(0).choices().get(0).delta().content());
        assertEquals(0, emitted.get(0).index());
        assertEquals(1, emitted.get(1).index());
        assertEquals("function", emitted.get(0).type());
        assertEquals("abc123def", emitted.get(0).id());
        assertEquals("get_time", emitted.get(1).name());
        assertEquals("tool_calls", out.get(1).choices().get(0).finishReason());
    }

    @Test
    void continuationFragmentsCarryNoIdOrType() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 1);
        List<ChatChunk> out = run(s,
                chunk("a", new ChatChunk.Delta("assistant", null, null, null, List.of(
                        new ChatChunk.ToolCallDelta(0, "call_1", "function", "f", ""))), null, null),
                chunk("a", new ChatChunk.Delta(null, null, null, null, List.of(
                        new ChatChunk.ToolCallDelta(0, null, null, null, "{\"a\":"))), null, null),
                chunk("a", new ChatChunk.Delta(null, null, null, null, List.of(
                        new ChatChunk.ToolCallDelta(0, "call_1", null, null, "1}"))), "tool_calls", null));

        ChatChunk.ToolCallDelta second = out.get(1).choices().get(0).delta().toolCalls().get(0);
        ChatChunk.ToolCallDelta third = out.get(2).choices().get(0).delta().toolCalls().get(0);
        assertEquals(0, second.index());
        assertNull(second.id());
        assertNull(second.type());
        assertNull(third.id());
        assertEquals("1}", third.arguments());
    }

    @Test
    void anEmptyAnswerStillNamesItsRoleBeforeFinishing() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 1);
        List<ChatChunk> out = run(s, chunk("a", ChatChunk.Delta.EMPTY, "stop", null));

        assertEquals(2, out.size());
        assertEquals("assistant", out.get(0).choices().get(0).delta().role());
        assertEquals("", out.get(0).choices().get(0).delta().content());
        assertEquals("stop", out.get(1).choices().get(0).finishReason());
    }

    @Test
    void aStreamThatEndsBeforeItsFinishIsAnErrorNotAMadeUpStop() {
        CanonicalStream s = new CanonicalStream("m", true, "x", NOW, 1);
        s.accept(chunk("a", text("Hal"), null, null));

        GatewayException e = assertThrows(GatewayException.class, s::finish);
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertEquals("incomplete_stream", e.code());
    }

    @Test
    void aStreamWithNoChoicesAtAllIsIncomplete() {
        CanonicalStream s = new CanonicalStream("m", true, "x", NOW, 1);
        s.accept(new ChatChunk("", 0, "", null, List.of(), null));

        assertThrows(GatewayException.class, s::finish);
    }

    @Test
    void withSeveralChoicesNoFinishIsSentUntilEveryChoiceFinished() {
        // openai-java's accumulator finalises once every choice it has seen finished: a provider
        // that streams choice 0 to its end before choice 1 starts would cut choice 1 off.
        CanonicalStream s = new CanonicalStream("m", true, "x", NOW, 2);
        List<ChatChunk> first = s.accept(new ChatChunk("a", 1, "m", null,
                List.of(new ChatChunk.Choice(0, text("A"), null, "stop")), null));
        List<ChatChunk> second = s.accept(new ChatChunk("a", 1, "m", null,
                List.of(new ChatChunk.Choice(1, text("B"), null, "length")), Usage.of(1, 2)));
        List<ChatChunk> end = s.finish();

        assertEquals(1, first.size());
        assertNull(first.get(0).choices().get(0).finishReason());
        assertEquals(2, second.size());
        List<ChatChunk.Choice> finishes = second.get(1).choices();
        assertEquals(List.of("stop", "length"), finishes.stream().map(ChatChunk.Choice::finishReason).toList());
        assertEquals(1, end.size());
        assertTrue(end.get(0).choices().isEmpty());
    }

    @Test
    void heldFinishesAreSentAtTheEndWhenTheProviderReturnsFewerChoices() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 3);
        s.accept(new ChatChunk("a", 1, "m", null, List.of(new ChatChunk.Choice(0, text("A"), null, "stop")), null));
        List<ChatChunk> end = s.finish();

        assertEquals(1, end.size());
        assertEquals("stop", end.get(0).choices().get(0).finishReason());
    }

    @Test
    void everyChoiceOfNChoicesMustFinish() {
        CanonicalStream s = new CanonicalStream("m", false, "x", NOW, 2);
        s.accept(new ChatChunk("a", 1, "m", null, List.of(
                new ChatChunk.Choice(0, text("A"), null, "stop"),
                new ChatChunk.Choice(1, text("B"), null, null)), null));
        assertThrows(GatewayException.class, s::finish);

        s.accept(new ChatChunk("a", 1, "m", null, List.of(new ChatChunk.Choice(1, text("!"), null, "stop")), null));
        assertTrue(s.completed());
    }
}
