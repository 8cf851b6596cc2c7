package io.switchboard.api;

import io.switchboard.GatewayException;
import io.switchboard.access.AllowedRoutes;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.access.Caller;
import io.switchboard.access.UserRole;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Set;

/**
 * Jakarta Security's entrance for API keys: the container calls it on every request, before any
 * servlet or resource, with the headers OpenAI's, Anthropic's and LiteLLM's clients send the key in.
 * A valid key's {@link Caller} is left on the request; on the admin routes the key also becomes the
 * container's caller (so {@code getUserPrincipal()} and {@code isUserInRole("proxy_admin")} answer
 * for it), see {@link #administers}.
 *
 * <p>A missing or refused key is not answered here: the refusal is left on the request and
 * {@link ApiKeyFilter} turns it into a 401 once JAX-RS knows which resource was matched (on the model
 * routes served by servlets, {@link ModelRouteServlet} does, with the same rules). Health
 * probes are public, and deciding that by the matched resource rather than by the text of a path
 * means no spelling of a path ({@code /health/%2e%2e/v1/models}) can borrow their exemption.
 *
 * <p>The principal's name is the key's public id, never the key or its hash; the groups are the
 * owning user's proxy role, so container-managed checks and audit records see the same role the
 * services check.
 */
@ApplicationScoped
public class KeyAuthenticationMechanism implements HttpAuthenticationMechanism {
    /** The {@link GatewayException} a presented key (or its absence) was refused with. */
    public static final String REFUSAL = "io.switchboard.authRefusal";
    /** The routes whose caller the container is told of (LiteLLM's route groups, see {@link AllowedRoutes}). */
    private static final List<String> ADMIN_ROUTES = List.of("management_routes", "spend_tracking_routes");

    @Inject
    ApiKeyAuthenticator authenticator;

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
            HttpMessageContext context) {
        Caller caller;
        try {
            caller = authenticator.authenticate(ApiKeyFilter.presentedKey(request::getHeader));
        } catch (GatewayException refused) {
            request.setAttribute(REFUSAL, refused);
            return context.doNothing();
        }
        request.setAttribute(ApiKeyFilter.CALLER, caller);
        if (caller.kind() == Caller.Kind.NO_AUTH_DEVELOPMENT || !administers(request)) {
            return context.doNothing();
        }
        return context.notifyContainerAboutLogin(principalName(caller), groups(caller));
    }

    /**
     * Whether the container should also know the caller: on the admin routes, yes. On the model routes
     * the key is authenticated all the same, but the container is not told: Liberty's login makes an
     * LTPA token credential for every call, measured at +650 µs of CPU per proxied request (a third of
     * the gateway's throughput, benchmark A/B in issue 7), and nothing on those routes uses a container
     * role. This chooses only who the container knows, never whether a key is checked.
     */
    static boolean administers(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && uri.startsWith(context) ? uri.substring(context.length()) : uri;
        return AllowedRoutes.allows(ADMIN_ROUTES, path);
    }

    static String principalName(Caller caller) {
        return caller.key() == null ? caller.label() : "key:" + caller.key().keyId();
    }

    static Set<String> groups(Caller caller) {
        if (caller.key() == null) {
            return Set.of(UserRole.PROXY_ADMIN.wire(), "master_key");
        }
        UserRole role = caller.key().userRole();
        return role == null ? Set.of("virtual_key") : Set.of("virtual_key", role.wire());
    }
}
