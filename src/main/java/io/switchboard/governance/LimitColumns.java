package io.switchboard.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.MappedSuperclass;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The model list, budget and rate-limit columns that keys, teams, users and organizations share,
 * named as LiteLLM names them. {@code spend} and {@code reservedSpend} are only ever changed by
 * atomic conditional SQL updates on the request path (the spend package), never by the admin API.
 */
@MappedSuperclass
public abstract class LimitColumns {
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "models")
    public List<String> models;
    @Column(name = "max_budget", precision = 20, scale = 10)
    public BigDecimal maxBudget;
    @Column(name = "soft_budget", precision = 20, scale = 10)
    public BigDecimal softBudget;
    @Column(name = "spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal spend = BigDecimal.ZERO;
    @JsonIgnore
    @Column(name = "reserved_spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal reservedSpend = BigDecimal.ZERO;
    @Column(name = "budget_duration")
    public String budgetDuration;
    @Column(name = "budget_reset_at")
    public Instant budgetResetAt;
    @Column(name = "tpm_limit")
    public Long tpmLimit;
    @Column(name = "rpm_limit")
    public Long rpmLimit;
    @Column(name = "max_parallel_requests")
    public Integer maxParallelRequests;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_max_budget")
    public Map<String, Object> modelMaxBudget;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "metadata")
    public Map<String, Object> metadata;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;

    /** Stamps creation and update times and actor. */
    public void touch(String actor, Instant now) {
        if (createdAt == null) {
            createdAt = now;
            createdBy = actor;
        }
        updatedAt = now;
        updatedBy = actor;
    }
}
