package io.switchboard.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The blocking client's own promises: interrupts and early closes end a call at once, timeouts are 408s. */
class UpstreamClientTest {
    private final UpstreamClient client = new UpstreamClient();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        client.close();
        if (server != null) {
            server.close();
        }
    }

    /** A provider that accepts, reads the request, writes {@code answer} and then stays silent with the socket open. */
    private URI provider(String answer) throws IOException {
        return provider(answer, true);
    }

    /** As above; without {@code staySilent} the provider closes the connection after its answer. */
    private URI provider(String answer, boolean staySilent) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            try (Socket s = server.accept()) {
                InputStream in = s.getInputStream();
                in.read(new byte[8192]);
                OutputStream out = s.getOutputStream();
                out.write(answer.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (staySilent) {
                    Thread.sleep(30_000);
                }
            } catch (IOException | InterruptedException closed) {
                // the test is over
            }
        });
        accept.setDaemon(true);
        accept.start();
        return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
    }

    private static UpstreamRequest post(URI uri, UpstreamRequest.Framing framing) {
        return new UpstreamRequest("POST", uri, Map.of("Content-Type", "application/json"),
                "{}".getBytes(StandardCharsets.UTF_8), framing);
    }

    @Test
    void anInterruptedCallEndsWithinTheCheckInterval() throws Exception {
        URI uri = provider("");
        Thread[] caller = new Thread[1];
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        caller[0] = new Thread(() -> {
            try {
                client.send(post(uri, null), Duration.ofSeconds(30));
                failure.complete(null);
            } catch (RuntimeException e) {
                failure.complete(e);
            }
        });
        caller[0].start();
        Thread.sleep(300); // blocked in the read by now
        long interrupted = System.nanoTime();
        caller[0].interrupt();
        Throwable thrown = failure.get(5, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - interrupted) / 1_000_000;
        assertNotNull(thrown, "a call the provider never answers cannot succeed");
        assertTrue(ms < 1_000, "ended " + ms + " ms after the interrupt, not at the 30 s timeout");
    }

    @Test
    void aBodyIsReadWholeWithItsDeclaredLengthOrChunked() throws Exception {
        String json = "{\"id\":\"chatcmpl-1\",\"text\":\"" + "x".repeat(10_000) + "\"}";
        UpstreamResponse sized = client.send(post(provider("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + json.length() + "\r\n\r\n" + json), null), Duration.ofSeconds(5));
        assertEquals(json, new String(sized.body(), StandardCharsets.UTF_8));
        server.close();
        String half = json.substring(0, 4000);
        UpstreamResponse chunked = client.send(post(provider("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
                + Integer.toHexString(json.length() - half.length()) + "\r\n" + json.substring(4000) + "\r\n0\r\n\r\n"),
                null), Duration.ofSeconds(5));
        assertEquals(json, new String(chunked.body(), StandardCharsets.UTF_8));
        server.close();
        UpstreamResponse empty = client.send(post(provider("HTTP/1.1 204 No Content\r\n\r\n"), null),
                Duration.ofSeconds(5));
        assertEquals(0, empty.body().length);
    }

    @Test
    void aBodyCutShortOfItsDeclaredLengthIsAFailureNotAShorterAnswer() throws Exception {
        URI uri = provider("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                + "{\"id\":\"chatcmpl-1\"", false);
        GatewayException e = assertThrows(GatewayException.class, () -> client.send(post(uri, null),
                Duration.ofSeconds(5)));
        assertTrue(!e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void aSilentProviderIsATimeoutNamingNoHost() throws Exception {
        URI uri = provider("");
        GatewayException e = assertThrows(GatewayException.class, () -> client.send(post(uri, null),
                Duration.ofMillis(300)));
        assertEquals("timeout", e.code());
        assertTrue(!e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void aStreamClosedEarlyDoesNotWaitForTheRestOfTheAnswer() throws Exception {
        String event = "data: {\"a\":\"first\"}\n\n";
        URI uri = provider("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(event.length()) + "\r\n" + event + "\r\n");
        UpstreamStream stream = client.open(post(uri, UpstreamRequest.Framing.SSE), Duration.ofSeconds(30));
        assertEquals(200, stream.status());
        assertNotNull(stream.next(), "the first event arrives");
        long closing = System.nanoTime();
        stream.close();
        long ms = (System.nanoTime() - closing) / 1_000_000;
        assertTrue(ms < 1_000, "closing took " + ms + " ms: it drained the provider's stream");
    }

    @Test
    void aConnectionTheProviderClosedWhileIdleIsNotReused() throws Exception {
        // a provider with a short keep-alive: every connection answers once, then is closed 100 ms later
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.getInputStream().read(new byte[8192]);
                    s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 2\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(100);
                } catch (IOException | InterruptedException closed) {
                    // the next connection, or the end of the test
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        URI uri = URI.create("http://127.0.0.1:" + server.getLocalPort() + "/v1/chat/completions");
        assertEquals(200, client.send(post(uri, null), Duration.ofSeconds(5)).status());
        Thread.sleep(2_500); // past the idle time after which a pooled connection is checked
        assertEquals(200, client.send(post(uri, null), Duration.ofSeconds(5)).status(),
                "the closed connection was checked and replaced, not written to");
    }
}
