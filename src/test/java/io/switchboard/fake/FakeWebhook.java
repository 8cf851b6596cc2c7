package io.switchboard.fake;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback receiver (LiteLLM's generic API logger endpoint) that records what it is sent and can
 * be told to hang before answering, to prove a slow callback never slows the gateway's calls.
 */
public final class FakeWebhook implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger hangsLeft = new AtomicInteger();
    private final AtomicInteger arrived = new AtomicInteger();
    private volatile Duration hang = Duration.ZERO;

    private FakeWebhook(HttpServer server) {
        this.server = server;
    }

    public static FakeWebhook start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            FakeWebhook hook = new FakeWebhook(server);
            server.createContext("/", exchange -> {
                hook.arrived.incrementAndGet();
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (hook.hangsLeft.getAndDecrement() > 0) {
                    try {
                        Thread.sleep(hook.hang.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                hook.bodies.add(body);
                hook.authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
            return hook;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/logs";
    }

    /** The next {@code times} deliveries wait {@code duration} before being answered. */
    public void hang(Duration duration, int times) {
        hang = duration;
        hangsLeft.set(times);
    }

    /** Deliveries that have arrived, answered or not. */
    public int arrived() {
        return arrived.get();
    }

    /** Bodies of answered deliveries, in order. */
    public List<String> bodies() {
        return List.copyOf(bodies);
    }

    public List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
