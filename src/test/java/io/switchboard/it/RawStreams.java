package io.switchboard.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A client that walks away mid-stream, as a browser tab or a killed process does: a plain socket that
 * sends a streaming request, reads until the first SSE event arrives, and resets the connection.
 */
final class RawStreams {
    private RawStreams() {
    }

    /** An open streaming response (or a refusal), read up to its first event. */
    record Opened(Socket socket, int status, String callId, String head) implements AutoCloseable {
        /** Drops the connection with a reset: no orderly close for the server to wait on. */
        @Override
        public void close() throws IOException {
            socket.setSoLinger(true, 0);
            socket.close();
        }
    }

    static Opened open(GatewayServer server, String key, String body) throws IOException {
        Socket socket = new Socket("127.0.0.1", server.port());
        socket.setSoTimeout(30_000);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() > 12 && !head.substring(9, 12).equals("200") && head.indexOf("\r\n\r\n") > 0) {
                break; // a refusal: the headers say all the test needs
            }
            if (head.indexOf("data: ") > 0 && head.lastIndexOf("\n\n") > head.indexOf("data: ")) {
                break; // the first event is in
            }
        }
        int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : -1;
        return new Opened(socket, status, header(head, "x-litellm-call-id"), head.toString());
    }

    static String header(CharSequence head, String name) {
        for (String line : head.toString().split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
