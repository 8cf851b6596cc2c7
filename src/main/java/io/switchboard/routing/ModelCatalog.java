package io.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.config.ActiveConfig;
import io.switchboard.config.ConfigException;
import io.switchboard.config.DeploymentConfig;
import io.switchboard.config.GatewayConfig;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.modelinfo.ModelTable;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.ProviderRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model groups clients can call, built once from {@code model_list}: exact names first, then
 * wildcard groups ({@code openai/*}, {@code *}) in config order. A wildcard deployment serves the
 * part of the requested name the {@code *} matched, e.g. {@code openai/gpt-4o} → {@code gpt-4o}.
 */
@ApplicationScoped
public class ModelCatalog {
    /** LiteLLM's default request timeout. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(600);

    @Inject
    ActiveConfig activeConfig;

    @Inject
    ProviderRegistry providers;

    private ModelTable modelTable;
    /** Deployments from config.yaml, then those added at run time, in the order they came. */
    private final List<DeploymentConfig> fileDeployments = new ArrayList<>();
    private final Map<String, DeploymentConfig> runtimeDeployments = new LinkedHashMap<>();
    /** Rebuilt whole on every change, so a call never sees half an update. */
    private volatile Groups current = new Groups(Map.of(), List.of());

    @PostConstruct
    void build() {
        modelTable = ModelTable.bundled();
        fileDeployments.addAll(activeConfig.config().modelList());
        rebuild();
    }

    private synchronized void rebuild() {
        GatewayConfig config = activeConfig.config();
        Duration defaultTimeout = defaultTimeout(config);
        Map<String, List<Entry>> groups = new LinkedHashMap<>();
        List<WildcardGroup> wildcards = new ArrayList<>();
        List<DeploymentConfig> all = new ArrayList<>(fileDeployments);
        all.addAll(runtimeDeployments.values());
        for (DeploymentConfig d : all) {
            Entry entry = toEntry(d, defaultTimeout, config);
            if (d.modelName().contains("*")) {
                WildcardGroup group = wildcards.stream().filter(w -> w.pattern().equals(d.modelName())).findFirst()
                        .orElseGet(() -> {
                            WildcardGroup g = new WildcardGroup(d.modelName(), new ArrayList<>());
                            wildcards.add(g);
                            return g;
                        });
                group.entries().add(entry);
            } else {
                groups.computeIfAbsent(d.modelName(), k -> new ArrayList<>()).add(entry);
            }
        }
        current = new Groups(groups, wildcards);
    }

    private Entry toEntry(DeploymentConfig d, Duration defaultTimeout, GatewayConfig config) {
        return new Entry(toDeployment(d, defaultTimeout, config), d.weight() == null ? 1 : d.weight(),
                d.order() == null ? Integer.MAX_VALUE : d.order(), hasKey(d), keyVariable(d),
                ModelTable.fromJson(d.modelInfo()), d.tags(), d.rpm(), d.tpm(), d.maxRetries());
    }

    /**
     * Adds or replaces a deployment managed at run time ({@code /model/new}, {@code /model/update}).
     * It is checked as a config entry would be at start-up: an unknown provider or a bad URL is refused.
     *
     * @throws ConfigException when the deployment is invalid or its id belongs to config.yaml
     */
    public synchronized void putRuntime(DeploymentConfig deployment) {
        if (isFromFile(deployment.id())) {
            throw new ConfigException("The model with id '" + deployment.id()
                    + "' is defined in the config file; change it there.");
        }
        GatewayConfig config = activeConfig.config();
        toEntry(deployment, defaultTimeout(config), config);
        runtimeDeployments.put(deployment.id(), deployment);
        rebuild();
    }

    /** Removes a run-time deployment; false when there is none with that id. */
    public synchronized boolean removeRuntime(String id) {
        if (isFromFile(id)) {
            throw new ConfigException("The model with id '" + id + "' is defined in the config file; remove it there.");
        }
        boolean removed = runtimeDeployments.remove(id) != null;
        if (removed) {
            rebuild();
        }
        return removed;
    }

    /** The run-time deployment with this id, if any. */
    public synchronized java.util.Optional<DeploymentConfig> runtime(String id) {
        return java.util.Optional.ofNullable(runtimeDeployments.get(id));
    }

    public synchronized boolean isFromFile(String id) {
        return fileDeployments.stream().anyMatch(d -> d.id().equals(id));
    }

    /** The deployments that can serve {@code model}, resolved for that exact name. */
    public List<Entry> resolve(String model) {
        Groups groups = current;
        List<Entry> exact = groups.exact().get(model);
        if (exact != null) {
            return exact;
        }
        for (WildcardGroup wildcard : groups.wildcards()) {
            String matched = wildcard.match(model);
            if (matched != null) {
                List<Entry> resolved = new ArrayList<>(wildcard.entries().size());
                for (Entry e : wildcard.entries()) {
                    Deployment d = e.deployment();
                    String upstream = d.upstreamModel().replace("*", matched);
                    ModelFacts facts = modelTable.lookup(d.provider(), upstream).overriddenBy(e.configuredFacts());
                    resolved.add(e.withDeployment(d.withUpstreamModel(upstream, facts)));
                }
                return resolved;
            }
        }
        throw new GatewayException(ErrorKind.MODEL_NOT_FOUND, "Invalid model name passed in model=" + model
                + ". Call /v1/models to view available models.", "model", "model_not_found");
    }

    /** Public model names in config order: exact groups, then wildcard patterns as written. */
    public List<String> modelNames() {
        Groups groups = current;
        List<String> names = new ArrayList<>(groups.exact().keySet());
        groups.wildcards().forEach(w -> names.add(w.pattern()));
        return names;
    }

    /** Every configured deployment in config order: exact groups, then wildcard patterns (unresolved). */
    public List<Entry> configuredEntries() {
        Groups groups = current;
        List<Entry> all = new ArrayList<>();
        groups.exact().values().forEach(all::addAll);
        groups.wildcards().forEach(w -> all.addAll(w.entries()));
        return all;
    }

    public boolean isKnown(String model) {
        try {
            resolve(model);
            return true;
        } catch (GatewayException e) {
            return false;
        }
    }

    private Deployment toDeployment(DeploymentConfig d, Duration defaultTimeout, GatewayConfig config) {
        ProviderAdapter adapter = providers.find(d.provider()).orElseThrow(() -> new ConfigException(
                "model_list entry '" + d.modelName() + "': provider '" + d.provider() + "' is not supported."
                        + " Supported: " + String.join(", ", new java.util.TreeSet<>(providers.providers()))));
        ProviderDefaults defaults = adapter.defaults(d.provider());
        String base = d.apiBase() != null ? d.apiBase() : defaults.baseUrl();
        if (base == null) {
            throw new ConfigException("model_list entry '" + d.modelName() + "': provider '" + d.provider()
                    + "' has no public endpoint; set litellm_params.api_base.");
        }
        URI apiBase;
        try {
            apiBase = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model_list entry '" + d.modelName() + "': api_base is not a valid URL.");
        }
        String key = d.apiKey() != null ? d.apiKey()
                : defaults.keyEnvVar() == null ? null : activeConfig.lookup(defaults.keyEnvVar()).orElse(null);
        Duration timeout = d.timeout() != null ? d.timeout() : defaultTimeout;
        ModelFacts facts = modelTable.lookup(d.provider(), d.upstreamModel())
                .overriddenBy(ModelTable.fromJson(d.modelInfo()));
        var dropParam = d.extraParams().get("drop_params");
        boolean dropParams = dropParam != null ? dropParam.asBoolean() : config.litellmSettings().dropParams();
        return new Deployment(d.id(), d.modelName(), d.provider(), d.upstreamModel(), apiBase, key, d.apiVersion(),
                timeout, d.streamTimeout() != null ? d.streamTimeout()
                : config.routerSettings().streamTimeout() != null ? config.routerSettings().streamTimeout() : timeout,
                withEnvironmentParams(d.extraParams(), defaults), facts, dropParams);
    }

    /** The provider's params the entry leaves out, from their environment variables (AWS credentials, region). */
    private Map<String, JsonNode> withEnvironmentParams(
            Map<String, JsonNode> params, ProviderDefaults defaults) {
        if (defaults.paramEnvVars().isEmpty()) {
            return params;
        }
        Map<String, JsonNode> merged = new HashMap<>(params);
        defaults.paramEnvVars().forEach((param, variables) -> {
            if (merged.get(param) == null || merged.get(param).isNull()) {
                variables.stream().map(activeConfig::lookup).flatMap(Optional::stream).findFirst()
                        .ifPresent(value -> merged.put(param,
                                TextNode.valueOf(value)));
            }
        });
        return merged;
    }

    private boolean hasKey(DeploymentConfig d) {
        ProviderDefaults defaults = providers.adapter(d.provider()).defaults(d.provider());
        return !defaults.keyRequired() || d.apiKey() != null
                || (defaults.keyEnvVar() != null && activeConfig.lookup(defaults.keyEnvVar()).isPresent());
    }

    private String keyVariable(DeploymentConfig d) {
        return providers.adapter(d.provider()).defaults(d.provider()).keyEnvVar();
    }

    private static Duration defaultTimeout(GatewayConfig config) {
        if (config.litellmSettingsRequestTimeout() != null) {
            return config.litellmSettingsRequestTimeout();
        }
        if (config.routerSettings().timeout() != null) {
            return config.routerSettings().timeout();
        }
        return DEFAULT_TIMEOUT;
    }

    /**
     * A deployment with its routing attributes.
     *
     * @param credentialed false when the provider needs a key and none was configured: such a
     *                     deployment is reported, not called
     * @param keyVariable  the environment variable that would supply the missing key, for the error
     * @param configuredFacts what {@code model_info} says, which wins over the table for every model served
     * @param tags         {@code litellm_params.tags} for tag-based routing
     * @param rpm          requests a minute this deployment takes ({@code usage-based-routing-v2}); null: no limit
     * @param tpm          tokens a minute this deployment takes; null: no limit
     * @param maxRetries   {@code litellm_params.max_retries}: retries after this deployment fails; null: the
     *                     router's
     */
    public record Entry(Deployment deployment, int weight, int order, boolean credentialed, String keyVariable,
                        ModelFacts configuredFacts, List<String> tags, Long rpm, Long tpm, Integer maxRetries) {
        public Entry {
            tags = tags == null ? List.of() : List.copyOf(tags);
        }

        /** A plain entry: weight, order, no limits; for tests. */
        public Entry(Deployment deployment, int weight, int order) {
            this(deployment, weight, order, true, null, ModelFacts.UNKNOWN, List.of(), null, null, null);
        }

        Entry withDeployment(Deployment d) {
            return new Entry(d, weight, order, credentialed, keyVariable, configuredFacts, tags, rpm, tpm,
                    maxRetries);
        }

        public Entry withLimits(List<String> newTags, Long newRpm, Long newTpm, Integer newMaxRetries) {
            return new Entry(deployment, weight, order, credentialed, keyVariable, configuredFacts, newTags, newRpm,
                    newTpm, newMaxRetries);
        }
    }

    private record Groups(Map<String, List<Entry>> exact, List<WildcardGroup> wildcards) {
    }

    private record WildcardGroup(String pattern, List<Entry> entries) {
        /** The text the {@code *} stands for, or null when {@code model} does not match. */
        String match(String model) {
            int star = pattern.indexOf('*');
            String prefix = pattern.substring(0, star);
            String suffix = pattern.substring(star + 1);
            if (model.length() >= prefix.length() + suffix.length() && model.startsWith(prefix)
                    && model.endsWith(suffix)) {
                return model.substring(prefix.length(), model.length() - suffix.length());
            }
            return null;
        }
    }
}
