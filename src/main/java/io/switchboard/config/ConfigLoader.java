package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Parses and validates a LiteLLM {@code config.yaml}. Every problem is a {@link ConfigException}
 * naming the file, the line and the key path; nothing is half-loaded.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    /** Loads an operator's file; an unset {@code os.environ/NAME} is an error. */
    public static GatewayConfig load(Path file, Function<String, Optional<String>> env) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return load(file.toString(), reader, env);
        } catch (IOException e) {
            throw new ConfigException("Config file " + file + " could not be read: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a config from a reader; an unset {@code os.environ/NAME} is an error.
     *
     * @param label names the source in error messages, usually the file name
     */
    public static GatewayConfig load(String label, Reader reader, Function<String, Optional<String>> env) {
        return load(label, reader, new EnvironmentReferences(Map.of(), env, false));
    }

    /**
     * Loads a config in which an unset {@code os.environ/NAME} becomes null instead of an error.
     * Only for the built-in example: it must start on a bare machine with no provider keys and no
     * master key, and its deployments whose key is missing are then reported, not called.
     */
    public static GatewayConfig loadLenient(String label, Reader reader, Function<String, Optional<String>> env) {
        return load(label, reader, new EnvironmentReferences(Map.of(), env, true));
    }

    /**
     * Reads one {@code model_list} entry sent at run time ({@code /model/new}), JSON or YAML, with the
     * same checks and messages as the file; {@code os.environ/NAME} must be set.
     */
    public static DeploymentConfig readDeployment(String label, Reader reader, Function<String, Optional<String>> env) {
        EnvironmentReferences references = new EnvironmentReferences(Map.of(), env, false);
        ConfigNode entry = ConfigNode.root(label, parse(label, reader), references);
        YamlToJson.resolved(entry);
        return DeploymentReader.read(entry);
    }

    private static GatewayConfig load(String label, Reader reader, EnvironmentReferences processEnv) {
        ConfigNode root = ConfigNode.root(label, parse(label, reader), processEnv);
        root.entries();
        Map<String, String> fileVariables = environmentVariables(root.get("environment_variables"));
        root = root.withEnvironment(processEnv.withFileVariables(fileVariables));
        // Resolving the whole tree up front reports an unset variable wherever it is, even under
        // keys this version does not act on: the operator learns of it now, not when a feature lands.
        JsonNode document = YamlToJson.resolved(root);

        List<String> unsupported = new ArrayList<>();
        for (Map.Entry<String, ConfigNode> top : root.entries().entrySet()) {
            String key = top.getKey();
            ConfigNode value = top.getValue();
            if (!SupportedKeys.isSupported(SupportedKeys.TOP_LEVEL, key)) {
                unsupported.add(value.path());
            } else if (key.equals("model_list")) {
                value.elements().forEach(entry -> {
                    if (entry.isMapping()) {
                        unsupported.addAll(SupportedKeys.unsupportedIn(SupportedKeys.MODEL_LIST_ENTRY, entry));
                        unsupported.addAll(SupportedKeys.inertParamsIn(entry));
                    }
                });
            } else if (!SupportedKeys.FREE_FORM_SECTIONS.contains(key) && !key.equals("guardrails")) {
                // guardrails is a list, read and checked by the guardrail package at start-up
                unsupported.addAll(SupportedKeys.unsupportedIn(key, value));
            }
        }
        ConfigNode cacheParams = root.get("litellm_settings").get("cache_params");
        if (cacheParams.isMapping()) {
            unsupported.addAll(SupportedKeys.unsupportedIn(SupportedKeys.CACHE_PARAMS, cacheParams));
        }
        unsupported.addAll(SupportedKeys.unsupportedCallbacks(document));
        RouterSettings router = SettingsReader.router(root.get("router_settings"));
        if (!SupportedKeys.ROUTING_STRATEGIES.contains(router.routingStrategy())) {
            unsupported.add("router_settings.routing_strategy: " + router.routingStrategy());
        }
        return new GatewayConfig(deployments(root.get("model_list")),
                SettingsReader.litellm(root.get("litellm_settings")),
                router,
                SettingsReader.general(root.get("general_settings")),
                fileVariables, unsupported, document);
    }

    private static Node parse(String label, Reader reader) {
        LoadSettings settings = LoadSettings.builder().setLabel(label)
                // YAML 1.2 core schema: reads True and 0x1F as PyYAML does, without YAML 1.1 yes/no booleans.
                .setSchema(new CoreSchema())
                // The file is the operator's own; snakeyaml's default of 50 collection aliases guards
                // against hostile input and would reject a long model_list sharing one &params anchor.
                .setMaxAliasesForCollections(1000).build();
        try {
            return new Compose(settings).composeReader(reader).orElseThrow(() -> new ConfigException(label
                    + " line 1: the file is empty; it needs at least a model_list (see the example config)"));
        } catch (MarkedYamlEngineException e) {
            throw syntaxError(label, e);
        } catch (YamlEngineException e) {
            // Unmarked engine errors are I/O failures or limits (such as too many aliases), never a secret.
            throw new ConfigException(label + ": could not be read as YAML: " + e.getMessage(), e);
        }
    }

    /** snakeyaml's multi-line message with a code snippet, rephrased as one operator-facing line. */
    private static ConfigException syntaxError(String label, MarkedYamlEngineException e) {
        Optional<Mark> at = e.getProblemMark().or(e::getContextMark);
        String where = at.map(m -> " line " + (m.getLine() + 1)).orElse("");
        StringBuilder message = new StringBuilder(label).append(where).append(": YAML syntax error");
        at.ifPresent(m -> message.append(" at column ").append(m.getColumn() + 1));
        message.append(": ").append(e.getProblem() != null ? e.getProblem() : "malformed YAML");
        if (e.getContext() != null) {
            message.append(" (").append(e.getContext());
            e.getContextMark().filter(m -> e.getProblemMark().isPresent())
                    .ifPresent(m -> message.append(" that starts at line ").append(m.getLine() + 1));
            message.append(')');
        }
        return new ConfigException(message.toString());
    }

    /**
     * {@code environment_variables}: plain values, or {@code os.environ/NAME} resolved against the
     * process environment only (a variable here cannot refer to another one here).
     */
    private static Map<String, String> environmentVariables(ConfigNode section) {
        Map<String, String> variables = new LinkedHashMap<>();
        section.entries().forEach((name, value) -> {
            if (value.isNull()) {
                throw value.error("needs a value");
            }
            String text = value.text();
            if (text != null) {
                variables.put(name, text);
            }
        });
        return variables;
    }

    private static List<DeploymentConfig> deployments(ConfigNode modelList) {
        List<DeploymentConfig> deployments = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (ConfigNode entry : modelList.elements()) {
            DeploymentConfig deployment = DeploymentReader.read(entry);
            if (!ids.add(deployment.id())) {
                if (DeploymentReader.hasExplicitId(entry)) {
                    throw entry.get("model_info").get("id").error("repeats the id \"" + deployment.id()
                            + "\" of an earlier model_list entry; ids must be unique");
                }
                // Identical entries are legal (LiteLLM load-balances over them) and need distinct ids.
                int copy = 2;
                while (!ids.add(deployment.id() + "-" + copy)) {
                    copy++;
                }
                deployment = deployment.withId(deployment.id() + "-" + copy);
            }
            deployments.add(deployment);
        }
        return deployments;
    }

    /** Key names of a raw section, for {@code toString()}s that must not print values. */
    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
