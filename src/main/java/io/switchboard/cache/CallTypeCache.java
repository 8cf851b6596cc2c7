package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.access.ModelAccess;
import io.switchboard.chat.ChatResponse;
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
        JsonNode cacheField = body.get("cache");
        ObjectNode forProvider = body;
        if (cacheField != null) {
            forProvider = body.deepCopy();
            forProvider.remove("cache");
        }
        ObjectNode keyFields = body.deepCopy();
        keyFields.remove(IGNORED_TEXT_FIELDS);
        ObjectNode sent = forProvider;
        return through(caller, "text_completion", responses.settings().textCompletionCached(), cacheField,
                keyFields, TextCompletionAnswers.CODEC, () -> call.apply(sent));
    }

    /**
     * A streamed legacy completion: not served from or stored in the cache (yet), but its {@code cache}
     * field is checked against the key's {@code allowed_cache_controls} and never reaches the provider.
     */
    public ObjectNode streamedTextCompletion(Caller caller, ObjectNode body) {
        JsonNode cacheField = body.get("cache");
        if (cacheField == null) {
            return body;
        }
        CacheControls.requireAllowed(cacheField, caller);
        CacheControls.read(cacheField);
        ObjectNode forProvider = body.deepCopy();
        forProvider.remove("cache");
        return forProvider;
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
        ResponseStore store = responses.store();
        if (!controls.noCache()) {
            byte[] bytes = store.get(key);
            AnswerCodec.Stored<T> hit = bytes == null ? null : codec.read(bytes);
            if (hit != null && (controls.sMaxAge() == null
                    || !hit.storedAt().plus(controls.sMaxAge()).isBefore(clock.instant()))) {
                return Routed.fromCache(hit.answer(), Map.of("x-litellm-cache-key", key));
            }
        }
        Routed<T> fresh = call.get();
        if (!controls.noStore() && fresh.value() != null) {
            Duration ttl = controls.ttl() == null ? settings.ttl() : controls.ttl();
            try {
                store.put(key, codec.write(fresh.value(), clock.instant()), ttl);
            } catch (RuntimeException e) {
                // The client has its answer: failing to keep a copy must not change that.
                LOG.log(Level.WARNING, "Response cache: a {0} answer could not be stored ({1}).",
                        new Object[] {callType, e.getClass().getSimpleName()});
            }
        }
        return fresh;
    }
}
