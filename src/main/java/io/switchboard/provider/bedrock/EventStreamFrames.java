package io.switchboard.provider.bedrock;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import software.amazon.eventstream.Message;

/**
 * Cuts an {@code application/vnd.amazon.eventstream} body into messages as its bytes arrive, in pieces of any
 * size (reference §3.3: a 12-byte prelude of total length, headers length and prelude CRC; headers; payload;
 * message CRC). Whole frames are decoded and checked, both CRCs included, by the AWS event-stream codec's
 * {@link Message#decode}; this class only waits for each frame's bytes. The prelude CRC is checked as soon as
 * the prelude is in (with the JDK's CRC32), so a corrupt length fails at once instead of waiting for megabytes.
 * The codec's own incremental decoder is not used because it allocates 2 MiB per stream up front.
 * Not thread-safe: one instance per stream.
 */
final class EventStreamFrames {
    private static final int PRELUDE = 12;
    private static final int MIN_FRAME = PRELUDE + 4;
    /** AWS's limit for one message (16 MiB), plus the frame's own overhead. */
    private static final int MAX_FRAME = 16 * 1024 * 1024 + MIN_FRAME;

    private byte[] buffer = new byte[8192];
    private int size;

    /** The messages completed by {@code bytes}, in order; bytes of a frame not yet complete are kept. */
    List<Message> feed(byte[] bytes) {
        ensureRoom(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        List<Message> messages = new ArrayList<>(2);
        int start = 0;
        while (size - start >= PRELUDE) {
            int total = frameLength(start);
            if (size - start < total) {
                break;
            }
            try {
                messages.add(Message.decode(ByteBuffer.wrap(buffer, start, total).slice()));
            } catch (RuntimeException corrupt) { // checksum failure, malformed headers
                throw broken();
            }
            start += total;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, size - start);
            size -= start;
        }
        return messages;
    }

    /** True when bytes of an unfinished frame are waiting. */
    boolean pending() {
        return size > 0;
    }

    private int frameLength(int start) {
        ByteBuffer prelude = ByteBuffer.wrap(buffer, start, PRELUDE);
        long total = Integer.toUnsignedLong(prelude.getInt());
        long headers = Integer.toUnsignedLong(prelude.getInt());
        long crc = Integer.toUnsignedLong(prelude.getInt());
        CRC32 expected = new CRC32();
        expected.update(buffer, start, 8);
        if (expected.getValue() != crc || total < MIN_FRAME || total > MAX_FRAME || headers > total - MIN_FRAME) {
            throw broken();
        }
        return (int) total;
    }

    private void ensureRoom(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    static GatewayException broken() {
        return new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider's event stream was corrupt.", null,
                "upstream_stream_corrupt");
    }
}
