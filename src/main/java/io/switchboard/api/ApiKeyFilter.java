package io.switchboard.api;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.AllowedRoutes;
import io.switchboard.access.Caller;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;

/**
 * Lets a request reach its resource only with the caller {@link KeyAuthenticationMechanism}
 * established (Jakarta Security authenticates; this decides who needs to have been). Runs after
 * matching, so it knows the resource: classes marked {@link PublicEndpoint} (health probes) are
 * public. A refusal is a 401 in OpenAI's error shape, with the reason the mechanism found; a key
 * whose {@code allowed_routes} leave this route out gets a 403 ({@link AllowedRoutes}).
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter {
    public static final String CALLER = "io.switchboard.caller";

    private static final Logger LOG = Logger.getLogger(ApiKeyFilter.class.getName());
    private static volatile boolean warnedMissingMechanism;

    @Context
    ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        Class<?> matched = resource.getResourceClass();
        if (matched != null && matched.isAnnotationPresent(PublicEndpoint.class)) {
            return;
        }
        GatewayException refusal = refusal(request.getProperty(CALLER), request.getProperty(
                KeyAuthenticationMechanism.REFUSAL), request.getUriInfo().getPath());
        if (refusal != null) {
            request.abortWith(GatewayExceptionMapper.render(refusal, request.getUriInfo().getPath()));
        }
    }

    /**
     * Why a request that is not public may not reach {@code route}, or null if it may: what the
     * authentication mechanism left on the request, {@code caller} or {@code refusal}, and the key's
     * {@code allowed_routes}.
     */
    static GatewayException refusal(Object caller, Object refusal, String route) {
        if (caller instanceof Caller known) {
            if (known.key() != null && !AllowedRoutes.allows(known.key().allowedRoutes(), route)) {
                return new GatewayException(ErrorKind.PERMISSION, "This key is not allowed to call this route."
                        + " Its allowed_routes: " + known.key().allowedRoutes() + ".", null, "route_not_allowed");
            }
            return null;
        }
        return refusal instanceof GatewayException e ? e : mechanismMissing();
    }

    /**
     * Neither a caller nor a refusal: the container never ran the mechanism, which happens only on a
     * server without Liberty's {@code appSecurity-5.0} feature. Refuse rather than let anyone in.
     */
    private static GatewayException mechanismMissing() {
        if (!warnedMissingMechanism) {
            warnedMissingMechanism = true;
            LOG.severe("No API key authentication ran: enable the appSecurity-5.0 feature in server.xml."
                    + " Every authenticated route answers 503 until then.");
        }
        return new GatewayException(ErrorKind.UPSTREAM_UNAVAILABLE, "Authentication is not available on this"
                + " server.", null, "authentication_unavailable");
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
