package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.messages.AnthropicErrorJson;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place that decides how failures are rendered, for the JAX-RS routes and the model-route
 * servlets alike: every error a client sees is OpenAI's error JSON (Anthropic's on its entrance) with
 * the status of its {@link ErrorKind}. Unexpected exceptions become a generic 500 whose body names
 * nothing internal; the details go to the server log only.
 */
@Provider
public class GatewayExceptionMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = Logger.getLogger(GatewayExceptionMapper.class.getName());

    @Context
    UriInfo uri;

    /** A failure on a JAX-RS route; the model-route servlets render theirs in {@link ModelRouteServlet}. */
    @Override
    public Response toResponse(Throwable failure) {
        return render(toGatewayException(failure), uri == null ? null : uri.getPath());
    }

    static Response render(GatewayException e) {
        return render(e, null);
    }

    /** The error in OpenAI's shape, or Anthropic's on the {@code /v1/messages} entrance, whose SDKs parse that. */
    static Response render(GatewayException e, String path) {
        Response.ResponseBuilder response = Response.status(e.kind().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body(e, path));
        headers(e).forEach(response::header);
        return response.build();
    }

    /** The error's JSON: Anthropic's shape on the {@code /v1/messages} entrance, OpenAI's everywhere else. */
    static String body(GatewayException e, String path) {
        return MessagesServlet.isMessagesPath(path) ? AnthropicErrorJson.json(e) : ErrorBody.json(e);
    }

    /** The headers an error is sent with: {@code Retry-After} in whole seconds when it has one, and its own. */
    static Map<String, String> headers(GatewayException e) {
        if (e.retryAfter() == null && e.headers().isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (e.retryAfter() != null) {
            headers.put("Retry-After", Long.toString(Math.max(1, (e.retryAfter().toMillis() + 999) / 1000)));
        }
        headers.putAll(e.headers());
        return headers;
    }

    static GatewayException toGatewayException(Throwable failure) {
        if (failure instanceof GatewayException e) {
            return e;
        }
        SQLException lost = connectionFailure(failure);
        if (lost != null) {
            // not the exception's text: a driver's message names the database host
            LOG.warning("A request failed because the database is unreachable (SQLState " + lost.getSQLState() + ")");
            return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "The gateway's database is unavailable;"
                    + " retry shortly.", null, "database_unavailable", Duration.ofSeconds(5));
        }
        if (failure instanceof NotFoundException) {
            return new GatewayException(ErrorKind.NOT_FOUND, "Unknown path.", null, "unknown_url");
        }
        if (failure instanceof NotAllowedException) {
            return new GatewayException(ErrorKind.METHOD_NOT_ALLOWED, "Method not allowed on this path.", null,
                    "method_not_allowed");
        }
        if (failure instanceof NotSupportedException) {
            return new GatewayException(ErrorKind.UNSUPPORTED_MEDIA_TYPE,
                    "Unsupported Content-Type: send application/json.", null, "unsupported_media_type");
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            return new GatewayException(ErrorKind.INVALID_REQUEST, "The request could not be processed.", null,
                    "invalid_request");
        }
        LOG.log(Level.SEVERE, "Unexpected failure while serving a request", failure);
        return new GatewayException(ErrorKind.INTERNAL, "The gateway failed to process the request.", null,
                "internal_error");
    }

    /**
     * The connection failure behind {@code failure}, if that is what it is (SQLState class 08, however
     * JPA or the driver wrapped it): the database being down is a 503 to retry, not the gateway's bug.
     * Other database errors (constraints, syntax) stay internal errors.
     */
    static SQLException connectionFailure(Throwable failure) {
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return sql;
            }
        }
        return null;
    }
}
