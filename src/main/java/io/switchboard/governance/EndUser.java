package io.switchboard.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** An end user (LiteLLM's "customer"): the {@code user} field of a request, with its own budget. */
@Entity
@Table(name = "sb_end_users")
public class EndUser {
    @Id
    @Column(name = "user_id")
    public String userId;
    @Column(name = "alias")
    public String alias;
    @Column(name = "budget_id")
    public String budgetId;
    @Column(name = "spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal spend = BigDecimal.ZERO;
    @JsonIgnore
    @Column(name = "reserved_spend", precision = 20, scale = 10, nullable = false)
    public BigDecimal reservedSpend = BigDecimal.ZERO;
    @Column(name = "allowed_model_region")
    public String allowedModelRegion;
    @Column(name = "default_model")
    public String defaultModel;
    @Column(name = "blocked", nullable = false)
    public boolean blocked;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
