/**
 * The response cache (LiteLLM's {@code litellm_settings.cache} and {@code cache_params}): exact answers
 * keyed by the SHA-256 of the normalised request within a tenant's namespace, kept in-process
 * (Caffeine) or in Redis behind a circuit breaker, and a semantic layer that embeds the prompt through
 * the gateway's own embedding route. {@code ChatGateway} calls {@link io.switchboard.cache.ResponseCache}
 * before routing and hands it the answer after; embeddings and legacy text completions go through
 * {@link io.switchboard.cache.CallTypeCache}. Nothing here knows about HTTP.
 * Semantic vectors are persisted in Redis ({@code redis-semantic}) or in the gateway's database
 * ({@code database-semantic}), and searched exactly in a bounded in-process index; pgvector is not used.
 */
package io.switchboard.cache;
