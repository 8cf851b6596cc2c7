package io.switchboard.chat;

import io.switchboard.GatewayException;
import io.switchboard.guardrail.StreamGuard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stream's sink behind post-call guardrails: each piece of text is checked (with the answer so far)
 * before it is written and unmasked on its way; a block ends the stream with the guardrail's error
 * event instead of the piece. The last check runs on the first finishing chunk, so a blocked answer
 * never ends with a normal {@code finish_reason}.
 */
final class GuardedSink implements ChunkSink {
    private final ChunkSink client;
    private final StreamGuard guard;

    GuardedSink(ChunkSink client, StreamGuard guard) {
        this.client = client;
        this.guard = guard;
    }

    @Override
    public void chunk(ChatChunk chunk, boolean withUsageField) throws IOException {
        List<String> outs = new ArrayList<>(chunk.choices().size());
        for (ChatChunk.Choice c : chunk.choices()) {
            String content = c.delta() == null ? null : c.delta().content();
            outs.add(content == null ? null : guard.accept(c.index(), content));
        }
        boolean finishing = chunk.choices().stream().anyMatch(c -> c.finishReason() != null);
        Map<Integer, String> held = finishing ? guard.finish() : Map.of();
        List<ChatChunk.Choice> choices = new ArrayList<>(chunk.choices().size());
        boolean changed = false;
        for (int i = 0; i < chunk.choices().size(); i++) {
            ChatChunk.Choice c = chunk.choices().get(i);
            ChatChunk.Delta d = c.delta();
            String out = outs.get(i);
            String rest = held.get(c.index());
            if (rest != null) {
                out = out == null ? rest : out + rest;
            }
            if (d != null && !Objects.equals(out, d.content())) {
                d = new ChatChunk.Delta(d.role(), out, d.reasoningContent(), d.refusal(), d.toolCalls(),
                        d.reasoningSignature());
                changed = true;
            }
            choices.add(new ChatChunk.Choice(c.index(), d, c.logprobs(), c.finishReason()));
        }
        client.chunk(changed ? new ChatChunk(chunk.id(), chunk.created(), chunk.model(), chunk.systemFingerprint(),
                choices, chunk.usage()) : chunk, withUsageField);
    }

    @Override
    public void error(GatewayException error) throws IOException {
        client.error(error);
    }

    @Override
    public void done() throws IOException {
        guard.finish();
        client.done();
    }
}
