package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.eventstream.HeaderValue;
import software.amazon.eventstream.Message;

/**
 * ConverseStream frames as Bedrock sends them (reference §3.3), encoded by the AWS event-stream codec so prelude,
 * headers and both CRCs are right: an event is {@code :event-type}, {@code :content-type: application/json},
 * {@code :message-type: event}; an exception is {@code :message-type: exception} with {@code :exception-type}.
 * Events are written in the AWS SDK's union shape, {@code {"<eventType>": payload}}; a name ending in
 * {@code Exception} makes an exception frame.
 */
public final class BedrockFrames {
    private BedrockFrames() {
    }

    /** The frame for one {@code {"<eventType>": payload}} object. */
    public static byte[] encode(JsonNode union) {
        Map.Entry<String, JsonNode> only = union.properties().iterator().next();
        return only.getKey().endsWith("Exception") ? exception(only.getKey(), only.getValue().toString())
                : event(only.getKey(), only.getValue().toString());
    }

    public static byte[] event(String type, String payloadJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":event-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        headers.put(":message-type", HeaderValue.fromString("event"));
        return bytes(new Message(headers, payloadJson.getBytes(StandardCharsets.UTF_8)));
    }

    public static byte[] exception(String type, String payloadJson) {
        Map<String, HeaderValue> headers = new LinkedHashMap<>();
        headers.put(":message-type", HeaderValue.fromString("exception"));
        headers.put(":exception-type", HeaderValue.fromString(type));
        headers.put(":content-type", HeaderValue.fromString("application/json"));
        return bytes(new Message(headers, payloadJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** Several frames back to back, as one body. */
    public static byte[] concat(byte[]... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] frame : frames) {
            out.writeBytes(frame);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(Message message) {
        ByteBuffer buffer = message.toByteBuffer();
        byte[] out = new byte[buffer.remaining()];
        buffer.get(out);
        return out;
    }
}
