package io.switchboard.governance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Map;

/**
 * A named provider credential. {@code credentialValues} holds ciphertext only (encryption under the
 * salt key is the job of whoever stores credentials) and is never serialised into a response.
 */
@Entity
@Table(name = "sb_credentials")
public class StoredCredential {
    @Id
    @Column(name = "credential_name")
    public String credentialName;
    @JsonIgnore
    @Column(name = "credential_values", nullable = false)
    public String credentialValues;
    @Convert(converter = JsonColumns.ObjectMap.class)
    @Column(name = "credential_info")
    public Map<String, Object> credentialInfo;
    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "updated_by")
    public String updatedBy;
}
