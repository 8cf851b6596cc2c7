package io.switchboard.governance;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One admin change: who (a display label and the acting key's hash), what (action, table, object
 * id) and the object before and after as JSON with secrets redacted.
 */
@Entity
@Table(name = "sb_audit_log")
public class AuditEntry {
    @Id
    @Column(name = "id", length = 64)
    public String id;
    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
    @Column(name = "changed_by", nullable = false)
    public String changedBy;
    @Column(name = "changed_by_api_key", length = 64)
    public String changedByApiKey;
    @Column(name = "action", nullable = false)
    public String action;
    @Column(name = "table_name", nullable = false)
    public String tableName;
    @Column(name = "object_id", nullable = false)
    public String objectId;
    @Column(name = "before_value")
    public String beforeValue;
    @Column(name = "updated_values")
    public String updatedValues;
}
