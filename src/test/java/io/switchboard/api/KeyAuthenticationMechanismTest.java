package io.switchboard.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.access.ApiKeyAuthenticator;
import io.switchboard.access.Caller;
import io.switchboard.access.KeyIdentity;
import io.switchboard.access.Limits;
import io.switchboard.access.UserRole;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KeyAuthenticationMechanismTest {
    private static final Caller USER_KEY = Caller.of(new KeyIdentity("hash-never-shown", "key-123", "sk-...abcd",
            "svc", null, "u1", null, UserRole.INTERNAL_USER, List.of(), List.of(), List.of(), List.of(), Map.of(),
            List.of(), List.of(), List.of(), false, false, null, Limits.NONE, Limits.NONE, Limits.NONE, Limits.NONE));

    private final Map<String, Object> attributes = new HashMap<>();
    private final Map<String, String> headers = new HashMap<>();
    private final Map<String, Object> login = new HashMap<>();
    private String path = "/key/info";

    @Test
    void aValidKeyBecomesTheContainersCallerNamedByItsPublicId() {
        headers.put("Authorization", "Bearer sk-good");
        AuthenticationStatus status = mechanism(USER_KEY).validateRequest(request(), null, context());

        assertEquals(AuthenticationStatus.SUCCESS, status);
        assertEquals("key:key-123", login.get("name"));
        assertEquals(Set.of("virtual_key", "internal_user"), login.get("groups"));
        assertSame(USER_KEY, attributes.get(ApiKeyFilter.CALLER));
    }

    @Test
    void onTheModelRoutesTheKeyIsCheckedButTheContainerIsNotToldOfIt() {
        for (String route : List.of("/v1/chat/completions", "/chat/completions", "/v1/embeddings", "/v1/messages")) {
            path = route;
            attributes.clear();
            headers.put("Authorization", "Bearer sk-good");
            AuthenticationStatus status = mechanism(USER_KEY).validateRequest(request(), null, context());

            assertEquals(AuthenticationStatus.NOT_DONE, status, route);
            assertSame(USER_KEY, attributes.get(ApiKeyFilter.CALLER), route);
            assertEquals(Map.of(), login, route);
        }
    }

    @Test
    void theMasterKeyIsAProxyAdmin() {
        headers.put("x-api-key", "sk-master");
        mechanism(Caller.MASTER).validateRequest(request(), null, context());

        assertEquals("master-key", login.get("name"));
        assertEquals(Set.of("proxy_admin", "master_key"), login.get("groups"));
    }

    @Test
    void aRefusedKeyIsLeftForTheFilterAndNobodyLogsIn() {
        headers.put("api-key", "sk-wrong");
        GatewayException refusal = new GatewayException(ErrorKind.AUTHENTICATION, "Invalid API key.", null,
                "invalid_api_key");
        KeyAuthenticationMechanism mechanism = new KeyAuthenticationMechanism();
        mechanism.authenticator = new ApiKeyAuthenticator() {
            @Override
            public Caller authenticate(String presented) {
                assertEquals("sk-wrong", presented);
                throw refusal;
            }
        };

        AuthenticationStatus status = mechanism.validateRequest(request(), null, context());

        assertEquals(AuthenticationStatus.NOT_DONE, status);
        assertSame(refusal, attributes.get(KeyAuthenticationMechanism.REFUSAL));
        assertNull(attributes.get(ApiKeyFilter.CALLER));
        assertEquals(Map.of(), login);
    }

    @Test
    void developmentModeLetsTheCallThroughWithoutAContainerLogin() {
        AuthenticationStatus status = mechanism(Caller.UNAUTHENTICATED_DEVELOPMENT)
                .validateRequest(request(), null, context());

        assertEquals(AuthenticationStatus.NOT_DONE, status);
        assertSame(Caller.UNAUTHENTICATED_DEVELOPMENT, attributes.get(ApiKeyFilter.CALLER));
        assertEquals(Map.of(), login);
    }

    private static KeyAuthenticationMechanism mechanism(Caller answer) {
        KeyAuthenticationMechanism mechanism = new KeyAuthenticationMechanism();
        mechanism.authenticator = new ApiKeyAuthenticator() {
            @Override
            public Caller authenticate(String presented) {
                return answer;
            }
        };
        return mechanism;
    }

    private HttpServletRequest request() {
        return (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getHeader" -> headers.get((String) args[0]);
                    case "getRequestURI" -> path;
                    case "getContextPath" -> "";
                    case "getAttribute" -> attributes.get((String) args[0]);
                    case "setAttribute" -> attributes.put((String) args[0], args[1]);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private HttpMessageContext context() {
        return (HttpMessageContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpMessageContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "doNothing" -> AuthenticationStatus.NOT_DONE;
                    case "notifyContainerAboutLogin" -> {
                        login.put("name", args[0]);
                        login.put("groups", args[1]);
                        yield AuthenticationStatus.SUCCESS;
                    }
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
