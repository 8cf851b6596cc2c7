package io.switchboard.provider;

import io.switchboard.chat.ChatChunk;
import java.util.List;

/**
 * Turns one provider stream's events into canonical chunks. Stateful (one instance per stream),
 * pure (no I/O), not thread-safe. Quirks the canonical encoder repairs (missing tool-call indexes,
 * usage on the finish chunk) may be left in; provider errors inside the stream are thrown as
 * {@link io.switchboard.GatewayException}s.
 */
public interface StreamDecoder {

    /** Zero or more chunks for one provider event. */
    List<ChatChunk> decode(UpstreamEvent event);

    /** True once the provider signalled the end of the stream (OpenAI's {@code [DONE]}). */
    boolean done();
}
