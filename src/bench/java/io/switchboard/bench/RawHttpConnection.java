package io.switchboard.bench;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One keep-alive HTTP/1.1 connection that sends a pre-encoded request and reads the answer with
 * its own buffer: no per-request allocation, no library between the socket and the clock, so the
 * driver adds the same few microseconds to the direct and the proxied request. For streams it
 * stamps the arrival of every SSE event (a blank line) with the time the bytes came off the socket.
 */
final class RawHttpConnection implements Closeable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private long filledAt;
    private final StringBuilder line = new StringBuilder(128);

    /** Arrival times of the SSE events of the last answer (nanoTime), valid up to {@link #events()}. */
    private long[] eventTimes = new long[64];
    private int events;
    private boolean closeAfter;
    private int previous;

    RawHttpConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(60_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Builds the bytes of a POST once, so each send is a single write. */
    static byte[] post(String host, int port, String path, String authorization, byte[] body) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nAccept: */*\r\n"
                + (authorization == null ? "" : "Authorization: Bearer " + authorization + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends a request and reads the whole answer; returns the status. */
    int exchange(byte[] request) throws IOException {
        events = 0;
        previous = 0;
        closeAfter = false;
        out.write(request);
        out.flush();
        int status = readStatusLine();
        long contentLength = -1;
        boolean chunked = false;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = header.substring(0, colon).trim();
            String value = header.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("content-length")) {
                contentLength = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase().contains("chunked")) {
                chunked = true;
            } else if (name.equalsIgnoreCase("connection") && value.equalsIgnoreCase("close")) {
                closeAfter = true;
            }
        }
        if (chunked) {
            readChunked();
        } else if (contentLength >= 0) {
            readBody(contentLength);
        } else {
            readBody(Long.MAX_VALUE); // until the server closes
            closeAfter = true;
        }
        return status;
    }

    /** Whether the server asked to close, so the caller must open a new connection. */
    boolean mustReconnect() {
        return closeAfter;
    }

    int events() {
        return events;
    }

    long eventTime(int i) {
        return eventTimes[i];
    }

    private int readStatusLine() throws IOException {
        String status = readLine();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("Not an HTTP answer: " + status);
        }
        return Integer.parseInt(status.substring(9, 12));
    }

    private void readChunked() throws IOException {
        while (true) {
            String sizeLine = readLine();
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine().isEmpty()) {
                    // trailers
                }
                return;
            }
            readBody(size);
            readLine(); // the CRLF after the chunk
        }
    }

    /** Consumes n body bytes, scanning them for SSE event ends ("\n\n", ignoring '\r'). */
    private void readBody(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == limit && !fill(n == Long.MAX_VALUE)) {
                return;
            }
            int take = (int) Math.min(left, limit - pos);
            for (int i = pos; i < pos + take; i++) {
                byte b = buf[i];
                if (b == '\n') {
                    if (previous == '\n') {
                        recordEvent(filledAt);
                    }
                    previous = '\n';
                } else if (b != '\r') {
                    previous = b;
                }
            }
            pos += take;
            left -= take;
        }
    }

    private void recordEvent(long at) {
        if (events == eventTimes.length) {
            eventTimes = java.util.Arrays.copyOf(eventTimes, events * 2);
        }
        eventTimes[events++] = at;
    }

    private String readLine() throws IOException {
        line.setLength(0);
        while (true) {
            if (pos == limit && !fill(false)) {
                throw new EOFException("Connection closed mid-answer");
            }
            byte b = buf[pos++];
            if (b == '\n') {
                int len = line.length();
                if (len > 0 && line.charAt(len - 1) == '\r') {
                    line.setLength(len - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private boolean fill(boolean eofAllowed) throws IOException {
        int n = in.read(buf, 0, buf.length);
        filledAt = System.nanoTime();
        if (n < 0) {
            if (eofAllowed) {
                return false;
            }
            throw new EOFException("Connection closed mid-answer");
        }
        pos = 0;
        limit = n;
        return true;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
