package io.switchboard.api;

import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.config.ActiveConfig;
import io.switchboard.routing.ModelCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/**
 * Builds everything the configuration drives when the application starts, so that a broken
 * config.yaml or a missing master key stops the start instead of failing the first request.
 */
@ApplicationScoped
public class StartupChecks {
    private static final Logger LOG = Logger.getLogger(StartupChecks.class.getName());

    @Inject
    ActiveConfig config;

    @Inject
    ModelCatalog catalog;

    @Inject
    ApiKeyAuthenticator authenticator;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object started) {
        if (config.masterKey() == null && !config.allowNoMasterKey()) {
            throw new IllegalStateException("No master key is configured: set LITELLM_MASTER_KEY or"
                    + " general_settings.master_key. To run without any authentication on purpose (development"
                    + " only), set SWITCHBOARD_ALLOW_NO_MASTER_KEY=true.");
        }
        if (config.masterKey() == null) {
            LOG.warning("Running WITHOUT authentication (SWITCHBOARD_ALLOW_NO_MASTER_KEY): anyone who can reach"
                    + " this port can spend the configured provider keys.");
        }
        LOG.info(() -> "Switchboard serves " + catalog.modelNames().size() + " model group(s): "
                + String.join(", ", catalog.modelNames()));
        LOG.info(() -> "Authentication: " + authenticator.mode());
    }
}
