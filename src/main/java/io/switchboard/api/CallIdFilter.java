package io.switchboard.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Gives every call an id, returned as {@code x-litellm-call-id} (LiteLLM's header) on every
 * response, errors included, so a client's report can be matched to the gateway's logs.
 */
@Provider
@PreMatching
public class CallIdFilter implements ContainerRequestFilter, ContainerResponseFilter {
    static final String CALL_ID = "io.switchboard.call-id";
    static final String STARTED = "io.switchboard.call-started";
    static final String HEADER = "x-litellm-call-id";

    @Override
    public void filter(ContainerRequestContext request) {
        stamp(request::setProperty);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(CALL_ID);
        if (id != null) {
            response.getHeaders().putSingle(HEADER, id);
        }
    }

    /** Gives a request its start time and a new call id, through {@code attributes}; returns the id. */
    static String stamp(BiConsumer<String, Object> attributes) {
        String id = UUID.randomUUID().toString();
        attributes.accept(STARTED, Instant.now());
        attributes.accept(CALL_ID, id);
        return id;
    }
}
