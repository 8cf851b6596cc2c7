package io.switchboard.config;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The configuration in force: the operator's config.yaml ({@code CONFIG_FILE_PATH}, or the
 * MicroProfile Config property {@code switchboard.config.file}) or, when none is given, the
 * built-in example. Loaded once at start; a broken file stops the application from starting.
 */
@ApplicationScoped
public class ActiveConfig {
    private static final Logger LOG = Logger.getLogger(ActiveConfig.class.getName());
    static final String EXAMPLE = "config/example-config.yaml";

    @Inject
    Config mpConfig;

    private GatewayConfig config;
    private String source;

    @PostConstruct
    void load() {
        Function<String, Optional<String>> env = name -> mpConfig.getOptionalValue(name, String.class);
        Optional<String> path = env.apply("CONFIG_FILE_PATH").or(() -> env.apply("switchboard.config.file"))
                .filter(p -> !p.isBlank());
        if (path.isPresent()) {
            Path file = Path.of(path.get());
            source = file.getFileName().toString();
            if (!Files.isReadable(file)) {
                throw new ConfigException("Config file " + path.get() + " does not exist or cannot be read.");
            }
            config = ConfigLoader.load(file, env);
        } else {
            source = "built-in example config";
            config = loadExample(env);
        }
        LOG.info(() -> "Switchboard loaded " + source + ": " + config.modelList().size() + " deployment(s).");
        if (!config.unsupportedKeys().isEmpty()) {
            LOG.warning(() -> "Config keys parsed but not yet supported (they have no effect): "
                    + String.join(", ", config.unsupportedKeys()));
        }
    }

    private static GatewayConfig loadExample(Function<String, Optional<String>> env) {
        InputStream in = ActiveConfig.class.getClassLoader().getResourceAsStream(EXAMPLE);
        if (in == null) {
            throw new ConfigException("The built-in example config is missing from the application.");
        }
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            return ConfigLoader.loadLenient(EXAMPLE, reader, env);
        } catch (IOException e) {
            throw new ConfigException("The built-in example config could not be read.");
        }
    }

    public GatewayConfig config() {
        return config;
    }

    /** Where the configuration came from, for logs: a file name, never its contents. */
    public String source() {
        return source;
    }

    /** {@code general_settings.master_key}, else {@code LITELLM_MASTER_KEY}; null when neither is set. */
    public String masterKey() {
        String key = config.generalSettings().masterKey();
        if (key == null || key.isBlank()) {
            key = mpConfig.getOptionalValue("LITELLM_MASTER_KEY", String.class).orElse(null);
        }
        return key == null || key.isBlank() ? null : key;
    }

    /**
     * The explicit development switch for running without a master key:
     * {@code general_settings.allow_no_master_key} or {@code SWITCHBOARD_ALLOW_NO_MASTER_KEY=true}.
     * Off by default: an open gateway spends the operator's provider money for anyone who finds it.
     */
    public boolean allowNoMasterKey() {
        return config.generalSettings().allowNoMasterKey()
                || mpConfig.getOptionalValue("switchboard.allow-no-master-key", Boolean.class).orElse(false);
    }

    public long maxRequestBodyBytes() {
        return config.generalSettings().maxRequestBodyBytes();
    }

    /**
     * Looks up a provider key fallback ({@code OPENAI_API_KEY}, ...): the config's own
     * {@code environment_variables} first, as LiteLLM applies them to its environment, then the
     * process environment and MicroProfile Config.
     */
    public Optional<String> lookup(String name) {
        String fromFile = config.environmentVariables().get(name);
        if (fromFile != null && !fromFile.isBlank()) {
            return Optional.of(fromFile);
        }
        return mpConfig.getOptionalValue(name, String.class).filter(v -> !v.isBlank());
    }
}
