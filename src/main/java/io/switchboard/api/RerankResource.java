package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.call.TokenCounts;
import io.switchboard.config.ActiveConfig;
import io.switchboard.rerank.RerankGateway;
import io.switchboard.rerank.RerankJsonWriter;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankRequestReader;
import io.switchboard.rerank.RerankResponse;
import io.switchboard.routing.Routed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /v1/rerank} (also {@code /rerank} and Cohere's {@code /v2/rerank}, as LiteLLM serves it). */
@Path("/")
@ApplicationScoped
public class RerankResource {
    /**
     * The current request, through RESTEasy's proxy made once for this singleton: as a method parameter it
     * built a new proxy by reflection on every call (1% of the CPU per proxied request in the issue 7 profile).
     */
    @Context
    HttpServletRequest http;

    @Inject
    RerankGateway gateway;

    @Inject
    ActiveConfig config;

    @Inject
    CompletedCalls calls;

    @POST
    @Path("v1/rerank")
    public Response rerank(InputStream body, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String contentLength) {
        CallInProgress call = CallRecords.begin(http, calls, "rerank");
        RerankRequest request = RerankRequestReader.read(
                JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes()));
        call.requested(request.model(), false);
        Routed<RerankResponse> routed = gateway.rerank(call.caller(), request);
        CallRecords.answered(call, routed, TokenCounts.NONE);
        return Responses.json(g -> RerankJsonWriter.write(g, routed.value(), request, call.callId()),
                routed.headers(call.started()));
    }

    @POST
    @Path("rerank")
    public Response rerankUnversioned(InputStream body, @HeaderParam("Content-Type") String contentType,
                                      @HeaderParam("Content-Length") String contentLength) {
        return rerank(body, contentType, contentLength);
    }

    @POST
    @Path("v2/rerank")
    public Response rerankCohereVersion(InputStream body, @HeaderParam("Content-Type") String contentType,
                                        @HeaderParam("Content-Length") String contentLength) {
        return rerank(body, contentType, contentLength);
    }
}
