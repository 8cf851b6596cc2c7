package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.ModelAccess;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.routing.Routed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache step of embeddings and legacy text completions (LiteLLM's {@code embedding} and
 * {@code text_completion} call types, when {@code supported_call_types} lists them): exact matches in
 * the same store, tenant scope and namespaces as chat, with the same per-request controls and
 * {@code allowed_cache_controls}. A hit is marked with {@code x-litellm-cache-key} and reaches no provider.
 */
@ApplicationScoped
public class CallTypeCache {
    private static final Logger LOG = Logger.getLogger(CallTypeCache.class.getName());
    /** Text-completion fields that cannot change the answer (the gateway's own, and who asks). */
    static final Set<String> IGNORED_TEXT_FIELDS = Set.of("cache", "stream", "stream_options", "user", "metadata",
            "num_retries", "fallbacks", "tags", "timeout", "request_timeout", "guardrails", "mock_testing_fallbacks");

    @Inject
    ResponseCache responses;

    private final Clock clock = Clock.systemUTC();

    /**
     * An embeddings call through the cache. The model check comes first: a cached answer must not
     * let a key read a model it may not use.
     */
    public Routed<EmbeddingResponse> embeddings(Caller caller, EmbeddingRequest request,
                                                Function<EmbeddingRequest, Routed<EmbeddingResponse>> call) {
        ModelAccess.require(caller, request.model());
        JsonNode cacheField = request.extra() == null ? null : request.extra().get("cache");
        EmbeddingRequest forProvider = request;
        if (cacheField != null) {
            ObjectNode extra = request.extra().deepCopy();
            extra.remove("cache");
            forProvider = new EmbeddingRequest(request.model(), request.input(), request.base64(),
                    request.dimensions(), request.user(), extra);
        }
        ObjectNode keyFields = WireJson.object().put("model", request.model());
        keyFields.set("input", request.input());
        if (request.dimensions() != null) {
            keyFields.put("dimensions", request.dimensions());
        }
        if (forProvider.extra() != null && !forProvider.extra().isEmpty()) {
            keyFields.set("extra", forProvider.extra()); // e.g. input_type: another vector
        }
        EmbeddingRequest sent = forProvider;
        return through(caller, "embedding", responses.settings().embeddingCached(), cacheField, keyFields,
                EmbeddingAnswers.CODEC, () -> call.apply(sent));
    }

    /**
     * A non-streamed legacy completion through the cache; {@code body} is the request as guardrails left
     * it, and {@code call} gets it without the {@code cache} field.
     */
    public Routed<ChatResponse> textCompletion(Caller caller, ObjectNode body,
                                               Function<ObjectNode, Routed<ChatResponse>> call) {
        ObjectNode sent = withoutCacheField(body);
        return through(caller, "text_completion", responses.settings().textCompletionCached(), body.get("cache"),
                textKeyFields(body), TextCompletionAnswers.CODEC, () -> call.apply(sent));
    }

    /**
     * A streamed legacy completion through the cache, under the same key as a JSON one (so either kind
     * answers the other): a hit is replayed as a stream; a fresh stream is stored once it has ended
     * normally, never one that failed or that the client left.
     */
    public Routed<ChatStream> streamedTextCompletion(Caller caller, ObjectNode body, boolean includeUsage,
                                                     Function<ObjectNode, Routed<ChatStream>> call) {
        JsonNode cacheField = body.get("cache");
        CacheControls.requireAllowed(cacheField, caller);
        CacheSettings settings = responses.settings();
        if (!settings.enabled() || !settings.textCompletionCached()) {
            return call.apply(withoutCacheField(body));
        }
        CacheControls controls = CacheControls.read(cacheField);
        String key = CacheKeys.ofCall("text_completion", CacheScope.of(caller, settings, controls), textKeyFields(body));
        AnswerCodec.Stored<ChatResponse> hit = controls.noCache() ? null : lookup(key, controls, TextCompletionAnswers.CODEC);
        if (hit != null) {
            return Routed.fromCache(StreamedAnswers.replay(hit.answer(), body.path("model").asText(), includeUsage,
                    body.path("n").asInt(1)), Map.of("x-litellm-cache-key", key));
        }
        Routed<ChatStream> fresh = call.apply(withoutCacheField(body));
        if (!controls.noStore()) {
            ChatStream stream = fresh.value();
            stream.whenComplete(chunks -> keep("text_completion", key, controls,
                    TextCompletionAnswers.CODEC, StreamedAnswers.assemble(chunks, stream.usage())));
        }
        return fresh;
    }

    private <T> Routed<T> through(Caller caller, String callType, boolean cached, JsonNode cacheField,
                                  JsonNode keyFields, AnswerCodec<T> codec, Supplier<Routed<T>> call) {
        CacheControls.requireAllowed(cacheField, caller);
        CacheSettings settings = responses.settings();
        if (!settings.enabled() || !cached) {
            return call.get();
        }
        CacheControls controls = CacheControls.read(cacheField);
        String key = CacheKeys.ofCall(callType, CacheScope.of(caller, settings, controls), keyFields);
        AnswerCodec.Stored<T> hit = controls.noCache() ? null : lookup(key, controls, codec);
        if (hit != null) {
            return Routed.fromCache(hit.answer(), Map.of("x-litellm-cache-key", key));
        }
        Routed<T> fresh = call.get();
        if (!controls.noStore()) {
            keep(callType, key, controls, codec, fresh.value());
        }
        return fresh;
    }

    /** The stored answer under {@code key}, if there is one young enough for the request's {@code s-maxage}. */
    private <T> AnswerCodec.Stored<T> lookup(String key, CacheControls controls, AnswerCodec<T> codec) {
        byte[] bytes = responses.store().get(key);
        AnswerCodec.Stored<T> hit = bytes == null ? null : codec.read(bytes);
        if (hit == null || controls.sMaxAge() != null && hit.storedAt().plus(controls.sMaxAge()).isBefore(clock.instant())) {
            return null;
        }
        return hit;
    }

    /** Stores a fresh answer (nothing for null: a stream whose choices never finished). */
    private <T> void keep(String callType, String key, CacheControls controls, AnswerCodec<T> codec, T answer) {
        if (answer == null) {
            return;
        }
        Duration ttl = controls.ttl() == null ? responses.settings().ttl() : controls.ttl();
        try {
            responses.store().put(key, codec.write(answer, clock.instant()), ttl);
        } catch (RuntimeException e) {
            // The client has its answer: failing to keep a copy must not change that.
            LOG.log(Level.WARNING, "Response cache: a {0} answer could not be stored ({1}).",
                    new Object[] {callType, e.getClass().getSimpleName()});
        }
    }

    /** The request as the key sees it: without the fields that cannot change the answer. */
    private static ObjectNode textKeyFields(ObjectNode body) {
        ObjectNode keyFields = body.deepCopy();
        keyFields.remove(IGNORED_TEXT_FIELDS);
        return keyFields;
    }

    private static ObjectNode withoutCacheField(ObjectNode body) {
        if (!body.has("cache")) {
            return body;
        }
        ObjectNode copy = body.deepCopy();
        copy.remove("cache");
        return copy;
    }
}
