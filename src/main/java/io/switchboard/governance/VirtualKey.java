package io.switchboard.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A virtual key. The key itself is never stored: {@link #token} is its HMAC-SHA-256 under the
 * server secret (see access/KeyHashing), {@link #keyName} the display form {@code sk-...abcd}.
 */
@Entity
@Table(name = "sb_verification_tokens")
public class VirtualKey extends LimitColumns {
    @Id
    @JsonIgnore
    @Column(name = "token", length = 64)
    public String token;
    @Column(name = "key_id")
    public String keyId;
    @Column(name = "key_name", nullable = false)
    public String keyName;
    @Column(name = "key_alias")
    public String keyAlias;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_rpm_limit")
    public Map<String, Object> modelRpmLimit;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_tpm_limit")
    public Map<String, Object> modelTpmLimit;
    @Column(name = "team_id")
    public String teamId;
    @Column(name = "user_id")
    public String userId;
    @Column(name = "organization_id")
    public String organizationId;
    @Column(name = "budget_id")
    public String budgetId;
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "tags")
    public List<String> tags;
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "allowed_routes")
    public List<String> allowedRoutes;
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "guardrails")
    public List<String> guardrails;
    /** LiteLLM's {@code allowed_cache_controls}: the request {@code cache} controls the key may use; empty is all. */
    @Convert(converter = JsonColumns.StringList.class)
    @Column(name = "allowed_cache_controls")
    public List<String> allowedCacheControls;
    @Column(name = "blocked", nullable = false)
    public boolean blocked;
    @Column(name = "expires")
    public Instant expires;

    /**
     * How the admin API answers {@code allowed_routes}: LiteLLM's key defaults it to {@code []}, so an unset
     * list is {@code []}, not {@code null}, for clients that iterate it. (Only the JSON; the column keeps null.)
     */
    public List<String> getAllowedRoutes() {
        return allowedRoutes == null ? List.of() : allowedRoutes;
    }

    /** As {@link #getAllowedRoutes()}: LiteLLM answers an unset {@code allowed_cache_controls} as {@code []}. */
    public List<String> getAllowedCacheControls() {
        return allowedCacheControls == null ? List.of() : allowedCacheControls;
    }
}
