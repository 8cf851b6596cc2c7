package io.switchboard.fake;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The protobuf wire format, just enough to read OTLP export requests without generated classes:
 * tags, varints, fixed 32/64-bit values and length-delimited fields
 * (https://protobuf.dev/programming-guides/encoding/).
 */
final class ProtobufReader {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private final byte[] bytes;
    private int pos;
    private final int end;
    private int tag;

    ProtobufReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtobufReader(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
    }

    /** Moves to the next field; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        tag = (int) varint();
        return true;
    }

    int field() {
        return tag >>> 3;
    }

    int wireType() {
        return tag & 7;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = bytes[pos++];
            result |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    long fixed64() {
        long result = 0;
        for (int i = 0; i < 8; i++) {
            result |= (long) (bytes[pos++] & 0xff) << (8 * i);
        }
        return result;
    }

    /** The current length-delimited field as a nested message. */
    ProtobufReader message() {
        int length = (int) varint();
        ProtobufReader nested = new ProtobufReader(bytes, pos, pos + length);
        pos += length;
        return nested;
    }

    String string() {
        int length = (int) varint();
        String s = new String(bytes, pos, length, StandardCharsets.UTF_8);
        pos += length;
        return s;
    }

    String hex() {
        int length = (int) varint();
        String s = HexFormat.of().formatHex(bytes, pos, pos + length);
        pos += length;
        return s;
    }

    void skip() {
        switch (wireType()) {
            case VARINT -> varint();
            case FIXED64 -> pos += 8;
            case LENGTH_DELIMITED -> {
                int length = (int) varint(); // read first: "pos += varint()" would add to the old pos
                pos += length;
            }
            case FIXED32 -> pos += 4;
            default -> throw new IllegalStateException("unsupported wire type " + wireType());
        }
    }
}
