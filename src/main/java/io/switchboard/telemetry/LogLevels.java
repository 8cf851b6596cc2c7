package io.switchboard.telemetry;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Log levels from MicroProfile Config, applied when the application starts:
 * {@code switchboard.log.levels} (variable {@code SWITCHBOARD_LOG_LEVELS}) is a list such as
 * {@code io.switchboard=FINE,io.switchboard.access=OFF}, with java.util.logging's level names or
 * LiteLLM's ({@code DEBUG}, {@code INFO}, {@code WARNING}, {@code ERROR}); LiteLLM's own
 * {@code LITELLM_LOG=DEBUG} sets the level of {@code io.switchboard}. Levels below INFO are written to
 * Liberty's trace.log when its trace specification lets them through
 * ({@code SWITCHBOARD_TRACE_SPECIFICATION}, see server.xml).
 */
@ApplicationScoped
public class LogLevels {
    private static final Logger LOG = Logger.getLogger(LogLevels.class.getName());
    /** Held so the configured levels outlive garbage collection of otherwise unreferenced loggers. */
    private final Map<String, Logger> configured = new LinkedHashMap<>();

    @Inject
    @ConfigProperty(name = "switchboard.log.levels")
    Optional<String> levels;

    @Inject
    @ConfigProperty(name = "LITELLM_LOG")
    Optional<String> litellmLog;

    void apply(@Observes @Initialized(ApplicationScoped.class) Object started) {
        litellmLog.ifPresent(level -> set("io.switchboard", level));
        levels.ifPresent(list -> {
            for (String entry : list.split(",")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    set(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
                }
            }
        });
    }

    private void set(String loggerName, String levelName) {
        Level level = parse(levelName);
        if (level == null) {
            LOG.warning(() -> "Unknown log level '" + levelName + "' for " + loggerName + " ignored.");
            return;
        }
        Logger logger = Logger.getLogger(loggerName);
        logger.setLevel(level);
        configured.put(loggerName, logger);
        LOG.info(() -> "Log level of " + loggerName + " set to " + level.getName() + ".");
    }

    static Level parse(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return switch (upper) {
            case "DEBUG" -> Level.FINE;
            case "TRACE" -> Level.FINEST;
            case "WARN" -> Level.WARNING;
            case "ERROR", "CRITICAL" -> Level.SEVERE;
            default -> {
                try {
                    yield Level.parse(upper);
                } catch (IllegalArgumentException unknown) {
                    yield null;
                }
            }
        };
    }
}
