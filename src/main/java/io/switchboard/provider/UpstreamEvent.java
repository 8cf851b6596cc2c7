package io.switchboard.provider;

/**
 * One framed unit of a provider stream: an SSE event ({@code type} is its {@code event:} name,
 * null when absent; {@code data} its joined data lines), an NDJSON line ({@code type} null), or, for
 * binary framings the decoder frames itself (AWS event streams), the {@code bytes} that arrived in one
 * read ({@code type} and {@code data} null).
 */
public record UpstreamEvent(String type, String data, byte[] bytes) {

    public UpstreamEvent(String type, String data) {
        this(type, data, null);
    }

    /** Raw body bytes, for {@link UpstreamRequest.Framing#BYTES}. */
    public static UpstreamEvent ofBytes(byte[] bytes) {
        return new UpstreamEvent(null, null, bytes);
    }
}
