package io.switchboard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** SSE and NDJSON framing as providers really send it (WHATWG event-stream rules). */
class UpstreamStreamTest {
    private static UpstreamStream sse(String body) {
        return UpstreamStream.of(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)),
                UpstreamRequest.Framing.SSE);
    }

    @Test
    void eventsCommentsCrLfAndMultiLineData() {
        UpstreamStream s = sse(": OPENROUTER PROCESSING\r\n\r\nevent: message_start\r\ndata: {\"a\":1}\r\n\r\n"
                + "data:{\"b\":\r\ndata: 2}\n\ndata: [DONE]");

        UpstreamEvent first = s.next();
        assertEquals("message_start", first.type());
        assertEquals("{\"a\":1}", first.data());
        UpstreamEvent second = s.next();
        assertNull(second.type(), "the event name does not carry over to the next event");
        assertEquals("{\"b\":\n2}", second.data());
        assertEquals("[DONE]", s.next().data(), "a last event without a blank line still counts");
        assertNull(s.next());
    }

    @Test
    void ndjsonSkipsBlankLines() {
        UpstreamStream s = UpstreamStream.of(new ByteArrayInputStream("{\"a\":1}\n\n{\"b\":\"é\"}\n"
                .getBytes(StandardCharsets.UTF_8)), UpstreamRequest.Framing.NDJSON);

        assertEquals("{\"a\":1}", s.next().data());
        assertEquals("{\"b\":\"é\"}", s.next().data());
        assertNull(s.next());
    }
}
