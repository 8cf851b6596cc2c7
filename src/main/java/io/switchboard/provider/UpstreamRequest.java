package io.switchboard.provider;

import java.net.URI;
import java.util.Map;

/**
 * An HTTP call an adapter wants made. {@code headers} may hold credentials: never log them.
 *
 * @param framing how the response body is split into events when the call streams; null otherwise
 * @param credential a credential {@link UpstreamClient} resolves into an {@code Authorization} header (Vertex AI's
 *                   OAuth token), or null when {@code headers} already authenticate the call
 */
public record UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Framing framing,
                              UpstreamCredential credential) {

    public UpstreamRequest {
        headers = Map.copyOf(headers);
    }

    public UpstreamRequest(String method, URI uri, Map<String, String> headers, byte[] body, Framing framing) {
        this(method, uri, headers, body, framing, null);
    }

    public boolean streaming() {
        return framing != null;
    }

    @Override
    public String toString() {
        return "UpstreamRequest[" + method + ", streaming=" + streaming() + "]";
    }

    /** How a streamed response body is cut into {@link UpstreamEvent}s. */
    public enum Framing {
        SSE,
        NDJSON,
        /** The body's bytes as they arrive, for a decoder that frames a binary stream itself (AWS event stream). */
        BYTES
    }
}
