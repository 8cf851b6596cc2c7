package io.switchboard.api;

import io.switchboard.cache.CallTypeCache;
import io.switchboard.call.CallInProgress;
import io.switchboard.call.TokenCounts;
import io.switchboard.embedding.EmbeddingGateway;
import io.switchboard.embedding.EmbeddingJsonWriter;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.embedding.EmbeddingResponse;
import io.switchboard.routing.Routed;
import io.switchboard.spend.CallAdmission;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /v1/embeddings}, and LiteLLM's {@code /embeddings}. */
@WebServlet(urlPatterns = {"/v1/embeddings", "/embeddings"}, loadOnStartup = 1)
public class EmbeddingsServlet extends ModelRouteServlet {
    @Inject
    EmbeddingGateway gateway;

    @Inject
    CallTypeCache cache;

    @Inject
    CallAdmission admission;

    @Override
    Answer serve(HttpServletRequest http) {
        CallInProgress call = begin(http, "embeddings");
        EmbeddingRequest request = EmbeddingRequestReader.read(body(http));
        call.requested(request.model(), false);
        admission.admitEmbedding(call, request.model(), request.input(), request.user(), http::getHeader);
        Routed<EmbeddingResponse> routed = cache.embeddings(call.caller(), request,
                r -> gateway.embed(call.caller(), r));
        var headers = CallRecords.answered(call, routed, new TokenCounts(routed.value().promptTokens(), 0, 0, 0));
        return Answer.json(g -> EmbeddingJsonWriter.write(g, routed.value(), request.base64()), headers);
    }
}
