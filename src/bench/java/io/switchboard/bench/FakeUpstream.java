package io.switchboard.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A fast fake of OpenAI's {@code POST /v1/chat/completions}: every body is built once at start, so
 * the fake costs as little as the JDK's HTTP server allows and its own time is the same for the
 * direct and the proxied request. Runs in its own JVM (pinned by the orchestrator) and prints
 * {@code LISTENING <port>} when ready.
 *
 * <p>Options: {@code --port} (0 = any), {@code --delay-ms} before the answer, {@code --size} of a
 * non-streamed body in bytes, {@code --chunks} and {@code --chunk-gap-ms} for streams,
 * {@code --error-rate} (every round(1/rate)-th call answers 500, deterministically),
 * {@code --threads} serving requests.
 */
public final class FakeUpstream {
    private final FakeReplies replies;
    private final long delayMillis;
    private final long chunkGapMillis;
    private final long errorEvery;
    private final AtomicLong calls = new AtomicLong();

    FakeUpstream(FakeReplies replies, long delayMillis, long chunkGapMillis, double errorRate) {
        this.replies = replies;
        this.delayMillis = delayMillis;
        this.chunkGapMillis = chunkGapMillis;
        this.errorEvery = errorRate <= 0 ? 0 : Math.max(1, Math.round(1 / errorRate));
    }

    public static void main(String[] args) throws IOException {
        Options o = Options.parse(args);
        // The JDK server leaves Nagle on by default: a response written as headers then body would
        // wait for the client's delayed ACK, adding ~40 ms to the *direct* baseline.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        FakeReplies replies = new FakeReplies(o.integer("size", 1024), o.integer("chunks", 20));
        FakeUpstream fake = new FakeUpstream(replies, o.integer("delay-ms", 0), o.integer("chunk-gap-ms", 10),
                o.decimal("error-rate", 0));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", o.integer("port", 0)), 4096);
        ExecutorService pool = Executors.newFixedThreadPool(o.integer("threads", 128));
        server.setExecutor(pool);
        server.createContext("/", fake::handle);
        server.start();
        System.out.println("LISTENING " + server.getAddress().getPort());
        System.out.flush();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request;
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/chat/completions")) {
                send(exchange, 404, FakeReplies.NOT_FOUND);
                return;
            }
            pause(delayMillis);
            long n = calls.incrementAndGet();
            if (errorEvery > 0 && n % errorEvery == 0) {
                send(exchange, 500, FakeReplies.INJECTED_ERROR);
                return;
            }
            String body = new String(request, StandardCharsets.UTF_8);
            if (body.contains("\"stream\":true") || body.contains("\"stream\": true")) {
                stream(exchange, body.contains("\"include_usage\":true") || body.contains("\"include_usage\": true"));
            } else {
                send(exchange, 200, replies.completion());
            }
        }
    }

    private void stream(HttpExchange exchange, boolean includeUsage) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0); // chunked: each event leaves when flushed
        OutputStream out = exchange.getResponseBody();
        byte[][] chunks = replies.chunks();
        for (int i = 0; i < chunks.length; i++) {
            if (i > 0) {
                pause(chunkGapMillis);
            }
            out.write(chunks[i]);
            out.flush();
        }
        if (includeUsage) {
            out.write(replies.usageChunk());
        }
        out.write(FakeReplies.DONE);
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
