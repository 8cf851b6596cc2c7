package io.switchboard.modeladmin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.WireJson;
import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.DeploymentConfig;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;

/**
 * The deployments added through the admin API, as their callers sent them (kept so an update can
 * change one field and keep the rest). Every change is checked like a config.yaml entry before the
 * router sees it, then stored ({@link StoredModels}); a refused or unstorable change leaves
 * everything as it was. Stored deployments are loaded at start, so every instance sharing the
 * database serves them.
 */
@ApplicationScoped
public class RuntimeModels {
    private static final Logger LOG = Logger.getLogger(RuntimeModels.class.getName());

    @Inject
    ModelCatalog catalog;

    @Inject
    ActiveConfig config;

    @Inject
    StoredModels stored;

    private final Map<String, ObjectNode> entries = new LinkedHashMap<>();

    void load(@Observes @Initialized(ApplicationScoped.class) Object started) {
        stored.loadAll().forEach((id, entry) -> {
            try {
                apply(id, entry);
            } catch (GatewayException e) {
                LOG.warning("Stored model " + id + " was not loaded: " + e.getMessage());
            }
        });
    }

    /** Adds a deployment; its {@code model_info.id} is generated unless given. Returns the id. */
    public synchronized String add(JsonNode body, String actor) {
        ObjectNode entry = requireObject(body).deepCopy();
        ObjectNode info = entry.with("model_info");
        String id = info.path("id").asText("");
        if (id.isBlank()) {
            id = UUID.randomUUID().toString();
            info.put("id", id);
        } else if (entries.containsKey(id) || catalog.isFromFile(id)) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, "A model with id '" + id + "' already exists;"
                    + " use /model/update.", "model_info.id", "duplicate_model_id");
        }
        apply(id, entry);
        persist(id, entry, null, actor);
        return id;
    }

    /** Changes the fields the patch names ({@code model_name}, {@code litellm_params.*}, {@code model_info.*}). */
    public synchronized void update(JsonNode body, String actor) {
        ObjectNode patch = requireObject(body);
        String id = patch.path("model_info").path("id").asText("");
        ObjectNode current = entries.get(id);
        if (current == null) {
            throw notFound(id);
        }
        ObjectNode updated = current.deepCopy();
        if (patch.hasNonNull("model_name")) {
            updated.set("model_name", patch.get("model_name"));
        }
        for (String section : new String[] {"litellm_params", "model_info"}) {
            if (patch.path(section).isObject()) {
                updated.with(section).setAll((ObjectNode) patch.get(section));
            }
        }
        apply(id, updated);
        persist(id, updated, current, actor);
    }

    public synchronized void delete(String id) {
        if (!entries.containsKey(id)) {
            throw notFound(id);
        }
        try {
            stored.delete(id);
        } catch (RuntimeException e) {
            throw unstorable();
        }
        entries.remove(id);
        catalog.removeRuntime(id);
    }

    /** Stores a change the catalog already took; if the database refuses it, the catalog goes back. */
    private void persist(String id, ObjectNode entry, ObjectNode previous, String actor) {
        try {
            stored.save(id, entry, actor);
        } catch (RuntimeException e) {
            LOG.warning("Model " + id + " could not be stored: " + e.getClass().getSimpleName());
            if (previous == null) {
                entries.remove(id);
                catalog.removeRuntime(id);
            } else {
                apply(id, previous);
            }
            throw unstorable();
        }
    }

    private static GatewayException unstorable() {
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The model could not be stored; nothing was"
                + " changed. Retry shortly.", null, "database_unavailable");
    }

    private void apply(String id, ObjectNode entry) {
        DeploymentConfig deployment;
        try {
            deployment = ConfigLoader.readDeployment("model " + id, new StringReader(WireJson.render(entry)),
                    config::lookup);
            catalog.putRuntime(deployment);
        } catch (ConfigException e) {
            throw new GatewayException(ErrorKind.INVALID_REQUEST, e.getMessage(), null, "invalid_model");
        }
        entries.put(id, entry);
    }

    private static ObjectNode requireObject(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw GatewayException.invalidRequest("The body must be a JSON object.", null);
        }
        return (ObjectNode) body;
    }

    private GatewayException notFound(String id) {
        String where = catalog.isFromFile(id) ? " It is defined in the config file; change it there." : "";
        return new GatewayException(ErrorKind.NOT_FOUND, "No model added at run time has the id '" + id + "'."
                + where, "id", "model_not_found");
    }
}
