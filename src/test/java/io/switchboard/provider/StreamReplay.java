package io.switchboard.provider;

import io.switchboard.chat.CanonicalStream;
import io.switchboard.chat.ChatChunk;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Replays a provider's raw stream body through the real framing ({@link UpstreamStream}), a decoder and
 * {@link CanonicalStream}, with the body handed over a few bytes at a time so that lines, events and
 * UTF-8 sequences are split at awkward places.
 */
public final class StreamReplay {
    private StreamReplay() {
    }

    /** The canonical chunks, {@code finish()} included; fails if the decoder never saw the end of its stream. */
    public static List<ChatChunk> canonical(String body, UpstreamRequest.Framing framing, StreamDecoder decoder,
                                            boolean includeUsage) {
        UpstreamStream stream = UpstreamStream.of(new Dribble(body.getBytes(StandardCharsets.UTF_8)), framing);
        CanonicalStream canonical = new CanonicalStream("group", includeUsage, "chatcmpl-fallback", 1_700_000_000L, 1);
        List<ChatChunk> out = new ArrayList<>();
        UpstreamEvent event;
        while (!decoder.done() && (event = stream.next()) != null) {
            for (ChatChunk c : decoder.decode(event)) {
                out.addAll(canonical.accept(c));
            }
        }
        if (!decoder.done()) {
            throw new AssertionError("the decoder did not see the end of the stream");
        }
        out.addAll(canonical.finish());
        return out;
    }

    /** The concatenated content of every delta. */
    public static String content(List<ChatChunk> chunks) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().content() != null) {
                s.append(ch.delta().content());
            }
        }));
        return s.toString();
    }

    /** The concatenated reasoning of every delta. */
    public static String reasoning(List<ChatChunk> chunks) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> {
            if (ch.delta().reasoningContent() != null) {
                s.append(ch.delta().reasoningContent());
            }
        }));
        return s.toString();
    }

    /** The arguments of tool call {@code index}, joined across fragments. */
    public static String arguments(List<ChatChunk> chunks, int index) {
        StringBuilder s = new StringBuilder();
        chunks.forEach(c -> c.choices().forEach(ch -> ch.delta().toolCalls().stream()
                .filter(t -> t.index() == index && t.arguments() != null).forEach(t -> s.append(t.arguments()))));
        return s.toString();
    }

    /** Returns 1 to 7 bytes per read. */
    static final class Dribble extends InputStream {
        private final ByteArrayInputStream in;
        private int step;

        Dribble(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            step = step % 7 + 1;
            return in.read(b, off, Math.min(len, step));
        }
    }
}
