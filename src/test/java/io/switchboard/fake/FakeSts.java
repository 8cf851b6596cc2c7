package io.switchboard.fake;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fake AWS STS on 127.0.0.1 speaking the Query API (docs.aws.amazon.com/STS/latest/APIReference): a form POST to
 * {@code /} with {@code Action}, {@code Version=2011-06-15}, {@code RoleArn} and {@code RoleSessionName}.
 * <ul>
 * <li>{@code AssumeRole} must carry a SigV4 signature for the service {@code sts} by a known caller, verified by
 * {@link SigV4Verifier}; {@code AssumeRoleWithWebIdentity} is unsigned and needs a known
 * {@code WebIdentityToken} for that role.</li>
 * <li>{@code RoleSessionName} must match {@code [\w+=,.@-]{2,64}}; {@code ExternalId}, when a role requires one,
 * must match.</li>
 * <li>Answers are the documented XML, {@code <Credentials>} with {@code AccessKeyId}, {@code SecretAccessKey},
 * {@code SessionToken} and {@code Expiration}; refusals the {@code <ErrorResponse>} XML with STS's codes
 * ({@code AccessDenied}, {@code InvalidIdentityToken}, {@code MissingParameter}, {@code SignatureDoesNotMatch}).</li>
 * </ul>
 */
public final class FakeSts extends FakeProviderServer {
    private static final String NS = "https://sts.amazonaws.com/doc/2011-06-15/";

    /** What assuming {@code roleArn} hands out, valid for {@code lifetime}. */
    public record Role(String roleArn, SigV4Verifier.Credentials issued, Duration lifetime, String externalId) {
    }

    private final String region;
    private final Map<String, SigV4Verifier.Credentials> callers = new ConcurrentHashMap<>();
    private final Map<String, Role> roles = new ConcurrentHashMap<>();
    private final Map<String, String> webIdentityTokens = new ConcurrentHashMap<>();
    private final AtomicInteger issued = new AtomicInteger();

    private FakeSts(String region) {
        super(0);
        this.region = region;
    }

    public static FakeSts start(String region) {
        FakeSts fake = new FakeSts(region);
        fake.listen();
        return fake;
    }

    /** Accept AssumeRole calls signed by this access key. */
    public FakeSts caller(String accessKeyId, String secret) {
        callers.put(accessKeyId, new SigV4Verifier.Credentials(accessKeyId, secret, null));
        return this;
    }

    /** Assuming {@code roleArn} issues these temporary keys; {@code externalId} required when not null. */
    public FakeSts role(String roleArn, String keyId, String secret, String token, Duration lifetime, String externalId) {
        roles.put(roleArn, new Role(roleArn, new SigV4Verifier.Credentials(keyId, secret, token), lifetime, externalId));
        return this;
    }

    /** Accept this web identity token for {@code roleArn}. */
    public FakeSts webIdentity(String token, String roleArn) {
        webIdentityTokens.put(token, roleArn);
        return this;
    }

    /** How many sets of temporary credentials were handed out. */
    public int credentialsIssued() {
        return issued.get();
    }

    @Override
    protected void addProviderHeaders(Headers headers, int requestNumber) {
        headers.set("x-amzn-RequestId", "c6104cbe-0000-4000-8000-" + String.format("%012d", requestNumber));
    }

    @Override
    protected void handle(HttpExchange exchange, RecordedRequest request) throws IOException {
        String contentType = request.header("Content-Type");
        if (!request.method().equals("POST") || !request.path().equals("/") || contentType == null
                || !contentType.startsWith("application/x-www-form-urlencoded")) {
            error(exchange, 400, "InvalidAction", "Could not find operation for this request.");
            return;
        }
        Map<String, String> form = request.form();
        String action = form.getOrDefault("Action", "");
        if (!"2011-06-15".equals(form.get("Version"))) {
            error(exchange, 400, "InvalidParameterValue", "Version must be 2011-06-15.");
            return;
        }
        for (String required : action.equals("AssumeRoleWithWebIdentity")
                ? new String[] {"RoleArn", "RoleSessionName", "WebIdentityToken"} : new String[] {"RoleArn", "RoleSessionName"}) {
            if (form.get(required) == null) {
                error(exchange, 400, "MissingParameter", "The request must contain the parameter " + required + ".");
                return;
            }
        }
        if (!form.get("RoleSessionName").matches("[\\w+=,.@-]{2,64}")) {
            error(exchange, 400, "ValidationError", "1 validation error detected: Value at 'roleSessionName' failed"
                    + " to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*");
            return;
        }
        Role role = roles.get(form.get("RoleArn"));
        switch (action) {
            case "AssumeRole" -> {
                SigV4Verifier.Rejection rejection = SigV4Verifier.verify(request,
                        request.rawBody().getBytes(StandardCharsets.UTF_8), callers, region, "sts");
                if (rejection != null) {
                    error(exchange, 403, rejection.type().equals("InvalidSignatureException")
                            ? "SignatureDoesNotMatch" : "InvalidClientTokenId", rejection.message());
                } else if (role == null || (role.externalId() != null
                        && !role.externalId().equals(form.get("ExternalId")))) {
                    error(exchange, 403, "AccessDenied", "User is not authorized to perform: sts:AssumeRole on"
                            + " resource: " + form.get("RoleArn"));
                } else {
                    answer(exchange, action, role);
                }
            }
            case "AssumeRoleWithWebIdentity" -> {
                if (request.header("Authorization") != null) {
                    error(exchange, 400, "InvalidParameterValue", "AssumeRoleWithWebIdentity is not signed.");
                } else if (role == null || !role.roleArn().equals(webIdentityTokens.get(form.get("WebIdentityToken")))) {
                    error(exchange, 400, "InvalidIdentityToken", "The web identity token that was passed could not"
                            + " be validated by AWS.");
                } else {
                    answer(exchange, action, role);
                }
            }
            default -> error(exchange, 400, "InvalidAction", "Could not find operation " + action + ".");
        }
    }

    private void answer(HttpExchange exchange, String action, Role role) throws IOException {
        issued.incrementAndGet();
        SigV4Verifier.Credentials keys = role.issued();
        String xml = "<" + action + "Response xmlns=\"" + NS + "\">\n  <" + action + "Result>\n    <Credentials>\n"
                + "      <AccessKeyId>" + keys.accessKeyId() + "</AccessKeyId>\n"
                + "      <SecretAccessKey>" + keys.secret() + "</SecretAccessKey>\n"
                + "      <SessionToken>" + keys.sessionToken() + "</SessionToken>\n"
                + "      <Expiration>" + Instant.now().plus(role.lifetime()).truncatedTo(ChronoUnit.SECONDS)
                + "</Expiration>\n    </Credentials>\n    <AssumedRoleUser>\n"
                + "      <Arn>" + role.roleArn().replace(":role/", ":assumed-role/") + "/session</Arn>\n"
                + "      <AssumedRoleId>AROAFAKEROLEID:session</AssumedRoleId>\n    </AssumedRoleUser>\n"
                + "  </" + action + "Result>\n  <ResponseMetadata><RequestId>c6104cbe</RequestId></ResponseMetadata>\n"
                + "</" + action + "Response>";
        sendBody(exchange, 200, "text/xml", xml, Map.of());
    }

    private void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        String xml = "<ErrorResponse xmlns=\"" + NS + "\">\n  <Error>\n    <Type>Sender</Type>\n    <Code>" + code
                + "</Code>\n    <Message>" + message + "</Message>\n  </Error>\n  <RequestId>c6104cbe</RequestId>\n"
                + "</ErrorResponse>";
        sendBody(exchange, status, "text/xml", xml, Map.of());
    }
}
