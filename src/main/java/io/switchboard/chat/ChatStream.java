package io.switchboard.chat;

import io.switchboard.GatewayException;
import io.switchboard.provider.ProviderRateLimits;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamEvent;
import io.switchboard.provider.UpstreamStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An opened provider stream on its way to a client: provider events are decoded, re-encoded
 * through {@link CanonicalStream} and written to a {@link ChunkSink} as they arrive, one at a time,
 * never batched. Once the first chunk is written a failure can only end the stream with an error
 * event.
 */
public final class ChatStream implements AutoCloseable {
    private static final int MAX_DELIVERED_CHARS = 4 * 1024 * 1024;
    private final UpstreamStream upstream;
    private final StreamDecoder decoder;
    private final CanonicalStream canonical;
    private final List<ChatChunk> head = new ArrayList<>();
    private final List<String> finishReasons = new ArrayList<>(1);
    private Instant firstChunk;
    private GatewayException failure;
    private String responseId;
    private String responseModel;
    private Consumer<ChatStream> whenEnded;
    private List<ChatChunk> recorded;
    private Consumer<List<ChatChunk>> whenComplete;
    private UnaryOperator<ChunkSink> sinkFilter = UnaryOperator.identity();
    /** The text generated for the client, to bill a stream that ends before the provider reports usage. */
    private final StringBuilder delivered = new StringBuilder();

    public ChatStream(UpstreamStream upstream, StreamDecoder decoder, CanonicalStream canonical) {
        this.upstream = upstream;
        this.decoder = decoder;
        this.canonical = canonical;
    }

    /** The provider's rate-limit headers to pass on; none for a replay from the cache. */
    public Map<String, String> providerHeaders() {
        return upstream == null ? Map.of() : ProviderRateLimits.of(upstream.headers());
    }

    /**
     * A stream with no provider behind it: {@code decoded} chunks (an answer from the gateway's cache)
     * re-encoded through {@code canonical}, so a replay is as strict as a live stream.
     */
    public static ChatStream replay(List<ChatChunk> decoded, CanonicalStream canonical) {
        ChatStream stream = new ChatStream(null, new StreamDecoder() {
            @Override
            public List<ChatChunk> decode(UpstreamEvent event) {
                return List.of();
            }

            @Override
            public boolean done() {
                return true;
            }
        }, canonical);
        for (ChatChunk chunk : decoded) {
            stream.head.addAll(canonical.accept(chunk));
        }
        stream.firstChunk = Instant.now();
        return stream;
    }

    /**
     * Hands every chunk written to the client to {@code whenComplete} once the stream has ended
     * normally (never for a stream that failed or that the client left): how the cache keeps a
     * streamed answer.
     */
    public ChatStream whenComplete(Consumer<List<ChatChunk>> consumer) {
        this.recorded = new ArrayList<>();
        this.whenComplete = consumer;
        return this;
    }

    /**
     * Reads the provider's stream until the first chunk for the client is ready: the commit point. A
     * failure before it (a broken connection, an error event, no first chunk within
     * {@code stream_timeout}) is thrown with the stream closed, so the router can still retry or fall
     * back; after it, failures can only become an error event.
     */
    public ChatStream prime() {
        try {
            UpstreamEvent event;
            while (head.isEmpty() && !decoder.done() && (event = upstream.next()) != null) {
                for (ChatChunk decoded : decoder.decode(event)) {
                    head.addAll(canonical.accept(decoded));
                }
            }
            if (!head.isEmpty()) {
                firstChunk = Instant.now();
            }
            return this;
        } catch (RuntimeException failure) {
            upstream.close();
            throw failure;
        }
    }

    /** Copies the stream to the sink until the provider ends it, fails, or the client leaves. */
    public void pipeTo(ChunkSink client) throws IOException {
        ChunkSink sink = sinkFilter.apply(client);
        try (upstream) {
            write(sink, head);
            head.clear();
            UpstreamEvent event;
            while (!decoder.done() && (event = upstream.next()) != null) {
                for (ChatChunk decoded : decoder.decode(event)) {
                    write(sink, canonical.accept(decoded));
                }
            }
            write(sink, canonical.finish());
            sink.done();
            if (whenComplete != null) {
                whenComplete.accept(List.copyOf(recorded));
            }
        } catch (GatewayException e) {
            failure = e;
            sink.error(e);
        } finally {
            ended();
        }
    }

    /** Runs {@code hook} once when the stream has ended, however it ended (tracing closes its span here). */
    public ChatStream whenEnded(Consumer<ChatStream> hook) {
        this.whenEnded = hook;
        return this;
    }

    private void ended() {
        Consumer<ChatStream> hook = whenEnded;
        whenEnded = null;
        if (hook != null) {
            hook.accept(this);
        }
    }

    private void write(ChunkSink sink, List<ChatChunk> chunks) throws IOException {
        if (firstChunk == null && !chunks.isEmpty()) {
            firstChunk = Instant.now();
        }
        for (ChatChunk chunk : chunks) {
            // counted before it is written: a chunk the provider generated is billed even if the client
            // left before it arrived
            for (ChatChunk.Choice choice : chunk.choices()) {
                if (delivered.length() < MAX_DELIVERED_CHARS && choice.delta() != null) {
                    append(choice.delta().content());
                    append(choice.delta().reasoningContent());
                }
            }
            noteResponse(chunk);
            sink.chunk(chunk, canonical.includeUsage());
            if (recorded != null) {
                recorded.add(chunk);
            }
        }
    }

    /** Puts a step (the post-call guardrails) between this stream and the client's sink. */
    public void guardedBy(UnaryOperator<ChunkSink> filter) {
        sinkFilter = filter;
    }

    private void append(String text) {
        if (text != null) {
            delivered.append(text);
        }
    }

    /** The content and reasoning text generated so far (up to a few MB), sent or being sent. */
    public String deliveredText() {
        return delivered.toString();
    }

    private void noteResponse(ChatChunk chunk) {
        responseId = chunk.id();
        responseModel = chunk.model();
        for (ChatChunk.Choice choice : chunk.choices()) {
            if (choice.finishReason() != null) {
                finishReasons.add(choice.finishReason());
            }
        }
    }

    /** The id and model the client saw on the chunks written so far; null before the first. */
    public String responseId() {
        return responseId;
    }

    public String responseModel() {
        return responseModel;
    }

    /** The finish reasons written so far, one per finished choice. */
    public List<String> finishReasons() {
        return List.copyOf(finishReasons);
    }

    /** When the first chunk was ready for the client; null until then. */
    public Instant firstChunk() {
        return firstChunk;
    }

    /** The failure that ended the stream with an error event; null if it has not failed. */
    public GatewayException failure() {
        return failure;
    }

    /** What the provider reported as usage so far (for billing a stream that ended early). */
    public Usage usage() {
        return canonical.usage();
    }

    @Override
    public void close() {
        if (upstream != null) {
            upstream.close();
        }
        ended();
    }
}
