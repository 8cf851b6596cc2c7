package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/** A reusable budget, referenced by id from end users, memberships, keys, teams and users. */
@Entity
@Table(name = "sb_budgets")
public class Budget {
    @Id
    @Column(name = "budget_id", length = 64)
    public String budgetId;
    @Column(name = "max_budget", precision = 20, scale = 10)
    public BigDecimal maxBudget;
    @Column(name = "soft_budget", precision = 20, scale = 10)
    public BigDecimal softBudget;
    @Column(name = "max_parallel_requests")
    public Integer maxParallelRequests;
    @Column(name = "tpm_limit")
    public Long tpmLimit;
    @Column(name = "rpm_limit")
    public Long rpmLimit;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_max_budget")
    public Map<String, Object> modelMaxBudget;
    @Column(name = "budget_duration")
    public String budgetDuration;
    @Column(name = "budget_reset_at")
    public Instant budgetResetAt;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
