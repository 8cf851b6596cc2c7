package io.switchboard.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.governance.AuditEntry;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * Writes the audit row of an admin change inside the change's own transaction, so there is never a
 * change without its row. The actor is named by label and public key id, never by key or hash; the
 * before/after documents are the entities' JSON (hashes are not part of it) with any field whose
 * name suggests a secret redacted.
 */
final class AuditTrail {
    private static final Set<String> SECRET_HINTS = Set.of("key", "token", "secret", "password", "api_key",
            "credential_values");

    private AuditTrail() {
    }

    static void record(EntityManager em, Caller caller, String action, String table, String objectId,
            JsonNode before, JsonNode after) {
        AuditEntry entry = new AuditEntry();
        entry.id = UUID.randomUUID().toString();
        entry.updatedAt = Instant.now();
        entry.changedBy = caller.label();
        entry.changedByApiKey = caller.key() == null ? null : caller.key().keyId();
        entry.action = action;
        entry.tableName = table;
        entry.objectId = objectId;
        entry.beforeValue = AdminJson.text(redacted(before));
        entry.updatedValues = AdminJson.text(redacted(after));
        em.persist(entry);
    }

    static JsonNode redacted(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            return node;
        }
        ObjectNode copy = object.deepCopy();
        copy.fieldNames().forEachRemaining(name -> {
            if (SECRET_HINTS.contains(name)) {
                copy.put(name, "[redacted]");
            }
        });
        return copy;
    }
}
