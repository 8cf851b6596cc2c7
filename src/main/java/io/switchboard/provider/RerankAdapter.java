package io.switchboard.provider;

import io.switchboard.GatewayException;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankResponse;

/** A provider that can rank documents against a query; implemented by adapters that can. */
public interface RerankAdapter {

    UpstreamRequest toProviderRequest(RerankRequest request, Deployment deployment);

    RerankResponse fromProviderResponse(UpstreamResponse response, RerankRequest request, Deployment deployment);

    GatewayException toGatewayException(UpstreamResponse response, Deployment deployment);
}
