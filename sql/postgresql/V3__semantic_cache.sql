-- The cache feature's schema.
-- LiteLLM's allowed_cache_controls: the request cache controls a key may use (a JSON list; empty is all).
ALTER TABLE sb_verification_tokens ADD COLUMN allowed_cache_controls TEXT;

-- Semantic-cache entries (type database-semantic), so a restart or a second instance finds the prompts
-- earlier calls embedded. scope_key is the hash of tenant, namespace, model group and parameters (what a
-- match must share); tenant, namespace and model_group are kept readable for operators and clean-up.
-- vector is the prompt's embedding (base64 of little-endian float32), answer the cached response JSON.
CREATE TABLE sb_semantic_cache (
    answer_key            VARCHAR(64)    NOT NULL PRIMARY KEY,
    scope_key             VARCHAR(64)    NOT NULL,
    tenant                VARCHAR(300)   NOT NULL,
    namespace             VARCHAR(300)   NOT NULL,
    model_group           VARCHAR(255)   NOT NULL,
    vector                TEXT           NOT NULL,
    answer                TEXT           NOT NULL,
    created_at            TIMESTAMP      NOT NULL,
    expires_at            TIMESTAMP      NOT NULL
);
CREATE INDEX sb_semantic_cache_scope ON sb_semantic_cache (scope_key);
CREATE INDEX sb_semantic_cache_expiry ON sb_semantic_cache (expires_at);
