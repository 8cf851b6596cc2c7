package io.switchboard.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.github.benmanes.caffeine.cache.Ticker;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.chat.ChatMessage;
import io.switchboard.chat.ChatRequest;
import io.switchboard.config.ActiveConfig;
import io.switchboard.embedding.EmbeddingGateway;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.governance.Database;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cache step of a chat completion. {@link #begin} looks the request up (exactly, then by meaning
 * when semantic caching is on) and returns a {@link CachedCall} that either holds the answer or
 * stores the fresh one when the router has it.
 */
@ApplicationScoped
public class ResponseCache {
    private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());
    /** Embedding models take a few thousand tokens; the start of a long prompt is what tells it apart. */
    static final int MAX_EMBEDDED_CHARS = 8_000;
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);

    @Inject
    ActiveConfig config;

    @Inject
    RedisBreaker breaker;

    @Inject
    EmbeddingGateway embeddings;

    @Inject
    Database database;

    private CacheSettings settings;
    private ResponseStore store;
    private RedisLink redis;
    private SemanticIndex index;
    private VectorStore vectors;
    private final Clock clock = Clock.systemUTC();

    @PostConstruct
    void init() {
        settings = CacheSettings.from(config.config().litellmSettings().raw(), config::lookup);
        if (!settings.enabled()) {
            return;
        }
        if (settings.redisUri() != null) {
            redis = new RedisLink(settings.redisUri(), settings.redisTimeout());
            store = new RedisResponseStore(redis, breaker, settings.namespace());
        } else {
            store = new LocalResponseStore(settings.maxEntries(), settings.maxBytes(), Ticker.systemTicker());
        }
        if (settings.semantic()) {
            index = new SemanticIndex(settings.maxVectors(), settings.ttl());
            // A database write is a transaction: kept off the request path. Redis writes are bounded by its breaker.
            vectors = settings.semanticInDatabase()
                    ? new BackgroundVectorWrites(new DatabaseVectors(database, clock), BackgroundVectorWrites.QUEUE_CAPACITY)
                    : new RedisVectors(redis, breaker, settings.namespace());
        }
    }

    /** Reads the settings at start, so a broken {@code cache_params} stops the start, and says what is on. */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.info(() -> settings.enabled() ? "Response cache on: " + settings : "Response cache off.");
        if (redis != null) {
            // Connect now, not on the first request: a cold connection within the short command timeout
            // would make the first calls misses. A Redis that is down is only a warning; calls then miss.
            try {
                redis.commands().ping();
            } catch (RuntimeException e) {
                LOG.warning("The cache's Redis did not answer at start; the cache misses until it does.");
            }
        }
    }

    /** Before any bean is gone (the database among them): the queued vector writes land on a clean stop. */
    void onStop(@Observes(notifyObserver = Reception.IF_EXISTS) @BeforeDestroyed(ApplicationScoped.class)
                Object stopping) {
        if (vectors instanceof BackgroundVectorWrites background) {
            background.drain(STOP_GRACE);
        }
    }

    @PreDestroy
    void close() {
        if (redis != null) {
            redis.close();
        }
    }

    /**
     * Looks a request up. The request's {@code cache} controls are taken out of it here, cache on or
     * off, because they are the gateway's and never go to a provider.
     */
    public CachedCall begin(Caller caller, ChatRequest request) {
        // Checked cache on or off, as LiteLLM does: a key's limits do not depend on the operator's settings.
        CacheControls.requireAllowed(request.extra() == null ? null : request.extra().get("cache"), caller);
        ChatRequest forRouter = withoutCacheField(request);
        if (!settings.enabled() || !settings.chatCached()) {
            return CachedCall.bypass(forRouter);
        }
        CacheControls controls = CacheControls.read(request.extra() == null ? null : request.extra().get("cache"));
        CacheScope scope = CacheScope.of(caller, settings, controls);
        String key = CacheKeys.exact(scope, forRouter);
        CachedCall call = new CachedCall(this, forRouter, controls, key);
        if (!controls.noCache()) {
            CachedAnswer exact = read(key, controls);
            if (exact != null) {
                return call.hit(exact, Map.of("x-litellm-cache-key", key));
            }
        }
        if (settings.semantic()) {
            String semanticScope = CacheKeys.semanticScope(scope, forRouter);
            float[] vector = embed(caller, forRouter);
            call.semantic(semanticScope, vector, scope);
            if (vector != null && !controls.noCache()) {
                SemanticIndex.Match match = nearest(semanticScope, vector);
                CachedAnswer similar = match == null ? null : readSimilar(match.answerKey(), controls);
                if (similar != null) {
                    return call.hit(similar, Map.of("x-litellm-cache-key", match.answerKey(),
                            "x-litellm-semantic-similarity", String.format(java.util.Locale.ROOT, "%.4f",
                                    match.similarity())));
                }
            }
        }
        return call;
    }

    /** Stores an answer the router obtained (called by {@link CachedCall}). */
    void store(CachedCall call, io.switchboard.chat.ChatResponse response) {
        if (response == null || call.controls().noStore()) {
            return;
        }
        var ttl = call.controls().ttl() == null ? settings.ttl() : call.controls().ttl();
        try {
            byte[] answer = new CachedAnswer(response, clock.instant()).toBytes();
            store.put(call.key(), answer, ttl);
            if (call.vector() != null) {
                index.add(call.semanticScope(), call.key(), call.vector());
                vectors.save(new SemanticEntry(call.semanticScope(), call.key(), call.vector(), call.scope(),
                        call.request().model(), answer), ttl);
            }
        } catch (RuntimeException e) {
            // The client has its answer (for a stream, all of it): failing to keep a copy must not change that.
            LOG.log(Level.WARNING, "Response cache: an answer could not be stored ({0}).", e.getClass().getSimpleName());
        }
    }

    private CachedAnswer read(String key, CacheControls controls) {
        byte[] bytes = store.get(key);
        CachedAnswer answer = bytes == null ? null : CachedAnswer.fromBytes(bytes);
        return answer != null && answer.youngerThan(controls.sMaxAge(), clock.instant()) ? answer : null;
    }

    /** A semantic match's answer: from the store, else (after a restart) from beside its vector. */
    private CachedAnswer readSimilar(String key, CacheControls controls) {
        CachedAnswer answer = read(key, controls);
        if (answer != null) {
            return answer;
        }
        byte[] kept = vectors.answer(key);
        answer = kept == null ? null : CachedAnswer.fromBytes(kept);
        return answer != null && answer.youngerThan(controls.sMaxAge(), clock.instant()) ? answer : null;
    }

    private SemanticIndex.Match nearest(String scope, float[] vector) {
        SemanticIndex.Match match = index.nearest(scope, vector, settings.similarityThreshold());
        if (match == null) {
            // Another instance, or this one before a restart, may have stored prompts of this scope.
            vectors.load(scope).forEach((answerKey, v) -> {
                if (!index.contains(answerKey)) {
                    index.add(scope, answerKey, v);
                }
            });
            match = index.nearest(scope, vector, settings.similarityThreshold());
        }
        return match;
    }

    /**
     * The prompt's vector from the configured embedding model, called through the gateway's own
     * embedding route. A failure is a semantic miss: the request goes on to the provider.
     */
    private float[] embed(Caller caller, ChatRequest request) {
        StringBuilder prompt = new StringBuilder();
        for (ChatMessage m : request.messages()) {
            prompt.append(m.role()).append(": ").append(m.text() == null ? "" : m.text()).append('\n');
        }
        String text = prompt.length() > MAX_EMBEDDED_CHARS ? prompt.substring(0, MAX_EMBEDDED_CHARS) : prompt.toString();
        try {
            List<float[]> v = embeddings.embed(caller, new EmbeddingRequest(settings.embeddingModel(),
                    TextNode.valueOf(text), false, null, null, null)).value().vectors();
            return v.isEmpty() ? null : v.get(0);
        } catch (RuntimeException e) {
            String why = e instanceof GatewayException g ? g.kind().type() : e.getClass().getSimpleName();
            LOG.log(Level.WARNING, "Semantic cache: embedding with {0} failed ({1}); treated as a miss.",
                    new Object[] {settings.embeddingModel(), why});
            return null;
        }
    }

    static ChatRequest withoutCacheField(ChatRequest request) {
        if (request.extra() == null || !request.extra().has("cache")) {
            return request;
        }
        ObjectNode extra = request.extra().deepCopy();
        extra.remove("cache");
        return request.withExtra(extra);
    }

    CacheSettings settings() {
        return settings;
    }

    /** Where answers are kept (null when the cache is off), shared with {@link CallTypeCache}. */
    ResponseStore store() {
        return store;
    }
}
