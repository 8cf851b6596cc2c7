package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A loaded, validated {@code config.yaml}.
 *
 * @param modelList            the deployments, in file order
 * @param litellmSettings      {@code litellm_settings}
 * @param routerSettings       {@code router_settings}
 * @param generalSettings      {@code general_settings}
 * @param environmentVariables {@code environment_variables}: LiteLLM exports these into its environment, so
 *                             anything that looks up a provider's default key variable should see them first
 * @param unsupportedKeys      dotted paths of keys present in the file that this version parses but does not
 *                             act on ({@code litellm_settings.cache}, ...), in file order
 * @param document             the whole file as a JSON tree, env references resolved
 */
public record GatewayConfig(
        List<DeploymentConfig> modelList,
        LitellmSettings litellmSettings,
        RouterSettings routerSettings,
        GeneralSettings generalSettings,
        Map<String, String> environmentVariables,
        List<String> unsupportedKeys,
        JsonNode document) {

    public GatewayConfig {
        modelList = modelList == null ? List.of() : List.copyOf(modelList);
        litellmSettings = litellmSettings == null ? LitellmSettings.defaults() : litellmSettings;
        routerSettings = routerSettings == null ? RouterSettings.defaults() : routerSettings;
        generalSettings = generalSettings == null ? GeneralSettings.defaults() : generalSettings;
        environmentVariables = environmentVariables == null ? Map.of() : Map.copyOf(environmentVariables);
        unsupportedKeys = unsupportedKeys == null ? List.of() : List.copyOf(unsupportedKeys);
        document = document == null ? JsonNodeFactory.instance.objectNode() : document;
    }

    /** {@code litellm_settings.request_timeout}; null when not set. */
    public Duration litellmSettingsRequestTimeout() {
        return litellmSettings.requestTimeout();
    }

    /** Shows the variable names only, and no raw trees: those hold resolved secrets. */
    @Override
    public String toString() {
        return "GatewayConfig[modelList=" + modelList + ", litellmSettings=" + litellmSettings + ", routerSettings="
                + routerSettings + ", generalSettings=" + generalSettings + ", environmentVariables="
                + new TreeSet<>(environmentVariables.keySet()) + ", unsupportedKeys=" + unsupportedKeys + "]";
    }
}
