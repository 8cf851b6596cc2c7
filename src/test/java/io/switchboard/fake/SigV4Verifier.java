package io.switchboard.fake;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Verifies a SigV4 {@code Authorization} header the way AWS does (reference §3.3): the credential scope must name
 * a known access key, today's date, the expected region and the service ({@code bedrock}, or {@code sts});
 * {@code host} and {@code x-amz-date} must be signed; the date must be within five minutes; a session token must be signed and
 * match; and the signature is recomputed with the AWS SDK's own signer over the request exactly as received (the
 * raw path, so a model id's {@code %3A} is encoded again in the canonical URI, the signed headers' values, the
 * body's hash). Returns null when the request is authentic, else the AWS error name and message to answer with.
 */
final class SigV4Verifier {
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,\\s*"
                    + "SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    record Rejection(String type, String message) {
    }

    record Credentials(String accessKeyId, String secret, String sessionToken) {
    }

    private SigV4Verifier() {
    }

    static Rejection verify(RecordedRequest request, byte[] body, Map<String, Credentials> keys, String region) {
        return verify(request, body, keys, region, "bedrock");
    }

    /** As AWS verifies a call to {@code service} ({@code bedrock}, {@code sts}). */
    static Rejection verify(RecordedRequest request, byte[] body, Map<String, Credentials> keys, String region,
                            String service) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return new Rejection("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        Matcher m = AUTHORIZATION.matcher(authorization);
        if (!m.matches()) {
            return new Rejection("IncompleteSignatureException", "Authorization header requires 'Credential',"
                    + " 'Signature' and 'SignedHeaders' parameters.");
        }
        Credentials credentials = keys.get(m.group(1));
        if (credentials == null) {
            return new Rejection("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (!m.group(4).equals(service)) {
            return new Rejection("InvalidSignatureException", "Credential should be scoped to correct service: '"
                    + service + "'.");
        }
        if (!m.group(3).equals(region)) {
            return new Rejection("InvalidSignatureException", "Credential should be scoped to a valid region.");
        }
        List<String> signed = Arrays.asList(m.group(5).split(";"));
        if (!signed.contains("host") || !signed.contains("x-amz-date")) {
            return new Rejection("InvalidSignatureException", "'Host' and 'X-Amz-Date' must be signed.");
        }
        Instant date;
        try {
            date = Instant.from(AMZ_DATE.parse(request.header("x-amz-date")));
        } catch (DateTimeParseException | NullPointerException e) {
            return new Rejection("IncompleteSignatureException", "X-Amz-Date is missing or malformed.");
        }
        if (Duration.between(date, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) > 0
                || !m.group(2).equals(request.header("x-amz-date").substring(0, 8))) {
            return new Rejection("InvalidSignatureException", "Signature expired.");
        }
        String token = request.header("x-amz-security-token");
        if (credentials.sessionToken() != null && (token == null || !signed.contains("x-amz-security-token")
                || !token.equals(credentials.sessionToken()))) {
            return new Rejection("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        String expected = signature(request, body, credentials, signed, service, m.group(3), date);
        return expected.equals(m.group(6)) ? null : new Rejection("InvalidSignatureException", "The request signature"
                + " we calculated does not match the signature you provided. Check your AWS Secret Access Key and"
                + " signing method.");
    }

    private static String signature(RecordedRequest request, byte[] body, Credentials credentials, List<String> signed,
                                    String service, String region, Instant date) {
        SdkHttpRequest.Builder http = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(request.method()))
                .uri(URI.create("http://" + request.header("Host") + request.pathAndQuery()));
        for (String name : signed) {
            if (!name.equals("host") && !name.equals("x-amz-date") && !name.equals("x-amz-security-token")) {
                http.putHeader(name, request.headers().getOrDefault(name, List.of()));
            }
        }
        AwsCredentialsIdentity identity = credentials.sessionToken() == null
                ? AwsCredentialsIdentity.create(credentials.accessKeyId(), credentials.secret())
                : AwsSessionCredentialsIdentity.create(credentials.accessKeyId(), credentials.secret(),
                credentials.sessionToken());
        String authorization = AwsV4HttpSigner.create().sign(r -> r
                .identity(identity)
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(date, ZoneOffset.UTC)))
                .request().firstMatchingHeader("Authorization").orElse("");
        int at = authorization.indexOf("Signature=");
        return at < 0 ? "" : authorization.substring(at + "Signature=".length());
    }
}
