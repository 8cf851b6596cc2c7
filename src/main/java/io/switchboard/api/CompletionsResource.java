package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.Usage;
import io.switchboard.completion.CompletionGateway;
import io.switchboard.completion.CompletionJsonWriter;
import io.switchboard.completion.CompletionRequest;
import io.switchboard.completion.CompletionRequestReader;
import io.switchboard.config.ActiveConfig;
import io.switchboard.spend.CallAdmission;
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

/** {@code POST /v1/completions}: OpenAI's legacy text completions, JSON or SSE. */
@Path("/")
@ApplicationScoped
public class CompletionsResource {
    /**
     * The current request, through RESTEasy's proxy made once for this singleton: as a method parameter it
     * built a new proxy by reflection on every call (1% of the CPU per proxied request in the issue 7 profile).
     */
    @Context
    HttpServletRequest http;

    @Inject
    CompletionGateway gateway;

    @Inject
    ActiveConfig config;

    @Inject
    CompletedCalls calls;

    @Inject
    CallAdmission admission;

    @POST
    @Path("v1/completions")
    public Response create(InputStream body, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String contentLength) {
        CallInProgress call = CallRecords.begin(http, calls, "completions");
        CompletionRequest request = CompletionRequestReader.read(
                JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes()));
        call.requested(request.model(), request.stream());
        admission.admitCompletion(call, request.model(), request.body(), http::getHeader);
        if (request.stream()) {
            return Responses.eventStream(gateway.openStream(call.caller(), request),
                    CompletionJsonWriter::writeChunk, call);
        }
        Routed<ChatResponse> routed = gateway.complete(call.caller(), request);
        var headers = CallRecords.answered(call, routed, Usage.counts(routed.value().usage()));
        return Responses.json(g -> CompletionJsonWriter.writeResponse(g, routed.value()), headers);
    }

    @POST
    @Path("completions")
    public Response createUnversioned(InputStream body, @HeaderParam("Content-Type") String contentType,
                                      @HeaderParam("Content-Length") String contentLength) {
        return create(body, contentType, contentLength);
    }
}
