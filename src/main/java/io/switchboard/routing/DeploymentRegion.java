package io.switchboard.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.provider.Deployment;
import java.util.Locale;

/**
 * Which of LiteLLM's model regions, {@code eu} or {@code us}, a deployment serves from, for end users
 * held to one ({@code allowed_model_region}). As in LiteLLM, {@code litellm_params.region_name} says it;
 * without it the region is read from where the provider runs the model: Bedrock's
 * {@code aws_region_name} ({@code eu-west-1}, {@code us-east-1}) and Vertex AI's {@code vertex_location}
 * ({@code europe-west4}, {@code us-central1}). A deployment whose region is not known serves no
 * region-bound end user: data residency must not rest on a guess.
 */
final class DeploymentRegion {
    private DeploymentRegion() {
    }

    /** @return {@code eu}, {@code us}, another {@code region_name} as written (lower case), or null when unknown */
    static String of(Deployment deployment) {
        String named = text(deployment, "region_name");
        if (named != null) {
            return named.toLowerCase(Locale.ROOT);
        }
        String aws = text(deployment, "aws_region_name");
        if (aws != null) {
            return aws.startsWith("eu-") ? "eu" : aws.startsWith("us-") ? "us" : null;
        }
        String vertex = text(deployment, "vertex_location");
        if (vertex != null) {
            return vertex.startsWith("europe-") ? "eu" : vertex.startsWith("us-") ? "us" : null;
        }
        return null;
    }

    /** Whether {@code deployment} may serve a call held to {@code region}; any may when it is null. */
    static boolean serves(Deployment deployment, String region) {
        return region == null || region.equals(of(deployment));
    }

    private static String text(Deployment deployment, String param) {
        JsonNode value = deployment.params().get(param);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? value.asText().trim().toLowerCase(Locale.ROOT) : null;
    }
}
