package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.Usage;
import io.switchboard.config.ActiveConfig;
import io.switchboard.messages.MessageJsonWriter;
import io.switchboard.messages.MessagesFit;
import io.switchboard.messages.MessagesRequestReader;
import io.switchboard.spend.CallAdmission;
import io.switchboard.messages.MessagesStreamEncoder;
import io.switchboard.messages.TokenCounter;
import io.switchboard.routing.ModelCatalog;
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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API as an entrance: {@code POST /v1/messages} (JSON, or Anthropic's SSE when the body
 * says {@code "stream": true}) and {@code POST /v1/messages/count_tokens}, served by any deployment of the
 * model group through the same gateway as {@code /v1/chat/completions}. Errors on these paths are in
 * Anthropic's shape (see {@link GatewayExceptionMapper}). Anthropic SDKs authenticate with
 * {@code x-api-key} (0.x) or {@code Authorization: Bearer} (1.x, anthropic-java 3.x); both are accepted,
 * as is any {@code anthropic-version}.
 */
@Path("/")
@ApplicationScoped
public class MessagesResource {
    /**
     * The current request, through RESTEasy's proxy made once for this singleton: as a method parameter it
     * built a new proxy by reflection on every call (1% of the CPU per proxied request in the issue 7 profile).
     */
    @Context
    HttpServletRequest http;

    @Inject
    ChatGateway gateway;

    @Inject
    ActiveConfig config;

    @Inject
    ModelCatalog catalog;

    @Inject
    CompletedCalls calls;

    @Inject
    CallAdmission admission;

    @POST
    @Path("v1/messages")
    public Response create(InputStream body, @HeaderParam("Content-Type") String contentType,
                           @HeaderParam("Content-Length") String contentLength) {
        CallInProgress call = CallRecords.begin(http, calls, "messages");
        ChatRequest request = MessagesRequestReader.read(
                JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes()));
        call.requested(request.model(), request.stream());
        admission.admitChat(call, request, http::getHeader);
        if (request.stream()) {
            Routed<ChatStream> routed = gateway.openStream(call.caller(), request, MessagesFit.INSTANCE);
            return Responses.eventStream(routed, withRequestId(routed.headers(call.started()), http),
                    out -> new MessagesStreamEncoder(out, request.model()), call);
        }
        Routed<ChatResponse> routed = gateway.complete(call.caller(), request, MessagesFit.INSTANCE);
        Map<String, String> headers = CallRecords.answered(call, routed, Usage.counts(routed.value().usage()));
        return Responses.json(g -> MessageJsonWriter.writeMessage(g, routed.value()), withRequestId(headers, http));
    }

    @POST
    @Path("messages")
    public Response createUnversioned(InputStream body, @HeaderParam("Content-Type") String contentType,
                                      @HeaderParam("Content-Length") String contentLength) {
        return create(body, contentType, contentLength);
    }

    /** {@code {"input_tokens": n}}: a local estimate (see {@link TokenCounter}); no provider is called. */
    @POST
    @Path("v1/messages/count_tokens")
    public Response countTokens(InputStream body, @HeaderParam("Content-Type") String contentType,
                                @HeaderParam("Content-Length") String contentLength) {
        ChatRequest request = MessagesRequestReader.readForCounting(
                JsonBody.read(body, contentType, contentLength, config.maxRequestBodyBytes()));
        if (!catalog.isKnown(request.model())) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "model: '" + request.model() + "' is not a model of"
                    + " this gateway.", "model", "model_not_found");
        }
        int tokens = TokenCounter.inputTokens(request);
        return Responses.json(g -> {
            g.writeStartObject();
            g.writeNumberField("input_tokens", tokens);
            g.writeEndObject();
        }, withRequestId(Map.of(), http));
    }

    @POST
    @Path("messages/count_tokens")
    public Response countTokensUnversioned(InputStream body, @HeaderParam("Content-Type") String contentType,
                                           @HeaderParam("Content-Length") String contentLength) {
        return countTokens(body, contentType, contentLength);
    }

    /** Anthropic's SDKs take a response's request id from {@code request-id}: the gateway's call id. */
    private static Map<String, String> withRequestId(Map<String, String> headers, HttpServletRequest http) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        Object callId = http.getAttribute(CallIdFilter.CALL_ID);
        if (callId != null) {
            all.put("request-id", callId.toString());
        }
        return all;
    }

    /** True for the paths whose errors are written in Anthropic's shape. */
    static boolean isMessagesPath(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return p.equals("v1/messages") || p.startsWith("v1/messages/") || p.equals("messages")
                || p.startsWith("messages/");
    }
}
