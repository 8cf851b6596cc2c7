package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.call.TokenCounts;
import io.switchboard.rerank.RerankGateway;
import io.switchboard.rerank.RerankJsonWriter;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankRequestReader;
import io.switchboard.rerank.RerankResponse;
import io.switchboard.routing.Routed;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /v1/rerank} (also {@code /rerank} and Cohere's {@code /v2/rerank}, as LiteLLM serves it). */
@WebServlet(urlPatterns = {"/v1/rerank", "/rerank", "/v2/rerank"}, loadOnStartup = 1)
public class RerankServlet extends ModelRouteServlet {
    @Inject
    RerankGateway gateway;

    @Override
    Answer serve(HttpServletRequest http) {
        CallInProgress call = begin(http, "rerank");
        RerankRequest request = RerankRequestReader.read(body(http));
        call.requested(request.model(), false);
        Routed<RerankResponse> routed = gateway.rerank(call.caller(), request);
        CallRecords.answered(call, routed, TokenCounts.NONE);
        return Answer.json(g -> RerankJsonWriter.write(g, routed.value(), request, call.callId()),
                routed.headers(call.started()));
    }
}
