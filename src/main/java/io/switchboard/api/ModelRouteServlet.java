package io.switchboard.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.call.CallInProgress;
import io.switchboard.call.CompletedCalls;
import io.switchboard.config.ActiveConfig;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The entrance of the model routes served by plain servlets instead of JAX-RS resources. These routes
 * have one method and one path each, read a JSON body and write JSON or SSE themselves, so they need
 * nothing RESTEasy's dispatch does per request (matching, provider lookup, filters, the response's
 * content negotiation), which was about a quarter of a proxied call's CPU in the issue 7 benchmark.
 *
 * <p>Around the call, everything the JAX-RS path does is done here, in the same order: a call id
 * ({@link CallIdFilter}), the method, the caller left by {@link KeyAuthenticationMechanism} and the
 * key's allowed routes ({@link ApiKeyFilter}), then any failure rendered by
 * {@link GatewayExceptionMapper}'s rules, so a client cannot tell which of the two served it.
 */
abstract class ModelRouteServlet extends HttpServlet {
    @Inject
    ActiveConfig config;

    @Inject
    CompletedCalls calls;

    /** Serves an authenticated POST: reads the body, runs the call, and returns what to write back. */
    abstract Answer serve(HttpServletRequest http);

    /** Begins the call's record; first thing, before the body is read, so unreadable bodies are counted too. */
    CallInProgress begin(HttpServletRequest http, String route) {
        return CallRecords.begin(http, calls, route);
    }

    /** The request's JSON body, within the configured size limit. */
    JsonNode body(HttpServletRequest http) {
        return JsonBody.read(http, config.maxRequestBodyBytes());
    }

    @Override
    protected void service(HttpServletRequest http, HttpServletResponse response) throws IOException {
        String callId = CallIdFilter.stamp(http::setAttribute);
        response.setHeader(CallIdFilter.HEADER, callId);
        try {
            if (!"POST".equals(http.getMethod())) {
                throw new GatewayException(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed on this path.", null,
                        "method_not_allowed");
            }
            GatewayException refusal = ApiKeyFilter.refusal(http.getAttribute(ApiKeyFilter.CALLER),
                    http.getAttribute(KeyAuthenticationMechanism.REFUSAL), http.getServletPath());
            if (refusal != null) {
                throw refusal;
            }
            serve(http).writeTo(response);
        } catch (IOException clientGone) {
            // The client closed the connection mid-answer: nobody is left to tell. A stream's call was
            // recorded as disconnected when its pipe ended.
        } catch (RuntimeException | Error failure) {
            // Errors too, as the JAX-RS exception mapper takes every Throwable: a StackOverflowError from a
            // hostile body must still be OpenAI's 500 with the call recorded, never the container's error page.
            fail(http, response, callId, failure);
        }
    }

    private static void fail(HttpServletRequest http, HttpServletResponse response, String callId,
                             Throwable failure) throws IOException {
        GatewayException error = GatewayExceptionMapper.toGatewayException(failure);
        CallInProgress call = CallRecords.of(http);
        if (call != null) {
            call.failed(error);
        }
        if (response.isCommitted()) {
            return; // the answer has begun: a stream reports its failure as its last event
        }
        response.reset();
        response.setHeader(CallIdFilter.HEADER, callId);
        response.setStatus(error.kind().status());
        response.setContentType("application/json");
        GatewayExceptionMapper.headers(error).forEach(response::setHeader);
        byte[] body = GatewayExceptionMapper.body(error, http.getServletPath()).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
