package io.switchboard.api;

import io.switchboard.cache.CallTypeCache;
import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.call.TokenCounts;
import io.switchboard.config.ActiveConfig;
import io.switchboard.spend.CallAdmission;
import io.switchboard.routing.Routed;
import io.switchboard.embedding.EmbeddingGateway;
import io.switchboard.embedding.EmbeddingJsonWriter;
import io.switchboard.embedding.EmbeddingRequest;
import io.switchboard.embedding.EmbeddingRequestReader;
import io.switchboard.embedding.EmbeddingResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code POST /v1/embeddings}: float or base64 vectors, as the client's {@code encoding_format} asks. */
@Path("/")
@ApplicationScoped
public class EmbeddingsResource {
    /**
     * The current request, through RESTEasy's proxy made once for this singleton: as a method parameter it
     * built a new proxy by reflection on every call (1% of the CPU per proxied request in the issue 7 profile).
     */
    @Context
    HttpServletRequest http;

    @Inject
    EmbeddingGateway gateway;

    @Inject
    ActiveConfig config;

    @Inject
    CompletedCalls calls;

    @Inject
    CallTypeCache cache;

    @Inject
    CallAdmission admission;

    @POST
    @Path("v1/embeddings")
    public Response create(InputStream body, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String contentLength) {
        CallInProgress call = CallRecords.begin(http, calls, "embeddings");
        EmbeddingRequest request = EmbeddingRequestReader.read(
                JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes()));
        call.requested(request.model(), false);
        admission.admitEmbedding(call, request.model(), request.input(), request.user(), http::getHeader);
        Routed<EmbeddingResponse> routed = cache.embeddings(call.caller(), request, r -> gateway.embed(call.caller(), r));
        var headers = CallRecords.answered(call, routed, new TokenCounts(routed.value().promptTokens(), 0, 0, 0));
        return Responses.json(g -> EmbeddingJsonWriter.write(g, routed.value(), request.base64()), headers);
    }

    @POST
    @Path("embeddings")
    public Response createUnversioned(InputStream body, @HeaderParam("Content-Type") String contentType,
                                      @HeaderParam("Content-Length") String contentLength) {
        return create(body, contentType, contentLength);
    }
}
