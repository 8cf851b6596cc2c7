package io.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.UpstreamCredential;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.provider.gemini.GeminiAdapter;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;

/**
 * Gemini on Vertex AI ({@code vertex_ai/}, reference §3.4): the Gemini body and responses at
 * {@code https://{location}-aiplatform.googleapis.com/v1/projects/{project}/locations/{location}/publishers/google/models/{model}:…}
 * ({@code aiplatform.googleapis.com} for location {@code global}), authenticated with an OAuth bearer token that
 * {@link VertexTokens} makes from {@code vertex_credentials}. {@code vertex_project} is required,
 * {@code vertex_location} defaults to {@code us-central1} as in LiteLLM. Embeddings use Vertex's {@code :predict}.
 */
@ApplicationScoped
public class VertexAdapter extends GeminiAdapter {
    static final String GLOBAL_BASE = "https://aiplatform.googleapis.com";
    static final String DEFAULT_LOCATION = "us-central1";

    @Override
    public Set<String> providers() {
        return Set.of("vertex_ai");
    }

    /** No key variable: Vertex authenticates with OAuth tokens from {@code vertex_credentials}. */
    @Override
    public ProviderDefaults defaults(String provider) {
        return new ProviderDefaults(GLOBAL_BASE, null, false);
    }

    @Override
    protected URI endpoint(Deployment deployment, String method, boolean stream) {
        String project = param(deployment, "vertex_project");
        if (project == null) {
            throw new GatewayException(ErrorKind.INTERNAL,
                    "The deployment has no vertex_project; set it in litellm_params.", null, "deployment_misconfigured");
        }
        String location = param(deployment, "vertex_location");
        location = location == null ? DEFAULT_LOCATION : location;
        String base = trimSlash(deployment.apiBase().toString());
        if (base.equals(GLOBAL_BASE) && !location.equals("global")) {
            base = "https://" + location + "-aiplatform.googleapis.com";
        }
        return URI.create(base + "/v1/projects/" + encode(project) + "/locations/" + encode(location)
                + "/publishers/google/models/" + encode(modelId(deployment)) + ":" + method
                + (stream ? "?alt=sse" : ""));
    }

    @Override
    protected Map<String, String> authHeaders(Deployment deployment) {
        return Map.of();
    }

    @Override
    protected UpstreamCredential credential(Deployment deployment) {
        return new UpstreamCredential(VertexTokens.SCHEME, param(deployment, "vertex_credentials"));
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        return post(deployment, "predict", VertexEmbeddings.write(request), false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return VertexEmbeddings.read(response.body(), request);
    }

    private static String param(Deployment deployment, String name) {
        JsonNode value = deployment.params().get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        String text = value.isTextual() ? value.textValue() : value.toString(); // a credentials object given inline
        return text.isBlank() ? null : text;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
