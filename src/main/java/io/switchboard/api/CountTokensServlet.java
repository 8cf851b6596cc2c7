package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequest;
import io.switchboard.messages.MessagesRequestReader;
import io.switchboard.messages.TokenCounter;
import io.switchboard.routing.ModelCatalog;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;

/**
 * {@code POST /v1/messages/count_tokens}, Anthropic's: {@code {"input_tokens": n}}, a local estimate (see
 * {@link TokenCounter}); no provider is called and no call is recorded.
 */
@WebServlet(urlPatterns = {"/v1/messages/count_tokens", "/messages/count_tokens"}, loadOnStartup = 1)
public class CountTokensServlet extends ModelRouteServlet {
    @Inject
    ModelCatalog catalog;

    @Override
    Answer serve(HttpServletRequest http) {
        ChatRequest request = MessagesRequestReader.readForCounting(body(http));
        if (!catalog.isKnown(request.model())) {
            throw new GatewayException(ErrorKind.NOT_FOUND, "model: '" + request.model() + "' is not a model of"
                    + " this gateway.", "model", "model_not_found");
        }
        int tokens = TokenCounter.inputTokens(request);
        return Answer.json(g -> {
            g.writeStartObject();
            g.writeNumberField("input_tokens", tokens);
            g.writeEndObject();
        }, Map.of("request-id", (String) http.getAttribute(CallIdFilter.CALL_ID)));
    }
}
