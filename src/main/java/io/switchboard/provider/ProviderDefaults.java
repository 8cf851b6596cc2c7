package io.switchboard.provider;

import java.util.List;
import java.util.Map;

/**
 * What a provider prefix means when {@code litellm_params} leaves it out.
 *
 * @param baseUrl   the public endpoint, or null when the deployment must name its own {@code api_base}
 * @param keyEnvVar the environment variable LiteLLM reads the key from when {@code api_key} is absent
 * @param keyRequired whether calls without a key are refused before they are made (local servers need none)
 * @param paramEnvVars other {@code litellm_params} a deployment may leave out, each read from the first of its
 *                     environment variables that is set (Bedrock's {@code aws_access_key_id} from
 *                     {@code AWS_ACCESS_KEY_ID}, ...); the adapter then finds them in {@link Deployment#params()}
 */
public record ProviderDefaults(String baseUrl, String keyEnvVar, boolean keyRequired,
                               Map<String, List<String>> paramEnvVars) {

    public ProviderDefaults {
        paramEnvVars = paramEnvVars == null ? Map.of() : Map.copyOf(paramEnvVars);
    }

    public ProviderDefaults(String baseUrl, String keyEnvVar, boolean keyRequired) {
        this(baseUrl, keyEnvVar, keyRequired, Map.of());
    }
}
