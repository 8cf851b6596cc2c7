package io.switchboard.provider.bedrock;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.WireJson;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.EmbeddingAdapter;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.JsonTool;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamCredential;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * AWS Bedrock (reference §3.3): chat through Converse ({@code POST /model/{modelId}/converse}) and ConverseStream
 * ({@code /converse-stream}, an AWS event stream), embeddings through InvokeModel. {@code bedrock/<modelId>},
 * {@code bedrock/converse/<modelId>} and {@code bedrock/invoke/<modelId>} (served through Converse too) all name
 * the model; so may ARNs and inference profiles, or {@code model_id} (LiteLLM's provisioned-throughput ARN).
 * The model id is one percent-encoded path segment. The endpoint is {@code api_base} (or
 * {@code aws_bedrock_runtime_endpoint}; a VPC endpoint, a proxy) else {@code bedrock-runtime.{region}.amazonaws.com}
 * with the region from {@code aws_region_name}, {@code AWS_REGION}, {@code AWS_DEFAULT_REGION}, an ARN's own
 * region, and LiteLLM's {@code us-west-2} last.
 */
@ApplicationScoped
public class BedrockAdapter implements ProviderAdapter, EmbeddingAdapter {
    /** Stands for "the regional endpoint": the region is only known per deployment. */
    static final String REGIONAL_BASE = "https://bedrock-runtime.amazonaws.com";
    static final String DEFAULT_REGION = "us-west-2";
    private static final ProviderDefaults DEFAULTS = new ProviderDefaults(REGIONAL_BASE, "AWS_BEARER_TOKEN_BEDROCK",
            false, Map.of(
                    "aws_access_key_id", List.of("AWS_ACCESS_KEY_ID"),
                    "aws_secret_access_key", List.of("AWS_SECRET_ACCESS_KEY"),
                    "aws_session_token", List.of("AWS_SESSION_TOKEN"),
                    "aws_region_name", List.of("AWS_REGION_NAME", "AWS_REGION", "AWS_DEFAULT_REGION"),
                    // LiteLLM's fallbacks for the identities AwsCredentialSource resolves
                    "aws_role_name", List.of("AWS_ROLE_NAME"),
                    "aws_session_name", List.of("AWS_SESSION_NAME"),
                    "aws_profile_name", List.of("AWS_PROFILE_NAME"),
                    "aws_web_identity_token", List.of("AWS_WEB_IDENTITY_TOKEN"),
                    "aws_sts_endpoint", List.of("AWS_STS_ENDPOINT"),
                    "aws_external_id", List.of("AWS_EXTERNAL_ID")));

    private final Clock clock;

    public BedrockAdapter() {
        this(Clock.systemUTC());
    }

    /** With the clock SigV4 dates its signatures by; tests pin it. */
    BedrockAdapter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Set<String> providers() {
        return Set.of("bedrock");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return DEFAULTS;
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        byte[] body = WireJson.render(BedrockRequestWriter.write(request, deployment))
                .getBytes(StandardCharsets.UTF_8);
        return post(deployment, request.stream() ? "converse-stream" : "converse", body, request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        return BedrockResponseReader.read(BedrockResponseReader.parse(response.body()), request,
                response.header("x-amzn-requestid"));
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new BedrockStreamDecoder(deployment, JsonTool.requested(request));
    }

    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        return BedrockErrors.fromResponse(response, deployment);
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        return post(deployment, "invoke", BedrockEmbeddings.write(request, modelId(deployment)), false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return BedrockEmbeddings.read(response, request, modelId(deployment));
    }

    @Override
    public int maxInputsPerCall(Deployment deployment) {
        return BedrockEmbeddings.maxInputsPerCall(modelId(deployment));
    }

    private UpstreamRequest post(Deployment deployment, String action, byte[] body, boolean stream) {
        String region = region(deployment);
        URI uri = endpoint(deployment, region, action);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "application/vnd.amazon.eventstream" : "application/json");
        UpstreamRequest.Framing framing = stream ? UpstreamRequest.Framing.BYTES : null;
        UpstreamCredential temporary = BedrockAuth.temporaryCredential(deployment, region);
        if (temporary != null) { // signed by the UpstreamClient's AwsCredentialSource, once the role is assumed
            return new UpstreamRequest("POST", uri, headers, body, framing, temporary);
        }
        return new UpstreamRequest("POST", uri, BedrockAuth.authenticate(uri, headers, body, deployment, region, clock),
                body, framing);
    }

    static URI endpoint(Deployment deployment, String region, String action) {
        String custom = BedrockAuth.param(deployment, "aws_bedrock_runtime_endpoint");
        String base = deployment.apiBase().toString();
        if (base.equals(REGIONAL_BASE)) {
            base = custom != null ? custom : "https://bedrock-runtime." + region + ".amazonaws.com";
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/model/" + pathSegment(modelId(deployment)) + "/" + action);
    }

    /** The model id as one path segment: {@code :} is {@code %3A}, an ARN's {@code /} is {@code %2F}. */
    static String pathSegment(String modelId) {
        return URLEncoder.encode(modelId, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code model_id} when set, else the model after LiteLLM's route prefixes. */
    static String modelId(Deployment deployment) {
        String explicit = BedrockAuth.param(deployment, "model_id");
        if (explicit != null) {
            return explicit;
        }
        String model = deployment.upstreamModel();
        for (String route : List.of("converse/", "invoke/")) {
            if (model.startsWith(route)) {
                return model.substring(route.length());
            }
        }
        return model;
    }

    static String region(Deployment deployment) {
        String region = BedrockAuth.param(deployment, "aws_region_name");
        if (region != null) {
            return region;
        }
        String model = modelId(deployment);
        if (model.startsWith("arn:")) { // arn:aws:bedrock:<region>:<account>:...
            String[] parts = model.split(":", 6);
            if (parts.length > 3 && !parts[3].isBlank()) {
                return parts[3];
            }
        }
        return DEFAULT_REGION;
    }
}
