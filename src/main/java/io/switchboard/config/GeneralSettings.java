package io.switchboard.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * {@code general_settings}.
 *
 * @param masterKey           {@code master_key} with {@code os.environ/} resolved; null when not set
 * @param allowNoMasterKey    {@code allow_no_master_key}: Switchboard's explicit switch for running open
 *                            (development only); false by default
 * @param maxRequestBodyBytes {@code max_request_size_mb} in bytes (MiB, as LiteLLM counts); 32 MiB by default
 * @param disableSpendLogs    {@code disable_spend_logs}: no {@code spend_log} row per call, while spend and
 *                            budgets of every party are still settled; false by default
 * @param raw                 the whole section, env references resolved, for keys read by later features
 */
public record GeneralSettings(String masterKey, boolean allowNoMasterKey, long maxRequestBodyBytes,
                              boolean disableSpendLogs, JsonNode raw) {
    public static final long DEFAULT_MAX_REQUEST_BODY_BYTES = 32L * 1024 * 1024;

    public GeneralSettings {
        raw = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
    }

    static GeneralSettings defaults() {
        return new GeneralSettings(null, false, DEFAULT_MAX_REQUEST_BODY_BYTES, false, null);
    }

    /** Masks the master key and leaves out the raw section, which can hold other secrets (database_url). */
    @Override
    public String toString() {
        return "GeneralSettings[masterKey=" + (masterKey == null ? "null" : "****") + ", allowNoMasterKey="
                + allowNoMasterKey + ", maxRequestBodyBytes=" + maxRequestBodyBytes + ", disableSpendLogs="
                + disableSpendLogs + ", keys="
                + ConfigLoader.fieldNames(raw) + "]";
    }
}
