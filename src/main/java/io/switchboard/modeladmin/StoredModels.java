package io.switchboard.modeladmin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.chat.WireJson;
import io.switchboard.config.ActiveConfig;
import io.switchboard.governance.Database;
import io.switchboard.governance.StoredCredential;
import io.switchboard.governance.StoredDeployment;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * Run-time deployments in the database ({@code sb_proxy_models}), with their credentials split off
 * into {@code sb_credentials}, encrypted, and referenced by LiteLLM's {@code litellm_credential_name}.
 * An {@code os.environ/NAME} reference is not a secret and stays in the parameters.
 */
@ApplicationScoped
public class StoredModels {
    private static final Logger LOG = Logger.getLogger(StoredModels.class.getName());
    /** The litellm_params that hold a credential (LiteLLM's names, all providers). */
    static final Set<String> SECRET_PARAMS = Set.of("api_key", "aws_access_key_id", "aws_secret_access_key",
            "aws_session_token", "aws_bearer_token_bedrock", "vertex_credentials", "azure_ad_token", "client_secret");
    static final String CREDENTIAL_REFERENCE = "litellm_credential_name";

    @Inject
    Database database;

    @Inject
    ActiveConfig config;

    @Inject
    Config mpConfig;

    private CredentialCipher cipher;

    @PostConstruct
    void init() {
        cipher = CredentialCipher.from(mpConfig.getOptionalValue("LITELLM_SALT_KEY", String.class).orElse(null),
                config.masterKey());
    }

    /** Stores (or replaces) one entry as its caller sent it. */
    public void save(String id, ObjectNode entry, String actor) {
        ObjectNode params = entry.path("litellm_params").isObject() ? ((ObjectNode) entry.get("litellm_params")).deepCopy()
                : WireJson.object();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : SECRET_PARAMS) {
            JsonNode value = params.get(name);
            if (value != null && value.isTextual() && !value.asText().startsWith("os.environ/")) {
                secrets.put(name, value.asText());
                params.remove(name);
            }
        }
        if (!secrets.isEmpty() && cipher == null) {
            throw new IllegalStateException("No LITELLM_SALT_KEY or master key to encrypt credentials with");
        }
        String credentialName = "model/" + id;
        if (!secrets.isEmpty()) {
            params.put(CREDENTIAL_REFERENCE, credentialName);
        }
        Instant now = Instant.now();
        database.inTransaction(em -> {
            StoredDeployment row = em.find(StoredDeployment.class, id);
            if (row == null) {
                row = new StoredDeployment();
                row.modelId = id;
                row.createdAt = now;
                row.createdBy = actor;
            }
            row.modelName = entry.path("model_name").asText();
            row.litellmParams = toMap(params);
            row.modelInfo = entry.path("model_info").isObject() ? toMap(entry.get("model_info")) : null;
            row.updatedAt = now;
            row.updatedBy = actor;
            em.merge(row);
            StoredCredential credential = em.find(StoredCredential.class, credentialName);
            if (secrets.isEmpty()) {
                if (credential != null) {
                    em.remove(credential);
                }
                return null;
            }
            if (credential == null) {
                credential = new StoredCredential();
                credential.credentialName = credentialName;
                credential.createdAt = now;
                credential.createdBy = actor;
            }
            credential.credentialValues = cipher.seal(WireJson.render((JsonNode) WireJson.MAPPER.valueToTree(secrets)));
            credential.credentialInfo = Map.of("model_id", id);
            credential.updatedAt = now;
            credential.updatedBy = actor;
            em.merge(credential);
            return null;
        });
    }

    public void delete(String id) {
        database.inTransaction(em -> {
            StoredDeployment row = em.find(StoredDeployment.class, id);
            if (row != null) {
                em.remove(row);
            }
            StoredCredential credential = em.find(StoredCredential.class, "model/" + id);
            if (credential != null) {
                em.remove(credential);
            }
            return null;
        });
    }

    /** Every stored entry, credentials decrypted back into its parameters; unreadable ones are skipped and logged. */
    public Map<String, ObjectNode> loadAll() {
        Map<String, ObjectNode> entries = new LinkedHashMap<>();
        List<StoredDeployment> rows = database.read(em -> new ArrayList<>(em.createQuery(
                "SELECT d FROM StoredDeployment d ORDER BY d.createdAt", StoredDeployment.class).getResultList()));
        for (StoredDeployment row : rows) {
            ObjectNode entry = WireJson.object();
            entry.put("model_name", row.modelName);
            ObjectNode params = WireJson.MAPPER.valueToTree(row.litellmParams);
            String reference = params.path(CREDENTIAL_REFERENCE).asText(null);
            if (reference != null) {
                if (!restoreSecrets(params, reference)) {
                    LOG.warning("Stored model " + row.modelId + " was not loaded: its credentials cannot be decrypted"
                            + " (was LITELLM_SALT_KEY or the master key changed?).");
                    continue;
                }
                params.remove(CREDENTIAL_REFERENCE);
            }
            entry.set("litellm_params", params);
            if (row.modelInfo != null) {
                entry.set("model_info", WireJson.MAPPER.valueToTree(row.modelInfo));
            }
            entries.put(row.modelId, entry);
        }
        return entries;
    }

    private boolean restoreSecrets(ObjectNode params, String reference) {
        StoredCredential credential = database.read(em -> em.find(StoredCredential.class, reference));
        if (credential == null || cipher == null) {
            return false;
        }
        try {
            JsonNode secrets = WireJson.MAPPER.readTree(cipher.open(credential.credentialValues));
            secrets.fields().forEachRemaining(e -> params.set(e.getKey(), e.getValue()));
            return true;
        } catch (GeneralSecurityException | JsonProcessingException e) {
            return false;
        }
    }

    private static Map<String, Object> toMap(JsonNode node) {
        return WireJson.MAPPER.convertValue(node, WireJson.MAPPER.getTypeFactory()
                .constructMapType(LinkedHashMap.class, String.class, Object.class));
    }
}
