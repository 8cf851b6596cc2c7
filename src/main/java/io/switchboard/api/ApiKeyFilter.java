package io.switchboard.api;

import io.switchboard.GatewayException;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.access.Caller;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.function.UnaryOperator;

/**
 * Authenticates every API call before its resource runs, from the headers OpenAI's and Anthropic's
 * SDKs and LiteLLM's clients use: {@code Authorization: Bearer}, {@code x-api-key}, {@code api-key}.
 * Runs after matching, so it knows the resource: classes marked {@link PublicEndpoint} (health
 * probes) are public. A refusal is a 401 in OpenAI's error shape.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    public static final String CALLER = "io.switchboard.caller";

    @Inject
    ApiKeyAuthenticator authenticator;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> matched = resource.getResourceClass();
        if (matched != null && matched.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        try {
            Caller caller = authenticator.authenticate(presentedKey(request::getHeaderString));
            request.setProperty(CALLER, caller);
        } catch (GatewayException e) {
            request.abortWith(GatewayExceptionMapper.render(e, request.getUriInfo().getPath()));
        }
    }

    /** The key from the first of the headers clients send it in, or null; {@code header} looks one up by name. */
    static String presentedKey(UnaryOperator<String> header) {
        String authorization = header.apply("Authorization");
        if (authorization != null) {
            String value = authorization.trim();
            if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return value.substring(7).trim();
            }
        }
        String key = header.apply("x-api-key");
        if (key == null) {
            key = header.apply("api-key");
        }
        return key == null ? null : key.trim();
    }
}
