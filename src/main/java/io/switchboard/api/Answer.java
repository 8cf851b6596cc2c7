package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.call.Outcome;
import io.switchboard.call.Served;
import io.switchboard.call.TokenCounts;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.ChunkSink;
import io.switchboard.chat.Usage;
import io.switchboard.chat.WireJson;
import io.switchboard.routing.Routed;
import io.switchboard.spend.PromptTokens;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * What a {@link ModelRouteServlet} answers, written to its response: one JSON document, or a
 * server-sent event stream.
 */
@FunctionalInterface
interface Answer {
    void writeTo(HttpServletResponse response) throws IOException;

    /** A JSON body written straight to the connection by a generator, with headers such as the router's. */
    static Answer json(WireJson.GeneratorWriter writer, Map<String, String> headers) {
        return response -> {
            response.setContentType("application/json");
            headers.forEach(response::setHeader);
            try (var g = WireJson.generator(response.getOutputStream())) {
                writer.write(g);
            }
        };
    }

    /** An opened stream, piped to the client as OpenAI's SSE in {@code format}, with the router's headers. */
    static Answer eventStream(Routed<ChatStream> routed, SseWriter.ChunkFormat format, CallInProgress call) {
        return eventStream(routed, routed.headers(call.started()), out -> new SseWriter(out, format), call);
    }

    /**
     * An opened stream, piped to the client through the sink {@code framing} opens (Anthropic's events);
     * proxies are told not to buffer it. The call is recorded when the stream ends, however it ends (the
     * sink's first flush included), with the usage seen so far.
     */
    static Answer eventStream(Routed<ChatStream> routed, Map<String, String> headers, SinkOpener framing,
                              CallInProgress call) {
        return response -> {
            response.setContentType("text/event-stream");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            headers.forEach(response::setHeader);
            ChatStream stream = routed.value();
            Outcome outcome = Outcome.STREAM_FAILED;
            try {
                stream.pipeTo(framing.open(response.getOutputStream()));
                outcome = stream.failure() == null ? Outcome.SUCCESS : Outcome.STREAM_FAILED;
            } catch (IOException clientGone) {
                outcome = Outcome.CLIENT_DISCONNECTED;
                throw clientGone;
            } finally {
                call.streamEnded(Served.by(routed.deployment()), routed.attemptedRetries(),
                        routed.attemptedFallbacks(), tokensOf(stream), stream.firstChunk(), outcome,
                        stream.failure() == null ? null : stream.failure().kind().type(), routed.fromCache());
            }
        };
    }

    /** Opens the sink that writes a stream's chunks to the response body. */
    @FunctionalInterface
    interface SinkOpener {
        ChunkSink open(OutputStream out) throws IOException;
    }

    /**
     * The usage the provider reported; for a stream cut before its usage chunk, the text the client was
     * sent, counted (the prompt is added by spend, which counted it at admission), so an abandoned
     * stream is billed for what was generated rather than for nothing.
     */
    private static TokenCounts tokensOf(ChatStream stream) {
        if (stream.usage() != null) {
            return Usage.counts(stream.usage());
        }
        return new TokenCounts(0, PromptTokens.count(stream.deliveredText()), 0, 0);
    }
}
