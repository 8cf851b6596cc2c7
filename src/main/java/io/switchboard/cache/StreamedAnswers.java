package io.switchboard.cache;

import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.MessageContent;
import io.switchboard.chat.ToolCall;
import io.switchboard.chat.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Converts between a stream and a complete answer: a finished stream's canonical chunks are
 * assembled into the response a JSON client would have received (so either kind of request can hit
 * an answer stored by the other), and a cached response is cut back into chunks for a stream.
 */
final class StreamedAnswers {
    private StreamedAnswers() {
    }

    /** The answer a completed stream gave; null when a choice never finished (nothing to store). */
    static ChatResponse assemble(List<ChatChunk> chunks, Usage usage) {
        Map<Integer, ChoiceText> choices = new TreeMap<>();
        String id = null;
        String model = null;
        String fingerprint = null;
        long created = 0;
        for (ChatChunk chunk : chunks) {
            id = id == null ? chunk.id() : id;
            model = model == null ? chunk.model() : model;
            fingerprint = fingerprint == null ? chunk.systemFingerprint() : fingerprint;
            created = created == 0 ? chunk.created() : created;
            for (ChatChunk.Choice c : chunk.choices()) {
                choices.computeIfAbsent(c.index(), i -> new ChoiceText()).add(c);
            }
        }
        List<ChatResponse.Choice> out = new ArrayList<>();
        for (Map.Entry<Integer, ChoiceText> e : choices.entrySet()) {
            if (e.getValue().finishReason == null) {
                return null;
            }
            out.add(new ChatResponse.Choice(e.getKey(), e.getValue().message(), e.getValue().finishReason, null));
        }
        return out.isEmpty() ? null : new ChatResponse(id, created, model, fingerprint, out, usage);
    }

    /**
     * A cached answer (with the id and creation time the client is to see) replayed as a stream, through
     * the same canonical encoder as a live one; the route's writer frames it (chat or text-completion SSE).
     */
    static ChatStream replay(ChatResponse answer, String requestedModel, boolean includeUsage, int choices) {
        CanonicalStream canonical = new CanonicalStream(requestedModel, includeUsage, answer.id(), answer.created(),
                choices);
        return ChatStream.replay(toChunks(answer, answer.id(), answer.created(), answer.model()), canonical);
    }

    /**
     * A cached response as decoded chunks: per choice its whole content and tool calls in one delta,
     * then its finish; usage last. {@code CanonicalStream} turns these into the strict SSE sequence.
     */
    static List<ChatChunk> toChunks(ChatResponse response, String id, long created, String model) {
        List<ChatChunk> chunks = new ArrayList<>();
        for (ChatResponse.Choice c : response.choices()) {
            ChatMessage m = c.message();
            List<ChatChunk.ToolCallDelta> calls = new ArrayList<>();
            for (int i = 0; i < m.toolCalls().size(); i++) {
                ToolCall call = m.toolCalls().get(i);
                calls.add(new ChatChunk.ToolCallDelta(i, call.id(), call.type(), call.name(), call.arguments()));
            }
            ChatChunk.Delta delta = new ChatChunk.Delta("assistant", m.text(), m.reasoningContent(), m.refusal(), calls);
            chunks.add(new ChatChunk(id, created, model, response.systemFingerprint(),
                    List.of(new ChatChunk.Choice(c.index(), delta, c.logprobs(), null)), null));
            chunks.add(new ChatChunk(id, created, model, response.systemFingerprint(),
                    List.of(new ChatChunk.Choice(c.index(), ChatChunk.Delta.EMPTY, null, c.finishReason())), null));
        }
        if (response.usage() != null) {
            chunks.add(new ChatChunk(id, created, model, response.systemFingerprint(), List.of(), response.usage()));
        }
        return chunks;
    }

    /** One choice's text and tool calls, put back together from its deltas. */
    private static final class ChoiceText {
        private final StringBuilder content = new StringBuilder();
        private final StringBuilder reasoning = new StringBuilder();
        private final StringBuilder refusal = new StringBuilder();
        private final Map<Integer, String[]> calls = new TreeMap<>();
        private boolean hasContent;
        private String finishReason;

        void add(ChatChunk.Choice c) {
            ChatChunk.Delta d = c.delta();
            if (d != null) {
                if (d.content() != null) {
                    content.append(d.content());
                    hasContent = true;
                }
                append(reasoning, d.reasoningContent());
                append(refusal, d.refusal());
                for (ChatChunk.ToolCallDelta t : d.toolCalls()) {
                    String[] call = calls.computeIfAbsent(t.index() == null ? 0 : t.index(),
                            i -> new String[] {null, "function", null, ""});
                    call[0] = t.id() != null ? t.id() : call[0];
                    call[1] = t.type() != null ? t.type() : call[1];
                    call[2] = t.name() != null ? t.name() : call[2];
                    call[3] = t.arguments() != null ? call[3] + t.arguments() : call[3];
                }
            }
            if (c.finishReason() != null) {
                finishReason = c.finishReason();
            }
        }

        ChatMessage message() {
            List<ToolCall> toolCalls = new ArrayList<>();
            calls.values().forEach(c -> toolCalls.add(new ToolCall(c[0], c[1], c[2], c[3])));
            return new ChatMessage("assistant", hasContent ? new MessageContent.Text(content.toString()) : null, null,
                    toolCalls, null, refusal.isEmpty() ? null : refusal.toString(),
                    reasoning.isEmpty() ? null : reasoning.toString(), null);
        }

        private static void append(StringBuilder to, String text) {
            if (text != null) {
                to.append(text);
            }
        }
    }
}
