package io.switchboard.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Google's OAuth token endpoint for service accounts (developers.google.com/identity/protocols/oauth2/service-account,
 * "Making an access token request"), faithful enough that Google's auth library does its real JWT-bearer exchange
 * against it: {@code POST /token} with form fields {@code grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer}
 * and {@code assertion=<RS256 JWT>}. The JWT's signature is verified with the public half of an RSA key generated
 * here, and its claims checked ({@code iss} = the account's email, {@code aud} = Google's token URL, a {@code scope},
 * {@code exp} = {@code iat} + at most one hour). Valid assertions get
 * {@code {"access_token":"ya29.fake-<n>","expires_in":3599,"token_type":"Bearer"}}; anything else Google's
 * {@code {"error":"invalid_grant",…}} 400.
 */
public final class FakeGoogleOAuth implements AutoCloseable {
    /** The documented {@code aud} of every access-token assertion, whatever host the token request goes to. */
    static final String AUDIENCE = "https://oauth2.googleapis.com/token";
    public static final String CLIENT_EMAIL = "switchboard-test@fake-project.iam.gserviceaccount.com";

    private final HttpServer server;
    private final KeyPair keys;
    private final AtomicInteger issued = new AtomicInteger();
    private volatile String lastScope;

    private FakeGoogleOAuth() throws IOException, NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/token", this::token);
    }

    public static FakeGoogleOAuth start() {
        try {
            FakeGoogleOAuth fake = new FakeGoogleOAuth();
            fake.server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public String tokenUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    /** A service-account key file's JSON, as the Cloud console downloads it, whose {@code token_uri} is this fake. */
    public String serviceAccountJson() {
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        var json = FakeProviderServer.JSON.createObjectNode();
        json.put("type", "service_account");
        json.put("project_id", "fake-project");
        json.put("private_key_id", "0123456789abcdef");
        json.put("private_key", pem);
        json.put("client_email", CLIENT_EMAIL);
        json.put("client_id", "100000000000000000001");
        json.put("auth_uri", "https://accounts.google.com/o/oauth2/auth");
        json.put("token_uri", tokenUri());
        return json.toString();
    }

    /** How many tokens were issued (the library should cache them). */
    public int tokensIssued() {
        return issued.get();
    }

    /** The {@code scope} claim of the last valid assertion. */
    public String lastScope() {
        return lastScope;
    }

    /** The token the n-th (1-based) valid exchange returned. */
    public static String token(int n) {
        return "ya29.fake-" + n;
    }

    private void token(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = RecordedRequest.formFields(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String problem = !"POST".equals(exchange.getRequestMethod()) ? "method"
                    : !"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(form.get("grant_type")) ? "grant_type"
                    : verify(form.get("assertion"));
            String body;
            int status;
            if (problem == null) {
                status = 200;
                body = "{\"access_token\":\"" + token(issued.incrementAndGet()) + "\",\"expires_in\":3599,"
                        + "\"token_type\":\"Bearer\"}";
            } else {
                status = 400;
                body = "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT: " + problem + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** Null when the JWT is signed by our key and its claims are right, else what is wrong. */
    private String verify(String jwt) {
        if (jwt == null) {
            return "assertion";
        }
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "format";
        }
        try {
            JsonNode header = FakeProviderServer.JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = FakeProviderServer.JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initVerify(keys.getPublic());
            rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!"RS256".equals(header.path("alg").asText()) || !rs256.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return "signature";
            }
            if (!CLIENT_EMAIL.equals(claims.path("iss").asText()) || !AUDIENCE.equals(claims.path("aud").asText())) {
                return "iss/aud";
            }
            long lifetime = claims.path("exp").asLong() - claims.path("iat").asLong();
            if (lifetime <= 0 || lifetime > 3600 || claims.path("scope").asText().isEmpty()) {
                return "exp/scope";
            }
            lastScope = claims.path("scope").asText();
            return null;
        } catch (Exception e) {
            return "unreadable";
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
