package io.switchboard.cache;

import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.routing.Routed;
import java.time.Instant;
import java.util.Map;

/**
 * One request's passage through the cache: the request as the router should see it, the answer if
 * the cache had one, and what to do with a fresh answer.
 */
public final class CachedCall {
    private final ResponseCache cache;
    private final ChatRequest request;
    private final CacheControls controls;
    private final String key;
    private CachedAnswer answer;
    private Map<String, String> hitHeaders = Map.of();
    private String semanticScope;
    private float[] vector;
    private CacheScope scope;

    CachedCall(ResponseCache cache, ChatRequest request, CacheControls controls, String key) {
        this.cache = cache;
        this.request = request;
        this.controls = controls;
        this.key = key;
    }

    static CachedCall bypass(ChatRequest request) {
        return new CachedCall(null, request, CacheControls.NONE, null);
    }

    CachedCall hit(CachedAnswer cached, Map<String, String> headers) {
        this.answer = cached;
        this.hitHeaders = Map.copyOf(headers);
        return this;
    }

    void semantic(String semanticScope, float[] promptVector, CacheScope tenancy) {
        this.semanticScope = semanticScope;
        this.vector = promptVector;
        this.scope = tenancy;
    }

    /** Whether the cache had an answer for this request. */
    public boolean isHit() {
        return answer != null;
    }

    /** The request without the gateway's {@code cache} field: what the router and provider get. */
    public ChatRequest request() {
        return request;
    }

    /** The cached answer as a JSON response (a fresh id, the cached content and usage); null on a miss. */
    public Routed<ChatResponse> hit() {
        if (answer == null) {
            return null;
        }
        ChatResponse r = answer.response();
        return Routed.fromCache(new ChatResponse(ChatGateway.newId(), Instant.now().getEpochSecond(), r.model(),
                r.systemFingerprint(), r.choices(), r.usage()), hitHeaders);
    }

    /** The cached answer replayed as a stream, through the same canonical encoder as a live one; null on a miss. */
    public Routed<ChatStream> streamHit() {
        if (answer == null) {
            return null;
        }
        return Routed.fromCache(StreamedAnswers.replay(hit().value(), request.model(), request.includeUsage(),
                request.choiceCount()), hitHeaders);
    }

    /** Stores the router's answer (unless the request said {@code no-store}) and passes it on. */
    public Routed<ChatResponse> store(Routed<ChatResponse> fresh) {
        if (cache != null) {
            cache.store(this, fresh.value());
        }
        return fresh;
    }

    /** Arranges for a stream to be stored once it has ended normally, and passes it on. */
    public Routed<ChatStream> storeStream(Routed<ChatStream> fresh) {
        if (cache != null && !controls.noStore()) {
            ChatStream stream = fresh.value();
            stream.whenComplete(chunks -> cache.store(this, StreamedAnswers.assemble(chunks, stream.usage())));
        }
        return fresh;
    }

    CacheControls controls() {
        return controls;
    }

    String key() {
        return key;
    }

    String semanticScope() {
        return semanticScope;
    }

    float[] vector() {
        return vector;
    }

    CacheScope scope() {
        return scope;
    }
}
