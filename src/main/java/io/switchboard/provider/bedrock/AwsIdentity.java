package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.chat.WireJson;
import io.switchboard.provider.Deployment;

/**
 * Who a Bedrock deployment calls as, in LiteLLM's {@code litellm_params} names (docs.litellm.ai, Bedrock,
 * "Authentication"): {@code aws_web_identity_token} with {@code aws_role_name} (STS AssumeRoleWithWebIdentity),
 * {@code aws_role_name} (STS AssumeRole, signed with the static keys or the profile), {@code aws_profile_name}
 * (the shared credentials and config files), else the static keys. {@code aws_session_name} names the session,
 * {@code aws_external_id} is passed to AssumeRole, and {@code aws_sts_endpoint} points at STS (a VPC endpoint;
 * the regional {@code https://sts.<region>.amazonaws.com} otherwise). Travels to {@link AwsCredentialSource} as
 * JSON inside an {@link io.switchboard.provider.UpstreamCredential}: it holds secrets, so it has no readable
 * {@code toString}.
 */
record AwsIdentity(String region, String roleArn, String sessionName, String externalId, String webIdentityToken,
                   String profile, String stsEndpoint, String accessKeyId, String secretAccessKey,
                   String sessionToken) {
    /** LiteLLM's session name when none is configured is its own; ours names the gateway in CloudTrail. */
    static final String DEFAULT_SESSION_NAME = "switchboard";

    static AwsIdentity of(Deployment deployment, String region) {
        return new AwsIdentity(region, BedrockAuth.param(deployment, "aws_role_name"),
                BedrockAuth.param(deployment, "aws_session_name"), BedrockAuth.param(deployment, "aws_external_id"),
                BedrockAuth.param(deployment, "aws_web_identity_token"),
                BedrockAuth.param(deployment, "aws_profile_name"), BedrockAuth.param(deployment, "aws_sts_endpoint"),
                BedrockAuth.param(deployment, "aws_access_key_id"), BedrockAuth.param(deployment, "aws_secret_access_key"),
                BedrockAuth.param(deployment, "aws_session_token"));
    }

    /** True when keys must first be fetched or read: a role to assume or a profile to read. */
    boolean needsResolving() {
        return roleArn != null || profile != null;
    }

    boolean webIdentity() {
        return roleArn != null && webIdentityToken != null;
    }

    boolean hasStaticKeys() {
        return accessKeyId != null && secretAccessKey != null;
    }

    String sessionNameOrDefault() {
        return sessionName != null ? sessionName : DEFAULT_SESSION_NAME;
    }

    /** STS's endpoint: {@code aws_sts_endpoint}, else the region's own. */
    String stsEndpointOrRegional() {
        return stsEndpoint != null ? stsEndpoint : "https://sts." + region + ".amazonaws.com";
    }

    String toJson() {
        try {
            return WireJson.MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An identity of strings always renders", e);
        }
    }

    static AwsIdentity fromJson(String json) {
        try {
            return WireJson.MAPPER.readValue(json, AwsIdentity.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Only BedrockAuth writes this JSON", e);
        }
    }

    @Override
    public String toString() {
        return "AwsIdentity[" + region + "]";
    }
}
