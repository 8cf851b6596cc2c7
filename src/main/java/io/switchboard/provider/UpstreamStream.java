package io.switchboard.provider;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.call.Alarms;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * A provider's streamed response, cut into events as they arrive: SSE (the {@code data:} lines of
 * an event joined by newlines, comments such as {@code : keep-alive} skipped, CR LF accepted) or
 * NDJSON (one event a line), or raw bytes for decoders that frame binary streams themselves. Reads block;
 * close it to release the connection.
 */
public final class UpstreamStream implements AutoCloseable {
    private static final int MAX_LINE_BYTES = 4 * 1024 * 1024;

    private final int status;
    private final Map<String, List<String>> headers;
    private final UpstreamResponse error;
    private final InputStream body;
    private final UpstreamRequest.Framing framing;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
    /**
     * The silence allowed between events. Past it an {@link Alarms} entry closes the stream: the blocked read
     * then fails and is reported as a timeout.
     */
    private Duration readTimeout;

    private volatile boolean timedOut;

    private UpstreamStream(int status, Map<String, List<String>> headers, UpstreamResponse error, InputStream body,
                           UpstreamRequest.Framing framing) {
        this.status = status;
        this.headers = headers;
        this.error = error;
        this.body = body == null ? null : new BufferedInputStream(body, 8192);
        this.framing = framing;
    }

    static UpstreamStream failed(UpstreamResponse error) {
        return new UpstreamStream(error.status(), error.headers(), error, null, null);
    }

    static UpstreamStream open(int status, Map<String, List<String>> headers, InputStream body,
                               UpstreamRequest.Framing framing) {
        return new UpstreamStream(status, headers, null, body, framing);
    }

    /** Builds a stream over bytes already at hand; for decoders' tests and replayed fixtures. */
    public static UpstreamStream of(InputStream body, UpstreamRequest.Framing framing) {
        return new UpstreamStream(200, Map.of(), null, body, framing);
    }

    public int status() {
        return status;
    }

    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The provider's non-2xx response, or null when the stream opened. */
    public UpstreamResponse error() {
        return error;
    }

    /**
     * Limits the wait for each following event: the first chunk ({@code stream_timeout}) and then the
     * silence between chunks. When it passes, {@link #next()} throws a timeout error.
     */
    public void readTimeout(Duration timeout) {
        this.readTimeout = timeout;
    }

    /** The next event, or null at the end of the body. */
    public UpstreamEvent next() {
        Duration timeout = readTimeout;
        ScheduledFuture<?> alarm = timeout == null ? null
                : Alarms.after(timeout, this::expire);
        // an interrupt (the router's deadline while the first chunk is awaited) closes the blocked read
        try (var watched = InterruptedCalls.whileBlocked(this::close)) {
            UpstreamEvent event = switch (framing == null ? UpstreamRequest.Framing.SSE : framing) {
                case NDJSON -> nextLine();
                case BYTES -> nextBytes();
                case SSE -> nextSseEvent();
            };
            if (timedOut) {
                throw timeout(timeout);
            }
            return event;
        } catch (IOException e) {
            // the watchdog closed the stream, or the socket's own read timeout (the call's) passed first
            if (timedOut || e instanceof SocketTimeoutException) {
                throw timeout(timeout);
            }
            throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider's stream broke off.", null,
                    "upstream_stream_broken");
        } finally {
            if (alarm != null) {
                alarm.cancel(false);
            }
        }
    }

    private void expire() {
        timedOut = true;
        close();
    }

    private static GatewayException timeout(Duration timeout) {
        return new GatewayException(ErrorKind.REQUEST_TIMEOUT, timeout == null ? "The provider's stream went silent."
                : "The provider's stream sent nothing for " + timeout.toMillis() / 1000.0 + " seconds.", null,
                "timeout");
    }

    /** Whatever the body has ready (at least one byte, at most 8 KiB): frames may end anywhere in it. */
    private UpstreamEvent nextBytes() throws IOException {
        byte[] buffer = new byte[8192];
        int n = body.read(buffer);
        return n < 0 ? null : UpstreamEvent.ofBytes(java.util.Arrays.copyOf(buffer, n));
    }

    private UpstreamEvent nextLine() throws IOException {
        String text;
        while ((text = readLine()) != null) {
            if (!text.isBlank()) {
                return new UpstreamEvent(null, text);
            }
        }
        return null;
    }

    private UpstreamEvent nextSseEvent() throws IOException {
        String event = null;
        StringBuilder data = null;
        String text;
        while ((text = readLine()) != null) {
            if (text.isEmpty()) {
                if (data != null) {
                    return new UpstreamEvent(event, data.toString());
                }
                event = null;
                continue;
            }
            if (text.startsWith(":")) {
                continue;
            }
            int colon = text.indexOf(':');
            String field = colon < 0 ? text : text.substring(0, colon);
            String value = colon < 0 ? "" : text.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            if (field.equals("data")) {
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (field.equals("event")) {
                event = value;
            }
        }
        return data == null ? null : new UpstreamEvent(event, data.toString());
    }

    /** One line without its terminator (LF or CR LF), or null at the end of the body. */
    private String readLine() throws IOException {
        line.reset();
        int b;
        while ((b = body.read()) != -1) {
            if (b == '\n') {
                return lineText();
            }
            line.write(b);
            if (line.size() > MAX_LINE_BYTES) {
                throw new GatewayException(ErrorKind.UPSTREAM_ERROR, "The provider sent an oversized stream event.",
                        null, "upstream_event_too_large");
            }
        }
        return line.size() == 0 ? null : lineText();
    }

    private String lineText() {
        int size = line.size();
        String text = line.toString(StandardCharsets.UTF_8);
        return size > 0 && text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        if (body != null) {
            try {
                body.close();
            } catch (IOException ignored) {
                // The connection is being abandoned either way.
            }
        }
    }
}
