package io.switchboard.cache;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.ConfigException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code litellm_settings.cache} and {@code cache_params}, as LiteLLM names them
 * (docs.litellm.ai/docs/proxy/caching_settings). Switchboard's own additions are
 * {@code max_entries}, {@code max_bytes}, {@code max_vectors} and {@code share_across_tenants}.
 *
 * @param type                {@code local}, {@code redis}, {@code redis-semantic} (vectors in Redis) or
 *                            {@code database-semantic} (Switchboard's: vectors and answers in the gateway database)
 * @param ttl                 how long an answer is kept unless a request says otherwise
 * @param namespace           prefix of every key (LiteLLM's Redis key namespace); also separates deployments
 *                            that share one Redis
 * @param callTypes           LiteLLM's {@code supported_call_types} (all of them when absent): chat is cached
 *                            for {@code completion}/{@code acompletion}, embeddings for {@code embedding}/
 *                            {@code aembedding}, legacy completions for {@code text_completion}/{@code atext_completion}
 * @param similarityThreshold cosine similarity at or above which a semantic match is served
 * @param embeddingModel      the model group (served by this gateway) that embeds prompts for the semantic cache
 * @param redisUri            where Redis is ({@code host}/{@code port}/{@code password}, {@code url}, or the
 *                            {@code REDIS_*} environment); null for the in-process cache
 * @param shareAcrossTenants  whether teams may share answers (off: every tenant has its own key space)
 */
public record CacheSettings(boolean enabled, String type, Duration ttl, String namespace, Set<String> callTypes,
                            double similarityThreshold, String embeddingModel, URI redisUri, long maxEntries,
                            long maxBytes, int maxVectors, Duration redisTimeout, boolean shareAcrossTenants) {
    static final Set<String> TYPES = Set.of("local", "redis", "redis-semantic", "database-semantic");
    /** The call types Switchboard caches, by LiteLLM's names (sync and async are the same call here). */
    public static final Set<String> ALL_CALL_TYPES = Set.of("completion", "acompletion", "embedding", "aembedding",
            "text_completion", "atext_completion");
    static final Duration DEFAULT_TTL = Duration.ofHours(1);

    public static CacheSettings disabled() {
        return new CacheSettings(false, "local", DEFAULT_TTL, "switchboard", Set.of(), 1, null, null, 10_000,
                64L * 1024 * 1024, 10_000, Duration.ofMillis(250), false);
    }

    public boolean semantic() {
        return type.endsWith("-semantic");
    }

    /** The semantic cache keeps its vectors and answers in the gateway's database, not in Redis. */
    public boolean semanticInDatabase() {
        return type.equals("database-semantic");
    }

    public boolean chatCached() {
        return callTypes.contains("completion") || callTypes.contains("acompletion");
    }

    public boolean embeddingCached() {
        return callTypes.contains("embedding") || callTypes.contains("aembedding");
    }

    public boolean textCompletionCached() {
        return callTypes.contains("text_completion") || callTypes.contains("atext_completion");
    }

    /** Reads the section; {@code env} resolves {@code REDIS_HOST}, {@code REDIS_PORT}, ... */
    public static CacheSettings from(JsonNode litellmSettings, Function<String, Optional<String>> env) {
        JsonNode cache = litellmSettings.path("cache");
        if (!cache.asBoolean(false) && !"true".equalsIgnoreCase(cache.asText())) {
            return disabled();
        }
        JsonNode p = litellmSettings.path("cache_params");
        String type = text(p, "type").orElse("local").toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw new ConfigException("litellm_settings.cache_params.type: " + type + " is not supported; use one of "
                    + new java.util.TreeSet<>(TYPES) + " (qdrant-semantic, s3, gcs and disk are not implemented)");
        }
        Duration ttl = seconds(p, "ttl").orElse(DEFAULT_TTL);
        String namespace = text(p, "namespace").orElse("switchboard");
        double threshold = number(p, "similarity_threshold").orElse(0.8);
        if (threshold <= 0 || threshold > 1) {
            throw new ConfigException("litellm_settings.cache_params.similarity_threshold must be in (0, 1], got "
                    + threshold);
        }
        String embeddingModel = text(p, "redis_semantic_cache_embedding_model").orElse(null);
        if (type.endsWith("-semantic") && embeddingModel == null) {
            throw new ConfigException("litellm_settings.cache_params.redis_semantic_cache_embedding_model is required"
                    + " for type " + type + ": the model group that embeds prompts");
        }
        URI redis = type.equals("local") || type.equals("database-semantic") ? null : redisUri(p, env);
        return new CacheSettings(true, type, ttl, namespace, callTypes(p), threshold, embeddingModel, redis,
                whole(p, "max_entries").orElse(10_000L), whole(p, "max_bytes").orElse(64L * 1024 * 1024),
                whole(p, "max_vectors").orElse(10_000L).intValue(),
                number(p, "redis_timeout").map(s -> Duration.ofMillis(Math.round(s * 1000))).orElse(Duration.ofMillis(250)),
                p.path("share_across_tenants").asBoolean(false));
    }

    /** Call types Switchboard does not cache (transcription, rerank, ...) are accepted and ignored, as listed. */
    private static Set<String> callTypes(JsonNode p) {
        JsonNode types = p.path("supported_call_types");
        if (!types.isArray()) {
            return ALL_CALL_TYPES;
        }
        Set<String> listed = new LinkedHashSet<>();
        types.forEach(t -> listed.add(t.asText()));
        return Set.copyOf(listed);
    }

    private static URI redisUri(JsonNode p, Function<String, Optional<String>> env) {
        Optional<String> url = text(p, "url").or(() -> text(p, "redis_url")).or(() -> env.apply("REDIS_URL"));
        if (url.isPresent()) {
            return URI.create(url.get());
        }
        String host = text(p, "host").or(() -> env.apply("REDIS_HOST")).orElse("127.0.0.1");
        String port = text(p, "port").or(() -> env.apply("REDIS_PORT")).orElse("6379");
        Optional<String> password = text(p, "password").or(() -> env.apply("REDIS_PASSWORD"));
        String db = text(p, "db").orElse("0");
        String auth = password.map(pw -> ":" + java.net.URLEncoder.encode(pw, java.nio.charset.StandardCharsets.UTF_8)
                + "@").orElse("");
        try {
            return URI.create("redis://" + auth + host + ":" + Integer.parseInt(port) + "/" + Integer.parseInt(db));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("litellm_settings.cache_params: host, port and db must name a Redis server");
        }
    }

    private static Optional<String> text(JsonNode p, String field) {
        JsonNode n = p.path(field);
        return n.isMissingNode() || n.isNull() || n.asText().isBlank() ? Optional.empty() : Optional.of(n.asText());
    }

    private static Optional<Double> number(JsonNode p, String field) {
        Optional<String> t = text(p, field);
        try {
            return t.map(Double::parseDouble);
        } catch (NumberFormatException e) {
            throw new ConfigException("litellm_settings.cache_params." + field + " must be a number, got " + t.get());
        }
    }

    private static Optional<Long> whole(JsonNode p, String field) {
        Optional<Double> n = number(p, field);
        if (n.isPresent() && (n.get() < 1 || n.get() != Math.rint(n.get()))) {
            throw new ConfigException("litellm_settings.cache_params." + field + " must be a positive whole number");
        }
        return n.map(Double::longValue);
    }

    private static Optional<Duration> seconds(JsonNode p, String field) {
        Optional<Double> n = number(p, field);
        if (n.isPresent() && n.get() <= 0) {
            throw new ConfigException("litellm_settings.cache_params." + field + " must be a positive number of seconds");
        }
        return n.map(s -> Duration.ofMillis(Math.round(s * 1000)));
    }

    /** Leaves out the Redis address: it may carry a password. */
    @Override
    public String toString() {
        return "CacheSettings[enabled=" + enabled + ", type=" + type + ", ttl=" + ttl + ", namespace=" + namespace
                + ", semantic=" + semantic() + "]";
    }
}
