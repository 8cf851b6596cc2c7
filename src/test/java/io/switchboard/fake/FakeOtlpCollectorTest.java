package io.switchboard.fake;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The collector's hand-written OTLP decoding, against a request encoded field by field from trace.proto. */
class FakeOtlpCollectorTest {

    @Test
    void decodesSpansWithTheirIdsParentKindAndAttributes() {
        byte[] traceId = HexFormat.of().parseHex("0af7651916cd43dd8448eb211c80319c");
        byte[] spanId = HexFormat.of().parseHex("b7ad6b7169203331");
        byte[] parent = HexFormat.of().parseHex("00f067aa0ba902b7");
        byte[] span = concat(
                bytes(1, traceId), bytes(2, spanId), bytes(4, parent), bytes(5, "chat gpt-4o".getBytes(StandardCharsets.UTF_8)),
                varint(6, 3), fixed64(7, 1_700_000_000_000_000_000L), fixed64(8, 1_700_000_000_100_000_000L),
                bytes(9, keyValue("gen_ai.operation.name", bytes(1, "chat".getBytes(StandardCharsets.UTF_8)))),
                bytes(9, keyValue("gen_ai.usage.input_tokens", varint(3, 42))),
                bytes(9, keyValue("gen_ai.request.temperature", fixed64(4, Double.doubleToLongBits(0.25)))),
                bytes(9, keyValue("switchboard.stream", varint(2, 1))),
                bytes(9, keyValue("gen_ai.response.finish_reasons", bytes(5, concat(
                        bytes(1, bytes(1, "stop".getBytes(StandardCharsets.UTF_8))),
                        bytes(1, bytes(1, "length".getBytes(StandardCharsets.UTF_8))))))),
                bytes(15, varint(3, 2)), fixed32(16, 0x100));
        byte[] resource = bytes(1, keyValue("service.name", bytes(1, "switchboard".getBytes(StandardCharsets.UTF_8))));
        byte[] scopeSpans = concat(bytes(1, bytes(1, "scope".getBytes(StandardCharsets.UTF_8))), bytes(2, span),
                bytes(3, "https://schema".getBytes(StandardCharsets.UTF_8)));
        byte[] request = bytes(1, concat(bytes(1, resource), bytes(2, scopeSpans)));

        List<FakeOtlpCollector.Span> spans = FakeOtlpCollector.decodeTraces(request);

        assertEquals(1, spans.size());
        FakeOtlpCollector.Span s = spans.get(0);
        assertEquals("0af7651916cd43dd8448eb211c80319c", s.traceId());
        assertEquals("b7ad6b7169203331", s.spanId());
        assertEquals("00f067aa0ba902b7", s.parentSpanId());
        assertEquals("chat gpt-4o", s.name());
        assertEquals(FakeOtlpCollector.Span.KIND_CLIENT, s.kind());
        assertEquals(FakeOtlpCollector.Span.STATUS_ERROR, s.statusCode());
        assertEquals("switchboard", s.serviceName());
        assertEquals("chat", s.attr("gen_ai.operation.name"));
        assertEquals(42L, s.attr("gen_ai.usage.input_tokens"));
        assertEquals(0.25, s.attr("gen_ai.request.temperature"));
        assertEquals(true, s.attr("switchboard.stream"));
        assertEquals(List.of("stop", "length"), s.attr("gen_ai.response.finish_reasons"));
    }

    private static byte[] keyValue(String key, byte[] anyValue) {
        return concat(bytes(1, key.getBytes(StandardCharsets.UTF_8)), bytes(2, anyValue));
    }

    private static byte[] bytes(int field, byte[] value) {
        return concat(rawVarint(field << 3 | 2), rawVarint(value.length), value);
    }

    private static byte[] varint(int field, long value) {
        return concat(rawVarint(field << 3), rawVarint(value));
    }

    private static byte[] fixed64(int field, long value) {
        byte[] out = new byte[8];
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return concat(rawVarint(field << 3 | 1), out);
    }

    private static byte[] fixed32(int field, int value) {
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            out[i] = (byte) (value >>> (8 * i));
        }
        return concat(rawVarint(field << 3 | 5), out);
    }

    private static byte[] rawVarint(long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
