package io.switchboard.rerank;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderRegistry;
import io.switchboard.provider.RerankAdapter;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.telemetry.UpstreamAttempts;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.routing.CallOptions;
import io.switchboard.routing.Routed;
import io.switchboard.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** A rerank call, routed like any other: retries, fallbacks and cooldowns apply. */
@ApplicationScoped
public class RerankGateway {
    @Inject
    Router router;

    @Inject
    ProviderRegistry providers;

    @Inject
    UpstreamClient upstream;

    @Inject
    UpstreamAttempts attempts;

    public Routed<RerankResponse> rerank(Caller caller, RerankRequest request) {
        return router.execute(request.model(), CallOptions.NONE, deployment -> rerankOn(deployment, request));
    }

    /** One attempt on one deployment. */
    public RerankResponse rerankOn(Deployment deployment, RerankRequest request) {
        RerankAdapter adapter = providers.rerankers(deployment.provider())
                .orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST, "Model '" + request.model()
                        + "' does not support rerank.", "model", "unsupported_operation"));
        return attempts.other(deployment, "rerank", () -> {
            UpstreamResponse response = upstream.send(adapter.toProviderRequest(request, deployment),
                    deployment.timeout());
            if (!response.successful()) {
                throw adapter.toGatewayException(response, deployment);
            }
            return adapter.fromProviderResponse(response, request, deployment);
        });
    }
}
