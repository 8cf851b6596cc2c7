package io.switchboard.chat;

import io.switchboard.GatewayException;
import java.util.List;

/**
 * Request fields with which a caller could redirect the gateway's upstream call or its credentials.
 * LiteLLM accepted these from clients, which let any key holder send the provider key to a host of
 * their choosing (server-side request forgery); the gateway refuses them outright.
 */
public final class CallerOverrides {
    private static final List<String> FORBIDDEN = List.of("api_base", "base_url", "api_key", "api_version",
            "extra_headers", "custom_llm_provider", "aws_access_key_id", "aws_secret_access_key",
            "aws_session_token", "aws_region_name", "vertex_credentials", "vertex_project", "vertex_location",
            "azure_ad_token", "organization");

    private CallerOverrides() {
    }

    public static void reject(FieldReader f) {
        for (String name : FORBIDDEN) {
            if (f.node().has(name)) {
                throw GatewayException.invalidRequest("'" + name + "' cannot be set by a client: upstream"
                        + " endpoints and credentials come from the gateway's configuration.", name);
            }
        }
    }
}
