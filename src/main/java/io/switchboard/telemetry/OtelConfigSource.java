package io.switchboard.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.config.ConfigLoader;
import io.switchboard.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns OpenTelemetry on when config.yaml asks for it the LiteLLM way:
 * {@code litellm_settings.callbacks: ["otel"]} (or {@code success_callback}). MicroProfile Telemetry
 * reads {@code otel.sdk.disabled} through MicroProfile Config when the application starts, before any
 * bean exists, so the switch has to be a config source: it maps the YAML setting to
 * {@code otel.sdk.disabled=false}. Its ordinal (150) ranks above the application's default
 * ({@code microprofile-config.properties}, 100) and below environment variables (300) and system
 * properties (400), so an explicit {@code OTEL_SDK_DISABLED=true} still switches tracing off. The
 * exporter itself is configured with the standard {@code OTEL_*} variables.
 */
public class OtelConfigSource implements ConfigSource {
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
        return "switchboard-config.yaml-callbacks";
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
        try {
            GatewayConfig config = ConfigLoader.load(file.get(), name -> Optional.ofNullable(System.getenv(name)));
            return wantsOtel(config.litellmSettings().raw()) ? Map.of("otel.sdk.disabled", "false") : Map.of();
        } catch (RuntimeException unreadable) {
            // ActiveConfig loads the same file and reports what is wrong with it, with line numbers.
            return Map.of();
        }
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
