-- Governance schema: virtual keys, teams, users, organizations, end users, budgets, spend and audit
-- logs, stored deployments and credentials. Column names follow LiteLLM's Prisma schema where one
-- exists, so operators recognise them. Money is DECIMAL(20,10) (never a float); JSON documents
-- (model lists, metadata, per-model limits) are JSON text. reserved_spend holds money reserved by
-- calls in flight, so `spend + reserved_spend + :x <= max_budget` is one atomic conditional UPDATE.

CREATE TABLE sb_budgets (
    budget_id             VARCHAR(64)    NOT NULL PRIMARY KEY,
    max_budget            DECIMAL(20,10),
    soft_budget           DECIMAL(20,10),
    max_parallel_requests INTEGER,
    tpm_limit             BIGINT,
    rpm_limit             BIGINT,
    model_max_budget      VARCHAR(32672) ,
    budget_duration       VARCHAR(32),
    budget_reset_at       TIMESTAMP,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);

CREATE TABLE sb_organizations (
    organization_id       VARCHAR(64)    NOT NULL PRIMARY KEY,
    organization_alias    VARCHAR(255),
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    models                VARCHAR(32672) ,
    max_budget            DECIMAL(20,10),
    soft_budget           DECIMAL(20,10),
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    budget_duration       VARCHAR(32),
    budget_reset_at       TIMESTAMP,
    tpm_limit             BIGINT,
    rpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    model_max_budget      VARCHAR(32672) ,
    metadata              VARCHAR(32672) ,
    blocked               BOOLEAN        DEFAULT FALSE NOT NULL,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);

CREATE TABLE sb_teams (
    team_id               VARCHAR(64)    NOT NULL PRIMARY KEY,
    team_alias            VARCHAR(255),
    organization_id       VARCHAR(64)    REFERENCES sb_organizations (organization_id),
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    models                VARCHAR(32672) ,
    max_budget            DECIMAL(20,10),
    soft_budget           DECIMAL(20,10),
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    budget_duration       VARCHAR(32),
    budget_reset_at       TIMESTAMP,
    tpm_limit             BIGINT,
    rpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    model_max_budget      VARCHAR(32672) ,
    model_rpm_limit       VARCHAR(32672) ,
    model_tpm_limit       VARCHAR(32672) ,
    metadata              VARCHAR(32672) ,
    blocked               BOOLEAN        DEFAULT FALSE NOT NULL,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);

CREATE TABLE sb_users (
    user_id               VARCHAR(255)   NOT NULL PRIMARY KEY,
    user_email            VARCHAR(320),
    user_alias            VARCHAR(255),
    user_role             VARCHAR(32)    NOT NULL,
    organization_id       VARCHAR(64)    REFERENCES sb_organizations (organization_id),
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    models                VARCHAR(32672) ,
    max_budget            DECIMAL(20,10),
    soft_budget           DECIMAL(20,10),
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    budget_duration       VARCHAR(32),
    budget_reset_at       TIMESTAMP,
    tpm_limit             BIGINT,
    rpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    model_max_budget      VARCHAR(32672) ,
    metadata              VARCHAR(32672) ,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255),
    CONSTRAINT sb_users_role CHECK (user_role IN ('proxy_admin', 'proxy_admin_viewer', 'internal_user', 'internal_user_viewer'))
);

CREATE TABLE sb_team_memberships (
    team_id               VARCHAR(64)    NOT NULL REFERENCES sb_teams (team_id) ON DELETE CASCADE,
    user_id               VARCHAR(255)   NOT NULL REFERENCES sb_users (user_id) ON DELETE CASCADE,
    role                  VARCHAR(16)    NOT NULL,
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    created_at            TIMESTAMP      NOT NULL,
    PRIMARY KEY (team_id, user_id),
    CONSTRAINT sb_team_memberships_role CHECK (role IN ('admin', 'user'))
);

CREATE TABLE sb_end_users (
    user_id               VARCHAR(255)   NOT NULL PRIMARY KEY,
    alias                 VARCHAR(255),
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    allowed_model_region  VARCHAR(32),
    default_model         VARCHAR(255),
    blocked               BOOLEAN        DEFAULT FALSE NOT NULL,
    created_at            TIMESTAMP      NOT NULL,
    updated_at            TIMESTAMP      NOT NULL
);

-- token is the lowercase hex HMAC-SHA-256 of the whole key under the server secret; the key itself
-- is never stored. key_name is the display form "sk-...abcd".
CREATE TABLE sb_verification_tokens (
    token                 VARCHAR(64)    NOT NULL PRIMARY KEY,
    key_name              VARCHAR(32)    NOT NULL,
    key_alias             VARCHAR(255),
    models                VARCHAR(32672) ,
    max_budget            DECIMAL(20,10),
    soft_budget           DECIMAL(20,10),
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    reserved_spend        DECIMAL(20,10) DEFAULT 0 NOT NULL,
    budget_duration       VARCHAR(32),
    budget_reset_at       TIMESTAMP,
    tpm_limit             BIGINT,
    rpm_limit             BIGINT,
    max_parallel_requests INTEGER,
    model_max_budget      VARCHAR(32672) ,
    model_rpm_limit       VARCHAR(32672) ,
    model_tpm_limit       VARCHAR(32672) ,
    team_id               VARCHAR(64)    REFERENCES sb_teams (team_id),
    user_id               VARCHAR(255)   REFERENCES sb_users (user_id),
    organization_id       VARCHAR(64)    REFERENCES sb_organizations (organization_id),
    budget_id             VARCHAR(64)    REFERENCES sb_budgets (budget_id),
    metadata              VARCHAR(32672) ,
    tags                  VARCHAR(32672) ,
    allowed_routes        VARCHAR(32672) ,
    guardrails            VARCHAR(32672) ,
    blocked               BOOLEAN        DEFAULT FALSE NOT NULL,
    expires               TIMESTAMP,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);
CREATE INDEX sb_tokens_team ON sb_verification_tokens (team_id);
CREATE INDEX sb_tokens_user ON sb_verification_tokens (user_id);
CREATE INDEX sb_tokens_alias ON sb_verification_tokens (key_alias);

-- One row per LLM call. request_id is UNIQUE so replaying the outbox is idempotent.
CREATE TABLE sb_spend_logs (
    request_id            VARCHAR(128)   NOT NULL PRIMARY KEY,
    call_type             VARCHAR(64),
    api_key               VARCHAR(64),
    key_alias             VARCHAR(255),
    team_id               VARCHAR(64),
    user_id               VARCHAR(255),
    end_user              VARCHAR(255),
    organization_id       VARCHAR(64),
    model_group           VARCHAR(255),
    model                 VARCHAR(255),
    model_id              VARCHAR(255),
    custom_llm_provider   VARCHAR(64),
    prompt_tokens         BIGINT         DEFAULT 0 NOT NULL,
    completion_tokens     BIGINT         DEFAULT 0 NOT NULL,
    cached_tokens         BIGINT         DEFAULT 0 NOT NULL,
    reasoning_tokens      BIGINT         DEFAULT 0 NOT NULL,
    total_tokens          BIGINT         DEFAULT 0 NOT NULL,
    spend                 DECIMAL(20,10) DEFAULT 0 NOT NULL,
    start_time            TIMESTAMP      NOT NULL,
    end_time              TIMESTAMP,
    completion_start_time TIMESTAMP,
    cache_hit             BOOLEAN        DEFAULT FALSE NOT NULL,
    status                VARCHAR(32)    NOT NULL,
    request_tags          VARCHAR(32672) ,
    metadata              VARCHAR(32672) 
);
CREATE INDEX sb_spend_logs_start ON sb_spend_logs (start_time);
CREATE INDEX sb_spend_logs_key ON sb_spend_logs (api_key);
CREATE INDEX sb_spend_logs_team ON sb_spend_logs (team_id);
CREATE INDEX sb_spend_logs_user ON sb_spend_logs (user_id);

CREATE TABLE sb_audit_log (
    id                    VARCHAR(64)    NOT NULL PRIMARY KEY,
    updated_at            TIMESTAMP      NOT NULL,
    changed_by            VARCHAR(255)   NOT NULL,
    changed_by_api_key    VARCHAR(64),
    action                VARCHAR(32)    NOT NULL,
    table_name            VARCHAR(64)    NOT NULL,
    object_id             VARCHAR(255)   NOT NULL,
    before_value          VARCHAR(32672) ,
    updated_values        VARCHAR(32672) 
);
CREATE INDEX sb_audit_log_time ON sb_audit_log (updated_at);

-- Deployments added through the API (config.yaml ones are not stored). litellm_params holds no
-- plaintext secret: credentials are referenced by name and their values are encrypted.
CREATE TABLE sb_proxy_models (
    model_id              VARCHAR(64)    NOT NULL PRIMARY KEY,
    model_name            VARCHAR(255)   NOT NULL,
    litellm_params        VARCHAR(32672)          NOT NULL,
    model_info            VARCHAR(32672) ,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);

CREATE TABLE sb_credentials (
    credential_name       VARCHAR(255)   NOT NULL PRIMARY KEY,
    credential_values     VARCHAR(32672)          NOT NULL,
    credential_info       VARCHAR(32672) ,
    created_at            TIMESTAMP      NOT NULL,
    created_by            VARCHAR(255),
    updated_at            TIMESTAMP      NOT NULL,
    updated_by            VARCHAR(255)
);
