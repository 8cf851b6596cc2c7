package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The HTTP side shared by the fake providers: a JDK {@link HttpServer} bound to 127.0.0.1 only, capture of every
 * request for assertions, per-model {@link Scenario}s, and SSE written the way the providers write it: every event
 * flushed as its own HTTP chunk, so a gateway's relay can be observed event by event.
 */
public abstract class FakeProviderServer implements AutoCloseable {

    static {
        // The JDK server writes headers and body separately; with Nagle on, every response then waits ~40 ms for
        // the client's delayed ACK. Read once, when the first HttpServer is created in this JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String REQUEST_NUMBER = "fake.requestNumber";

    /** What the provider answers when no scenario interferes: a JSON body, or the data payloads of an SSE stream. */
    protected record Answer(String json, List<String> events) {
        static Answer body(JsonNode body) {
            return new Answer(body.toString(), null);
        }

        static Answer stream(List<? extends JsonNode> chunks) {
            return new Answer(null, chunks.stream().map(JsonNode::toString).toList());
        }

        boolean streaming() {
            return events != null;
        }
    }

    /** Thrown to drop the connection: the JDK server closes the socket without the terminating HTTP chunk. */
    private static final class ConnectionDropped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ConnectionDropped() {
            super("connection dropped on purpose", null, false, false);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final Map<String, Scenario> scenarios = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> sequencePositions = new ConcurrentHashMap<>();
    private final AtomicReference<RecordedRequest> lastRequest = new AtomicReference<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private final CountDownLatch closed = new CountDownLatch(1);
    private volatile Duration streamGap = Duration.ofMillis(1);

    protected FakeProviderServer(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot bind 127.0.0.1:" + port, e);
        }
        // Daemon threads: a HangStream handler must never keep the test JVM alive.
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, getClass().getSimpleName() + "-handler");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::receive);
    }

    /** Called by the subclass factories once their own fields are set, so no request sees a half-built fake. */
    protected final void listen() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>}, without any path. */
    public String origin() {
        return "http://127.0.0.1:" + port();
    }

    /** Replaces the scenario for this model or deployment ({@code Scenario.NORMAL} or null restores the default). */
    public void scenario(String model, Scenario scenario) {
        sequencePositions.remove(model);
        if (scenario == null) {
            scenarios.remove(model);
        } else {
            scenarios.put(model, scenario);
        }
    }

    public void clearScenarios() {
        scenarios.clear();
        sequencePositions.clear();
    }

    /** Pause after each streamed event (default 1 ms), so events arrive as separate reads. */
    public void streamGap(Duration gap) {
        streamGap = gap;
    }

    /** The most recent request received (whatever its outcome), or null if none yet. */
    public RecordedRequest lastRequest() {
        return lastRequest.get();
    }

    public int requestCount() {
        return requestCount.get();
    }

    @Override
    public void close() {
        if (closed.getCount() == 0) {
            return;
        }
        closed.countDown(); // releases HangStream and Delay handlers
        server.stop(0);
        threads.shutdownNow();
    }

    /** Route, authenticate and validate like the provider, then call {@link #respond} or an error method. */
    protected abstract void handle(HttpExchange exchange, RecordedRequest request) throws IOException;

    /** The provider's own headers on every response (request id, rate limits, …). */
    protected abstract void addProviderHeaders(Headers headers, int requestNumber);

    /** 1 for the first request this fake received, 2 for the next, … (stable ids and headers for tests). */
    protected static int requestNumber(HttpExchange exchange) {
        Object number = exchange.getAttribute(REQUEST_NUMBER);
        return number == null ? 0 : (Integer) number;
    }

    protected final boolean hasScenario(String model) {
        return model != null && scenarios.containsKey(model);
    }

    private void receive(HttpExchange exchange) throws IOException {
        boolean dropped = false;
        try {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            RecordedRequest request = RecordedRequest.of(exchange, raw, JSON);
            lastRequest.set(request);
            exchange.setAttribute(REQUEST_NUMBER, requestCount.incrementAndGet());
            handle(exchange, request);
        } catch (ConnectionDropped e) {
            dropped = true;
            throw e;
        } finally {
            if (!dropped) {
                exchange.close();
            }
        }
    }

    /** Plays the model's scenario, or the normal answer if it has none. */
    protected final void respond(HttpExchange exchange, String model, Supplier<Answer> normal) throws IOException {
        play(exchange, model, scenarios.getOrDefault(model, Scenario.NORMAL), normal);
    }

    private void play(HttpExchange exchange, String model, Scenario scenario, Supplier<Answer> normal)
            throws IOException {
        if (scenario instanceof Scenario.Normal) {
            Answer answer = normal.get();
            if (answer.streaming()) {
                OutputStream out = openStream(exchange);
                answer.events().forEach(event -> writeEvent(out, event));
                endStream(out);
            } else {
                sendBody(exchange, 200, "application/json", answer.json(), Map.of());
            }
        } else if (scenario instanceof Scenario.Error error) {
            sendBody(exchange, error.status(), "application/json", error.body(), error.headers());
        } else if (scenario instanceof Scenario.Delay delay) {
            waitUnlessClosed(delay.delay());
            play(exchange, model, delay.then(), normal);
        } else if (scenario instanceof Scenario.RawStream raw) {
            OutputStream out = openStream(exchange);
            raw.sseDataPayloads().forEach(event -> writeEvent(out, event));
            if (raw.sendDone()) {
                endStream(out);
            }
        } else if (scenario instanceof Scenario.Garbage garbage) {
            sendBody(exchange, 200, "application/json", garbage.body(), Map.of());
        } else if (scenario instanceof Scenario.CutStream cut) {
            dropMidway(exchange, normal.get(), cut.afterChunks());
        } else if (scenario instanceof Scenario.HangStream) {
            dropMidway(exchange, normal.get(), -1);
        } else if (scenario instanceof Scenario.Sequence sequence) {
            int call = sequencePositions.computeIfAbsent(model, m -> new AtomicInteger()).getAndIncrement();
            play(exchange, model, sequence.steps().get(Math.min(call, sequence.steps().size() - 1)), normal);
        }
    }

    /** {@code afterChunks < 0} means hang: send one event (or nothing, if not streaming), stall, then drop. */
    private void dropMidway(HttpExchange exchange, Answer answer, int afterChunks) throws IOException {
        boolean hang = afterChunks < 0;
        if (answer.streaming()) {
            OutputStream out = openStream(exchange);
            answer.events().stream().limit(hang ? 1 : afterChunks).forEach(event -> writeEvent(out, event));
        } else if (!hang) {
            byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            addProviderHeaders(exchange.getResponseHeaders(), requestNumber(exchange));
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(body, 0, body.length / 2);
            exchange.getResponseBody().flush();
        }
        // A cut upstream dies a moment after its last chunk, not in the same instant: dropping at once
        // races the client's read, and a reset that wins discards the chunks still in its socket buffer.
        waitUnlessClosed(hang ? Duration.ofMinutes(10) : Duration.ofMillis(100));
        throw new ConnectionDropped();
    }

    protected final void sendBody(HttpExchange exchange, int status, String contentType, String body,
            Map<String, String> extraHeaders) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", contentType);
        addProviderHeaders(headers, requestNumber(exchange));
        extraHeaders.forEach(headers::set);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    protected final void sendJson(HttpExchange exchange, int status, String json) throws IOException {
        sendBody(exchange, status, "application/json", json, Map.of());
    }

    private OutputStream openStream(HttpExchange exchange) throws IOException {
        Headers headers = exchange.getResponseHeaders();
        headers.set("Content-Type", streamContentType());
        headers.set("Cache-Control", "no-cache");
        addProviderHeaders(headers, requestNumber(exchange));
        exchange.sendResponseHeaders(200, 0); // length 0 = chunked transfer encoding
        return exchange.getResponseBody();
    }

    /** The content type of a streamed answer; OpenAI's SSE unless the provider frames its streams otherwise. */
    protected String streamContentType() {
        return "text/event-stream; charset=utf-8";
    }

    /** One stream event as the provider frames it: OpenAI's {@code data: <json>} SSE event (reference §1.6). */
    protected String frame(String event) {
        return "data: " + event + "\n\n";
    }

    /** The payload that ends a stream ({@code [DONE]} for OpenAI), or null for providers that send none. */
    protected String endOfStream() {
        return "[DONE]";
    }

    private void endStream(OutputStream out) {
        String end = endOfStream();
        if (end != null) {
            writeEvent(out, end);
        }
    }

    /** One event as bytes on the wire; binary framings (AWS event streams) override this instead of {@link #frame}. */
    protected byte[] frameBytes(String event) {
        return frame(event).getBytes(StandardCharsets.UTF_8);
    }

    /** Writes one framed event; the default sends it as one flushed write. */
    protected void writeFramed(OutputStream out, byte[] framed) throws IOException {
        out.write(framed);
        out.flush();
    }

    /** One event, flushed on its own, the way the providers write their streams. */
    private void writeEvent(OutputStream out, String data) {
        try {
            writeFramed(out, frameBytes(data));
        } catch (IOException e) {
            throw new UncheckedIOException("client went away mid-stream", e);
        }
        waitUnlessClosed(streamGap);
    }

    private void waitUnlessClosed(Duration duration) {
        try {
            closed.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
