package io.switchboard.provider;

import io.switchboard.GatewayException;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingResponse;

/** Embeddings in a provider's dialect; implemented by the adapters of providers that offer them. */
public interface EmbeddingAdapter {

    UpstreamRequest toProviderRequest(EmbeddingRequest request, Deployment deployment);

    EmbeddingResponse fromProviderResponse(UpstreamResponse response, EmbeddingRequest request, Deployment deployment);

    GatewayException toGatewayException(UpstreamResponse response, Deployment deployment);

    /**
     * The most input texts one upstream call takes (Titan on Bedrock takes one); a request with more is sent as
     * several calls, in input order, and their vectors joined.
     */
    default int maxInputsPerCall(Deployment deployment) {
        return Integer.MAX_VALUE;
    }
}
