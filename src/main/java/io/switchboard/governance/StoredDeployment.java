package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/** A deployment added through the API. {@code litellmParams} names credentials, never holds them. */
@Entity
@Table(name = "sb_proxy_models")
public class StoredDeployment {
    @Id
    @Column(name = "model_id", length = 64)
    public String modelId;
    @Column(name = "model_name", nullable = false)
    public String modelName;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "litellm_params", nullable = false)
    public Map<String, Object> litellmParams;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "model_info")
    public Map<String, Object> modelInfo;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
