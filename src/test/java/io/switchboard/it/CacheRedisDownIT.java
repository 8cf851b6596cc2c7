package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.core.http.StreamResponse;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Redis that accepts connections and never answers (the worst case: a dead Redis refuses at once,
 * a hung one makes callers wait). The gateway keeps serving every request from the provider; each
 * Redis command gives up after its 250 ms timeout, and once the circuit breaker has opened (5
 * failures) requests no longer wait for Redis at all.
 */
class CacheRedisDownIT extends CacheClient {
    private static ServerSocket silentRedis;
    private static final List<Socket> HELD = new ArrayList<>();
    private static CacheGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        silentRedis = new ServerSocket(0);
        Thread acceptor = new Thread(() -> {
            try {
                while (true) {
                    Socket s = silentRedis.accept();
                    synchronized (HELD) {
                        HELD.add(s);
                    }
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
        gateway = CacheGateway.start("cache-redis-down",
                "{type: redis, host: 127.0.0.1, port: " + silentRedis.getLocalPort() + ", ttl: 600}");
    }

    @AfterAll
    static void stop() throws IOException {
        gateway.close();
        silentRedis.close();
    }

    @Override
    CacheGateway gateway() {
        return gateway;
    }

    @Test
    void everyRequestIsServedAndTheBreakerStopsTheWaiting() throws Exception {
        String q = question();
        int before = upstreamCalls();
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            HttpResponse<String> r = post(body(q));
            millis.add((System.nanoTime() - start) / 1_000_000);
            assertEquals(200, r.statusCode(), r.body());
            assertFalse(fromCache(r));
        }
        assertEquals(before + 20, upstreamCalls(), "every request went to the provider");
        System.out.println("[cache-it] request latency with a hung Redis, in order (ms): " + millis);
        assertTrue(millis.get(0) < 5_000, "the first request waited " + millis.get(0) + " ms");
        // Without the breaker every request would wait for a lookup and a store, 2 x 250 ms at least.
        for (long ms : millis.subList(10, 20)) {
            assertTrue(ms < 400, "after the breaker opened a request still took " + ms + " ms: " + millis);
        }
    }

    @Test
    void streamsAreServedToo() throws Exception {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (StreamResponse<ChatCompletionChunk> stream = sdk().chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("gpt-4o-mini").addUserMessage(question()).build())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        assertFalse(accumulator.chatCompletion().choices().get(0).message().content().orElseThrow().isEmpty());
    }
}
