package io.switchboard.provider.cohere;

import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.EmbeddingAdapter;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.ProviderDefaults;
import io.switchboard.provider.RerankAdapter;
import io.switchboard.provider.StreamDecoder;
import io.switchboard.provider.UpstreamErrors;
import io.switchboard.provider.UpstreamRequest;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Map;
import java.util.Set;

/**
 * Cohere's v2 chat, embed and rerank APIs. LiteLLM names the provider {@code cohere} (and
 * {@code cohere_chat} for the same chat models), so both prefixes are claimed.
 */
@ApplicationScoped
public class CohereAdapter implements ProviderAdapter, EmbeddingAdapter, RerankAdapter {
    private static final ProviderDefaults DEFAULTS = new ProviderDefaults("https://api.cohere.com", "COHERE_API_KEY",
            true);

    @Override
    public Set<String> providers() {
        return Set.of("cohere", "cohere_chat");
    }

    @Override
    public ProviderDefaults defaults(String provider) {
        return DEFAULTS;
    }

    @Override
    public UpstreamRequest toProviderRequest(ChatRequest request, Deployment deployment) {
        return post(deployment, "v2/chat", CohereRequestWriter.write(request, deployment), request.stream());
    }

    @Override
    public ChatResponse fromProviderResponse(UpstreamResponse response, ChatRequest request, Deployment deployment) {
        return CohereResponseReader.read(CohereResponseReader.parse(response.body()), deployment.upstreamModel());
    }

    @Override
    public StreamDecoder newStreamDecoder(ChatRequest request, Deployment deployment) {
        return new CohereStreamDecoder(deployment.upstreamModel());
    }

    /**
     * Cohere's errors are {@code {"id","message"}} at the top level, which the default table reads.
     * 498 is Cohere's "invalid token" status (docs.cohere.com/reference/errors): the gateway's key,
     * so treated as 401.
     */
    @Override
    public GatewayException toGatewayException(UpstreamResponse response, Deployment deployment) {
        UpstreamResponse mapped = response.status() == 498
                ? new UpstreamResponse(401, response.headers(), response.body()) : response;
        return UpstreamErrors.fromResponse(mapped, deployment);
    }

    @Override
    public UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment) {
        return post(deployment, "v2/embed", CohereEmbeddings.write(request, deployment.upstreamModel()), false);
    }

    @Override
    public EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request,
                                                  Deployment deployment) {
        return CohereEmbeddings.read(response.body(), deployment.upstreamModel());
    }

    @Override
    public UpstreamRequest toProviderRequest(RerankRequest request, Deployment deployment) {
        return post(deployment, "v2/rerank", CohereRerank.write(request, deployment.upstreamModel()), false);
    }

    @Override
    public RerankResponse fromProviderResponse(UpstreamResponse response, RerankRequest request,
                                               Deployment deployment) {
        return CohereRerank.read(response.body(), request.documents().size());
    }

    private static UpstreamRequest post(Deployment deployment, String path, byte[] body, boolean stream) {
        String base = deployment.apiBase().toString();
        base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        // LiteLLM users often write the full chat URL as api_base; keep only the origin part before /v1 or /v2.
        for (String suffix : new String[] {"/v2/chat", "/v1/chat", "/v2", "/v1"}) {
            if (base.endsWith(suffix)) {
                base = base.substring(0, base.length() - suffix.length());
                break;
            }
        }
        Map<String, String> headers = deployment.apiKey() == null || deployment.apiKey().isEmpty()
                ? Map.of("Content-Type", "application/json", "Accept", stream ? "text/event-stream" : "application/json")
                : Map.of("Authorization", "Bearer " + deployment.apiKey(), "Content-Type", "application/json",
                        "Accept", stream ? "text/event-stream" : "application/json");
        return new UpstreamRequest("POST", URI.create(base + "/" + path), headers, body,
                stream ? UpstreamRequest.Framing.SSE : null);
    }
}
