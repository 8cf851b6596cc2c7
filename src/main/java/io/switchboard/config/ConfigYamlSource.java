package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The settings of {@code config.yaml} that LiteLLM users set there but that other parts of the runtime
 * read through MicroProfile Config, often before any bean exists:
 * <ul>
 * <li>{@code litellm_settings.callbacks: ["otel"]} (or {@code success_callback}) →
 * {@code otel.sdk.disabled=false}: MicroProfile Telemetry reads it when the application starts;</li>
 * <li>{@code general_settings.database_url} → {@code DATABASE_URL}: where LiteLLM's docs put it;</li>
 * <li>{@code environment_variables}: LiteLLM exports these into its environment, so settings such as
 * {@code DATABASE_URL} or {@code OTEL_EXPORTER_OTLP_ENDPOINT} may live there.</li>
 * </ul>
 * Its ordinal (150) ranks above the application's defaults ({@code microprofile-config.properties}, 100)
 * and below environment variables (300) and system properties (400): what the operator exports wins, so an
 * explicit {@code OTEL_SDK_DISABLED=true} still switches tracing off.
 */
public class ConfigYamlSource implements ConfigSource {
    static final Set<String> OTEL_CALLBACKS = Set.of("otel", "opentelemetry", "langfuse_otel", "arize_phoenix");
    private static final int ORDINAL = 150;

    private volatile Map<String, String> properties;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> loaded = properties;
        if (loaded == null) {
            loaded = read();
            properties = loaded;
        }
        return loaded;
    }

    @Override
    public Set<String> getPropertyNames() {
        return getProperties().keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return getProperties().get(propertyName);
    }

    @Override
    public String getName() {
        return "switchboard-config.yaml";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }

    private static Map<String, String> read() {
        Optional<Path> file = configFile();
        if (file.isEmpty()) {
            return Map.of();
        }
        // Lenient: an unset os.environ/NAME is simply not a value here; ActiveConfig loads the same file
        // strictly and reports it (and anything else wrong, with line numbers).
        try (Reader reader = Files.newBufferedReader(file.get(), StandardCharsets.UTF_8)) {
            return settings(ConfigLoader.loadLenient(file.get().toString(), reader,
                    name -> Optional.ofNullable(System.getenv(name))));
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
    }

    static Map<String, String> settings(GatewayConfig config) {
        Map<String, String> result = new HashMap<>();
        config.environmentVariables().forEach((name, value) -> {
            if (value != null) {
                result.put(name, value);
            }
        });
        JsonNode databaseUrl = config.generalSettings().raw().path("database_url");
        if (databaseUrl.isTextual() && !databaseUrl.asText().isBlank()) {
            result.put("DATABASE_URL", databaseUrl.asText());
        }
        if (wantsOtel(config.litellmSettings().raw())) {
            result.put("otel.sdk.disabled", "false");
        }
        return Map.copyOf(result);
    }

    static boolean wantsOtel(JsonNode litellmSettings) {
        for (String list : new String[] {"callbacks", "success_callback"}) {
            for (JsonNode name : litellmSettings.path(list)) {
                if (OTEL_CALLBACKS.contains(name.asText())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same lookup as ActiveConfig's, without MicroProfile Config (this source is part of it). */
    private static Optional<Path> configFile() {
        String path = System.getenv("CONFIG_FILE_PATH");
        if (path == null || path.isBlank()) {
            path = System.getProperty("switchboard.config.file", System.getenv("SWITCHBOARD_CONFIG_FILE"));
        }
        if (path == null || path.isBlank() || !Files.isReadable(Path.of(path))) {
            return Optional.empty();
        }
        return Optional.of(Path.of(path));
    }
}
