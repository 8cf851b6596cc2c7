package io.switchboard.provider.bedrock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.chat.ChatRequestReader;
import io.switchboard.fake.FakeSts;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.UpstreamClient;
import io.switchboard.provider.UpstreamRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Role assumption, web identity and profiles against {@link FakeSts}, which verifies AssumeRole's SigV4 signature
 * and answers with STS's XML: the Bedrock call is signed with the temporary keys, which are kept until shortly
 * before they expire.
 */
class AwsCredentialSourceTest {
    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-caller";
    private static final String BASE_KEY = "AKIABASECALLER000001";
    private static final String BASE_SECRET = "baseSECRETbaseSECRETbaseSECRET0000000001";
    private static final String TEMP_KEY = "ASIATEMPORARY0000001";
    private static final String TEMP_TOKEN = "FwoGZXIvYXdzTEMPORARYSESSIONTOKEN";

    @TempDir
    Path dir;
    private FakeSts sts;
    private final MutableClock clock = new MutableClock();

    @BeforeEach
    void start() {
        sts = FakeSts.start("us-east-1").caller(BASE_KEY, BASE_SECRET)
                .role(ROLE, TEMP_KEY, "tempSECRETtempSECRETtempSECRET00000001", TEMP_TOKEN, Duration.ofMinutes(7), null)
                .webIdentity("eyJhbGciOiJSUzI1NiJ9.web-identity.sig", ROLE);
    }

    @AfterEach
    void stop() {
        sts.close();
    }

    private Map<String, String> signedHeaders(Map<String, String> params, AwsCredentialSource source)
            throws Exception {
        Map<String, String> all = new HashMap<>(params);
        all.put("aws_region_name", "us-east-1");
        all.put("aws_sts_endpoint", sts.origin());
        Deployment d = BedrockAdapterTest.deployment("amazon.nova-pro-v1:0", null, false, all);
        UpstreamRequest request = new BedrockAdapter(clock).toProviderRequest(ChatRequestReader.read(new ObjectMapper()
                .readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")), d);
        assertNull(request.headers().get("Authorization"), "the adapter cannot sign before the role is assumed");
        assertEquals(AwsCredentialSource.SCHEME, request.credential().scheme());
        assertFalse(request.credential().toString().contains(ROLE));
        return source.authenticate(request);
    }

    private AwsCredentialSource source(Function<String, String> env) {
        return new AwsCredentialSource(new UpstreamClient(), clock, env);
    }

    @Test
    void anAssumedRoleSignsTheCallAndIsKeptUntilShortlyBeforeItExpires() throws Exception {
        AwsCredentialSource source = source(name -> null);
        Map<String, String> role = Map.of("aws_role_name", ROLE, "aws_session_name", "team-a",
                "aws_access_key_id", BASE_KEY, "aws_secret_access_key", BASE_SECRET);

        Map<String, String> headers = signedHeaders(role, source);
        assertTrue(headers.get("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=" + TEMP_KEY + "/"));
        assertTrue(headers.get("Authorization").contains("/us-east-1/bedrock/aws4_request"));
        assertEquals(TEMP_TOKEN, headers.get("X-Amz-Security-Token"));
        assertTrue(sts.lastRequest().rawBody().contains("RoleSessionName=team-a"));

        signedHeaders(role, source);
        assertEquals(1, sts.credentialsIssued(), "the second call reuses the assumed role");
        clock.advance(Duration.ofMinutes(3)); // 7-minute keys are refreshed 5 minutes before they expire
        signedHeaders(role, source);
        assertEquals(2, sts.credentialsIssued());
    }

    @Test
    void aWebIdentityTokenFileIsExchangedUnsigned() throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "eyJhbGciOiJSUzI1NiJ9.web-identity.sig\n");
        Map<String, String> headers = signedHeaders(Map.of("aws_role_name", ROLE, "aws_session_name", "web",
                "aws_web_identity_token", token.toString()), source(name -> null));

        assertTrue(headers.get("Authorization").contains("Credential=" + TEMP_KEY + "/"));
        assertTrue(sts.lastRequest().rawBody().contains("Action=AssumeRoleWithWebIdentity"));
        assertNull(sts.lastRequest().header("Authorization"));
    }

    @Test
    void profilesComeFromTheSharedFilesWithSessionTokensOrARoleToAssume() throws Exception {
        Path credentials = Files.writeString(dir.resolve("credentials"), """
                [default]
                aws_access_key_id = AKIADEFAULT000000000
                aws_secret_access_key = defaultSECRET
                # the profile a deployment names
                [bedrock-dev]
                aws_access_key_id = ASIAPROFILE000000001
                aws_secret_access_key = profileSECRET
                aws_session_token = profileTOKEN
                [base]
                aws_access_key_id = %s
                aws_secret_access_key = %s
                """.formatted(BASE_KEY, BASE_SECRET));
        Path config = Files.writeString(dir.resolve("config"), """
                [profile ops]
                role_arn = %s
                source_profile = base
                region = us-east-1
                """.formatted(ROLE));
        Function<String, String> env = Map.of("AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                "AWS_CONFIG_FILE", config.toString())::get;

        Map<String, String> direct = signedHeaders(Map.of("aws_profile_name", "bedrock-dev"), source(env));
        assertTrue(direct.get("Authorization").contains("Credential=ASIAPROFILE000000001/"));
        assertEquals("profileTOKEN", direct.get("X-Amz-Security-Token"));
        assertEquals(0, sts.credentialsIssued());

        Map<String, String> assumed = signedHeaders(Map.of("aws_profile_name", "ops"), source(env));
        assertTrue(assumed.get("Authorization").contains("Credential=" + TEMP_KEY + "/"));
        assertEquals(1, sts.credentialsIssued());

        GatewayException missing = assertThrows(GatewayException.class,
                () -> signedHeaders(Map.of("aws_profile_name", "nobody"), source(env)));
        assertEquals("upstream_credentials_invalid", missing.code());
    }

    @Test
    void aRefusedRoleIsA502ThatNamesNoHostRoleOrKey() {
        GatewayException e = assertThrows(GatewayException.class, () -> signedHeaders(Map.of(
                "aws_role_name", "arn:aws:iam::123456789012:role/not-allowed", "aws_access_key_id", BASE_KEY,
                "aws_secret_access_key", BASE_SECRET), source(name -> null)));
        assertEquals(ErrorKind.UPSTREAM_ERROR, e.kind());
        assertEquals("upstream_authentication_failed", e.code());
        for (String secret : new String[] {"127.0.0.1", "not-allowed", BASE_KEY, BASE_SECRET}) {
            assertFalse(e.getMessage().contains(secret), secret);
        }
        GatewayException wrongSecret = assertThrows(GatewayException.class, () -> signedHeaders(Map.of(
                "aws_role_name", ROLE, "aws_access_key_id", BASE_KEY, "aws_secret_access_key", "wrong"),
                source(name -> null)));
        assertEquals("upstream_authentication_failed", wrongSecret.code(), "STS verified the signature");
    }

    @Test
    void stsSignsInTheRegionItsHostNames() {
        assertEquals("eu-west-1", StsClient.signingRegion(java.net.URI.create("https://sts.eu-west-1.amazonaws.com"),
                "us-east-1"));
        assertEquals("eu-west-1", StsClient.signingRegion(java.net.URI.create(
                "https://vpce-0abc.sts.eu-west-1.vpce.amazonaws.com"), "us-east-1"));
        assertEquals("us-east-1", StsClient.signingRegion(java.net.URI.create("http://127.0.0.1:9000"), "us-east-1"));
    }

    /** Real time, moved forward on demand: STS checks signatures against its own clock. */
    private static final class MutableClock extends Clock {
        private Duration offset = Duration.ZERO;

        void advance(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
