package io.switchboard.api;

import io.switchboard.call.CallInProgress;
import io.switchboard.chat.ChatResponse;
import io.switchboard.chat.Usage;
import io.switchboard.completion.CompletionGateway;
import io.switchboard.completion.CompletionJsonWriter;
import io.switchboard.completion.CompletionRequest;
import io.switchboard.completion.CompletionRequestReader;
import io.switchboard.routing.Routed;
import io.switchboard.spend.CallAdmission;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;

/** {@code POST /v1/completions}, OpenAI's legacy text completions, and LiteLLM's {@code /completions}. */
@WebServlet(urlPatterns = {"/v1/completions", "/completions"}, loadOnStartup = 1)
public class CompletionsServlet extends ModelRouteServlet {
    @Inject
    CompletionGateway gateway;

    @Inject
    CallAdmission admission;

    @Override
    Answer serve(HttpServletRequest http) {
        CallInProgress call = begin(http, "completions");
        CompletionRequest request = CompletionRequestReader.read(body(http));
        call.requested(request.model(), request.stream());
        admission.admitCompletion(call, request.model(), request.body(), http::getHeader);
        if (request.stream()) {
            return Answer.eventStream(gateway.openStream(call.caller(), request), CompletionJsonWriter::writeChunk,
                    call);
        }
        Routed<ChatResponse> routed = gateway.complete(call.caller(), request);
        var headers = CallRecords.answered(call, routed, Usage.counts(routed.value().usage()));
        return Answer.json(g -> CompletionJsonWriter.writeResponse(g, routed.value()), headers);
    }
}
