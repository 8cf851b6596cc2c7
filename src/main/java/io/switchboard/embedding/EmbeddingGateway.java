package io.switchboard.embedding;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.Caller;
import io.switchboard.access.EndUserRouting;
import io.switchboard.access.ModelAccess;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.EmbeddingAdapter;
import io.switchboard.provider.ProviderRegistry;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.telemetry.UpstreamAttempts;
import io.switchboard.provider.UpstreamResponse;
import io.switchboard.routing.CallOptions;
import io.switchboard.routing.Routed;
import io.switchboard.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** The steps of an embeddings call: route, call the provider in its dialect, read the vectors back. */
@ApplicationScoped
public class EmbeddingGateway {
    @Inject
    Router router;

    @Inject
    ProviderRegistry providers;

    @Inject
    UpstreamClient upstream;

    @Inject
    UpstreamAttempts attempts;

    @Inject
    EndUserRouting endUser;

    public Routed<EmbeddingResponse> embed(Caller caller, EmbeddingRequest request) {
        ModelAccess.require(caller, request.model());
        return router.execute(request.model(), CallOptions.NONE.inRegion(endUser.modelRegion(), endUser.defaultModel()),
                deployment -> embedOn(deployment, request));
    }

    /** One attempt of an embedding call on one deployment, in as many upstream calls as its provider needs. */
    public EmbeddingResponse embedOn(Deployment deployment, EmbeddingRequest request) {
        EmbeddingAdapter adapter = providers.embeddings(deployment.provider())
                .orElseThrow(() -> new GatewayException(ErrorKind.INVALID_REQUEST, "Model '" + request.model()
                        + "' does not support embeddings.", "model", "unsupported_operation"));
        List<EmbeddingRequest> batches = batches(request, adapter.maxInputsPerCall(deployment));
        if (batches.size() == 1) {
            return embedOn(adapter, deployment, request);
        }
        List<float[]> vectors = new ArrayList<>();
        int promptTokens = 0;
        int totalTokens = 0;
        for (EmbeddingRequest batch : batches) {
            EmbeddingResponse part = embedOn(adapter, deployment, batch);
            vectors.addAll(part.vectors());
            promptTokens += part.promptTokens();
            totalTokens += part.totalTokens();
        }
        return new EmbeddingResponse(batches.get(0).model(), vectors, promptTokens, totalTokens);
    }

    private EmbeddingResponse embedOn(EmbeddingAdapter adapter, Deployment deployment, EmbeddingRequest request) {
        return attempts.other(deployment, "embeddings", () -> {
            UpstreamResponse response = upstream.send(adapter.toProviderRequest(request, deployment),
                    deployment.timeout());
            if (!response.successful()) {
                throw adapter.toGatewayException(response, deployment);
            }
            return adapter.fromProviderResponse(response, request, deployment);
        });
    }

    /** The request cut into calls of at most {@code max} texts; anything but a list of texts goes whole. */
    static List<EmbeddingRequest> batches(EmbeddingRequest request, int max) {
        JsonNode input = request.input();
        if (input == null || !input.isArray() || input.size() <= max) {
            return List.of(request);
        }
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                return List.of(request); // token ids: the adapter decides whether it takes them
            }
        }
        List<EmbeddingRequest> batches = new ArrayList<>();
        for (int from = 0; from < input.size(); from += max) {
            ArrayNode slice = JsonNodeFactory.instance.arrayNode();
            for (int i = from; i < Math.min(input.size(), from + max); i++) {
                slice.add(input.get(i));
            }
            batches.add(new EmbeddingRequest(request.model(), slice, request.base64(), request.dimensions(),
                    request.user(), request.extra()));
        }
        return batches;
    }
}
