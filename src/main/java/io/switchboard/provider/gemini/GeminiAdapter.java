package io.switchboard.provider.gemini;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.EmbeddingAdapter;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamCredential;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Google's Generative Language API ({@code gemini/}): {@code {base}/v1beta/models/{model}:generateContent} and
 * {@code :streamGenerateContent?alt=sse}, key in the {@code x-goog-api-key} header. The key never goes in the
 * URL ({@code ?key=} also works upstream, but URLs reach access logs and error traces). Subclasses (Vertex AI)
 * change only where a call goes and how it authenticates: {@link #endpoint} and {@link #authHeaders}.
 */
@ApplicationScoped
public class GeminiAdapter implements ProviderAdapter, EmbeddingAdapter {
    static final String DEFAULT_BASE = "https://generativelanguage.googleapis.com";

    @Override
    public Set<String> providers() {
        return Set.of("gemini");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return new ProviderDefaults(DEFAULT_BASE, "GEMINI_API_KEY", true);
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        byte[] body = GeminiRequestWriter.write(request, deployment.dropParams());
        return post(deployment, request.stream() ? "streamGenerateContent" : "generateContent", body,
                request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        return GeminiResponseReader.read(GeminiResponseReader.parse(response.body()), request.model());
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new GeminiStreamDecoder(deployment);
    }

    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        return GeminiErrors.fromResponse(response, deployment);
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        return post(deployment, "batchEmbedContents", GeminiEmbeddings.write(request, modelId(deployment)), false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return GeminiEmbeddings.read(response.body(), request.model(), GeminiEmbeddings.count(request.input()));
    }

    protected UpstreamRequest post(Deployment deployment, String method, byte[] body, boolean stream) {
        Map<String, String> headers = new HashMap<>(authHeaders(deployment));
        headers.put("Content-Type", "application/json");
        headers.put("Accept", stream ? "text/event-stream" : "application/json");
        return new UpstreamRequest("POST", endpoint(deployment, method, stream), headers, body,
                stream ? UpstreamRequest.Framing.SSE : null, credential(deployment));
    }

    /** A credential the client resolves into a bearer token (Vertex AI); Gemini's key is a plain header. */
    protected UpstreamCredential credential(Deployment deployment) {
        return null;
    }

    /** {@code {api_base}/v1beta/models/{model}:{method}}; a base that already names a version keeps it. */
    protected URI endpoint(Deployment deployment, String method, boolean stream) {
        String base = trimSlash(deployment.apiBase().toString());
        if (!base.endsWith("/v1beta") && !base.endsWith("/v1")) {
            base = base + "/v1beta";
        }
        return URI.create(base + "/models/" + URLEncoder.encode(modelId(deployment), StandardCharsets.UTF_8)
                + ":" + method + (stream ? "?alt=sse" : ""));
    }

    protected Map<String, String> authHeaders(Deployment deployment) {
        return deployment.apiKey() == null ? Map.of() : Map.of("x-goog-api-key", deployment.apiKey());
    }

    /** The model id without the {@code models/} prefix Google's own names carry. */
    protected static String modelId(Deployment deployment) {
        String model = deployment.upstreamModel();
        return model.startsWith("models/") ? model.substring("models/".length()) : model;
    }

    protected static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
