package io.switchboard.provider.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamCredential;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * How a Bedrock call authenticates (reference §3.3). A Bedrock API key ({@code api_key}, else
 * {@code AWS_BEARER_TOKEN_BEDROCK}) is sent as {@code Authorization: Bearer}, as LiteLLM and the AWS SDKs do
 * when one is set; otherwise the call is signed with SigV4 by the AWS SDK's {@link AwsV4HttpSigner} (service
 * {@code bedrock}, the path's segments encoded again as non-S3 services require, payload hashed) from
 * {@code aws_access_key_id}, {@code aws_secret_access_key} and the optional {@code aws_session_token}, each
 * falling back to the standard AWS environment variables. The signature covers every header sent except
 * {@code Host}, which the HTTP client derives from the same URL. A deployment that names a role, a web identity
 * or a profile is signed later, by {@link AwsCredentialSource}, once those are resolved into keys.
 */
final class BedrockAuth {
    static final String SERVICE = "bedrock";
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private BedrockAuth() {
    }

    /** {@code headers} plus what authenticates a POST of {@code body} to {@code uri} in {@code region}. */
    static Map<String, String> authenticate(URI uri, Map<String, String> headers, byte[] body, Deployment deployment,
                                            String region, Clock clock) {
        if (deployment.apiKey() != null && !deployment.apiKey().isBlank()) {
            Map<String, String> out = new LinkedHashMap<>(headers);
            out.put("Authorization", "Bearer " + deployment.apiKey());
            return out;
        }
        String keyId = param(deployment, "aws_access_key_id");
        String secret = param(deployment, "aws_secret_access_key");
        if (keyId == null || secret == null) {
            throw new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The Bedrock deployment has no AWS"
                    + " credentials: set aws_access_key_id and aws_secret_access_key (or AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY), or a Bedrock API key (api_key or AWS_BEARER_TOKEN_BEDROCK).", "model",
                    "no_credentials");
        }
        String token = param(deployment, "aws_session_token");
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(keyId, secret)
                : AwsSessionCredentialsIdentity.create(keyId, secret, token);
        return sign(uri, headers, body, identity, SERVICE, region, clock);
    }

    /**
     * The identity a deployment names that takes I/O to turn into keys ({@code aws_role_name},
     * {@code aws_web_identity_token}, {@code aws_profile_name}), for {@link AwsCredentialSource} to resolve and
     * sign with; null when the deployment signs with static keys or a Bedrock API key.
     */
    static UpstreamCredential temporaryCredential(Deployment deployment, String region) {
        if (deployment.apiKey() != null && !deployment.apiKey().isBlank()) {
            return null;
        }
        AwsIdentity identity = AwsIdentity.of(deployment, region);
        return identity.needsResolving() ? new UpstreamCredential(AwsCredentialSource.SCHEME, identity.toJson()) : null;
    }

    /** Signs with the SDK's signer; also what the fake Bedrock uses to verify, from the request it received. */
    static Map<String, String> sign(URI uri, Map<String, String> headers, byte[] body,
                                    AwsCredentialsIdentity identity, String service, String region, Clock clock) {
        SdkHttpRequest.Builder request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri);
        headers.forEach(request::putHeader);
        SignedRequest signed = SIGNER.sign(r -> r
                .identity(identity)
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, true)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, true)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            if (!header.getKey().equalsIgnoreCase("Host")) { // the HTTP client sets Host itself, from the same URL
                out.put(header.getKey(), String.join(",", header.getValue()));
            }
        }
        return out;
    }

    static String param(Deployment deployment, String name) {
        JsonNode value = deployment.params().get(name);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isBlank() ? null : text;
    }
}
