package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.ChatStream;
import io.switchboard.chat.Usage;
import io.switchboard.messages.MessageJsonWriter;
import io.switchboard.messages.MessagesFit;
import io.switchboard.messages.MessagesRequestReader;
import io.switchboard.messages.MessagesStreamEncoder;
import io.switchboard.routing.Routed;
import io.switchboard.spend.CallAdmission;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Anthropic's Messages API as an entrance: {@code POST /v1/messages} (JSON, or Anthropic's SSE when the body
 * says {@code "stream": true}), served by any deployment of the model group through the same gateway as
 * {@code /v1/chat/completions}; {@link CountTokensServlet} serves {@code /v1/messages/count_tokens}. Errors on
 * these paths are in Anthropic's shape (see {@link GatewayExceptionMapper#body}). Anthropic SDKs authenticate
 * with {@code x-api-key} (0.x) or {@code Authorization: Bearer} (1.x, anthropic-java 3.x); both are accepted,
 * as is any {@code anthropic-version}.
 */
@WebServlet(urlPatterns = {"/v1/messages", "/messages"}, loadOnStartup = 1)
public class MessagesServlet extends ModelRouteServlet {
    @Inject
    ChatGateway gateway;

    @Inject
    CallAdmission admission;

    @Override
    Answer serve(HttpServletRequest http) {
        CallInProgress call = begin(http, "messages");
        ChatRequest request = MessagesRequestReader.read(body(http));
        call.requested(request.model(), request.stream());
        admission.admitChat(call, request, http::getHeader);
        if (request.stream()) {
            Routed<ChatStream> routed = gateway.openStream(call.caller(), request, MessagesFit.INSTANCE);
            return Answer.eventStream(routed, withRequestId(routed.headers(call.started()), call),
                    out -> new MessagesStreamEncoder(out, request.model()), call);
        }
        Routed<ChatResponse> routed = gateway.complete(call.caller(), request, MessagesFit.INSTANCE);
        Map<String, String> headers = CallRecords.answered(call, routed, Usage.counts(routed.value().usage()));
        return Answer.json(g -> MessageJsonWriter.writeMessage(g, routed.value()), withRequestId(headers, call));
    }

    /** Anthropic's SDKs take a response's request id from {@code request-id}: the gateway's call id. */
    private static Map<String, String> withRequestId(Map<String, String> headers, CallInProgress call) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("request-id", call.callId());
        return all;
    }

    /** True for the paths whose errors are written in Anthropic's shape. */
    static boolean isMessagesPath(String path) {
        String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        return p.equals("v1/messages") || p.startsWith("v1/messages/") || p.equals("messages")
                || p.startsWith("messages/");
    }
}
