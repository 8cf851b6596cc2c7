package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One row per LLM call, written by the spend package. {@code apiKey} is the key's hash, never the
 * key; {@code requestId} is the primary key, so replaying a batch cannot double-count.
 */
@Entity
@Table(name = "sb_spend_logs")
public class SpendLog {
    @Id
    @Column(name = "request_id", length = 128)
    public String requestId;
    @Column(name = "call_type")
    public String callType;
    @Column(name = "api_key", length = 64)
    public String apiKey;
    @Column(name = "key_alias")
    public String keyAlias;
    @Column(name = "team_id")
    public String teamId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "end_user")
    public String endUser;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "model_group")
    public String modelGroup;
    @Column(name = "model")
    public String model;
    @Column(name = "model_id")
    public String modelId;
    @Column(name = "custom_llm_provider")
    public String customLlmProvider;
    @Column(name = "prompt_tokens", nullable = false)
    public long promptTokens;
    @Column(name = "completion_tokens", nullable = false)
    public long completionTokens;
    @Column(name = "cached_tokens", nullable = false)
    public long cachedTokens;
    @Column(name = "reasoning_tokens", nullable = false)
    public long reasoningTokens;
    @Column(name = "total_tokens", nullable = false)
    public long totalTokens;
    @Column(name = "spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal spend = BigDecimal.ZERO;
    @Column(name = "start_time", nullable = false)
    public Instant startTime;
    @Column(name = "end_time")
    public Instant endTime;
    @Column(name = "completion_start_time")
    public Instant completionStartTime;
    @Column(name = "cache_hit", nullable = false)
    public boolean cacheHit;
    @Column(name = "status", nullable = false)
    public String status;
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "request_tags")
    public List<String> requestTags;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "metadata")
    public Map<String, Object> metadata;
}
