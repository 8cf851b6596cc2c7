package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.chat.ChatGateway;
import io.switchboard.chat.ChatJsonWriter;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.Usage;
import io.switchboard.routing.Routed;
import io.switchboard.spend.CallAdmission;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/**
 * {@code POST /v1/chat/completions}, and LiteLLM's {@code /chat/completions}: JSON, or SSE when the
 * body says {@code "stream": true}.
 */
@WebServlet(urlPatterns = {"/v1/chat/completions", "/chat/completions"}, loadOnStartup = 1)
public class ChatCompletionsServlet extends ModelRouteServlet {
    @Inject
    ChatGateway gateway;

    @Inject
    CallAdmission admission;

    @Override
    Answer serve(HttpServletRequest http) {
        CallInProgress call = begin(http, "chat.completions");
        ChatRequest request = ChatRequestReader.read(body(http));
        call.requested(request.model(), request.stream());
        admission.admitChat(call, request, http::getHeader);
        if (request.stream()) {
            return Answer.eventStream(gateway.openStream(call.caller(), request), ChatJsonWriter::writeChunk, call);
        }
        Routed<ChatResponse> routed = gateway.complete(call.caller(), request);
        var headers = CallRecords.answered(call, routed, Usage.counts(routed.value().usage()));
        return Answer.json(g -> ChatJsonWriter.writeResponse(g, routed.value()), headers);
    }
}
