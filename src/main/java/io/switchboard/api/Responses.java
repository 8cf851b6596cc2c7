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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The two shapes of a successful API answer: one JSON document, or a server-sent event stream. */
final class Responses {
    private Responses() {
    }

    /** A JSON body written straight to the connection by a generator, with no intermediate string. */
    static Response json(WireJson.GeneratorWriter writer) {
        return json(writer, Map.of());
    }

    /** A JSON body with headers, such as the router's {@code x-litellm-model-id}. */
    static Response json(WireJson.GeneratorWriter writer, Map<String, String> headers) {
        StreamingOutput output = out -> {
            try (var g = WireJson.generator(out)) {
                writer.write(g);
            }
        };
        Response.ResponseBuilder builder = Response.ok(output, MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(builder::header);
        return builder.build();
    }

    /**
     * An opened stream, piped to the client as SSE in {@code format}; proxies are told not to buffer
     * it. The call is recorded when the stream ends, however it ends, with the usage seen so far.
     */
    static Response eventStream(Routed<ChatStream> routed, SseWriter.ChunkFormat format, CallInProgress call) {
        return eventStream(routed, routed.headers(call.started()), out -> new SseWriter(out, format), call);
    }

    /** An opened stream, piped to the client through the sink {@code framing} opens (Anthropic's events). */
    static Response eventStream(Routed<ChatStream> routed, Map<String, String> headers, SinkOpener framing,
                                CallInProgress call) {
        ChatStream stream = routed.value();
        StreamingOutput output = out -> {
            Outcome outcome = Outcome.STREAM_FAILED;
            try {
                stream.pipeTo(framing.open(out));
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
        Response.ResponseBuilder builder = Response.ok(output, "text/event-stream")
                .header("Cache-Control", "no-cache")
                .header("X-Accel-Buffering", "no");
        headers.forEach(builder::header);
        return builder.build();
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
