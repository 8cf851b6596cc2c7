package io.switchboard.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The signer wiring, checked against a verifier written here from AWS's canonical-request rules (reference §3.3),
 * independent of the SDK: service {@code bedrock}, the raw path's segments URI-encoded again (so the model id's
 * {@code %3A} signs as {@code %253A}), sorted lower-case signed headers, the body's SHA-256, the HMAC key chain.
 */
class BedrockSigV4Test {
    private static final Pattern AUTH = Pattern.compile("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/bedrock/"
            + "aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})");
    private static final String SECRET = BedrockAdapterTest.KEYS.get("aws_secret_access_key");

    @Test
    void signatureFollowsAwsCanonicalRulesForModelIdsWithColons() throws Exception {
        Map<String, String> params = new HashMap<>(BedrockAdapterTest.KEYS);
        params.put("aws_session_token", "FwoGZXIvYXdzEXAMPLETOKEN");
        Deployment d = BedrockAdapterTest.deployment("us.anthropic.claude-sonnet-4-20250514-v1:0", null, false, params);
        UpstreamRequest r = new BedrockAdapter(Clock.fixed(BedrockAdapterTest.NOW, ZoneOffset.UTC)).toProviderRequest(
                ChatRequestReader.read(new ObjectMapper().readTree(
                        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), d);

        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(r.headers());
        assertFalse(headers.containsKey("Host"), "the JDK client sets Host itself; it is restricted there");
        assertEquals("20261123T225213Z", headers.get("x-amz-date"));
        assertEquals("FwoGZXIvYXdzEXAMPLETOKEN", headers.get("x-amz-security-token"));
        Matcher m = AUTH.matcher(headers.get("Authorization"));
        assertTrue(m.matches(), headers.get("Authorization"));
        assertEquals("AKIDEXAMPLE", m.group(1));
        assertEquals("eu-west-1", m.group(3));
        List<String> signed = List.of(m.group(4).split(";"));
        assertTrue(signed.containsAll(List.of("host", "x-amz-date", "x-amz-security-token", "content-type")), signed.toString());

        headers.put("host", r.uri().getHost());
        assertEquals(expectedSignature(r, headers, signed), m.group(5));
    }

    private static String expectedSignature(UpstreamRequest r, Map<String, String> headers, List<String> signed)
            throws Exception {
        List<String> segments = new ArrayList<>();
        for (String segment : r.uri().getRawPath().split("/", -1)) {
            segments.add(encode(segment)); // non-S3 services encode each (already encoded) segment again
        }
        String canonicalUri = String.join("/", segments);
        assertTrue(canonicalUri.contains("v1%253A0"), canonicalUri);
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signed) {
            canonicalHeaders.append(name).append(':').append(headers.get(name).trim()).append('\n');
        }
        String canonical = "POST\n" + canonicalUri + "\n\n" + canonicalHeaders + "\n" + String.join(";", signed) + "\n"
                + hex(sha256(r.body()));
        String date = headers.get("x-amz-date");
        String scope = date.substring(0, 8) + "/eu-west-1/bedrock/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n"
                + hex(sha256(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        for (String part : List.of("eu-west-1", "bedrock", "aws4_request")) {
            key = hmac(key, part);
        }
        return hex(hmac(key, toSign));
    }

    /** RFC 3986 unreserved characters stay; every other byte is %XX (upper case), as SigV4 specifies. */
    private static String encode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 128 || "-_.~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
