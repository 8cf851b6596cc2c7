package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import io.switchboard.fake.FakeBedrock;
import io.switchboard.fake.FakeSts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bedrock deployments that call as an assumed role, a web identity or a named profile, end to end: the packaged
 * gateway in front of {@link FakeSts} (which verifies AssumeRole's SigV4 signature by the base keys) and
 * {@link FakeBedrock}, which accepts only the temporary keys STS hands out and the profile's keys, never the base
 * keys. The client is the official openai-java SDK.
 */
class BedrockCredentialsIT {
    private static final String MASTER_KEY = "sk-master-bedrock-creds-IT";
    private static final String NOVA = "amazon.nova-pro-v1:0";
    private static final String ROLE = "arn:aws:iam::123456789012:role/bedrock-caller";
    private static final String WEB_ROLE = "arn:aws:iam::123456789012:role/bedrock-web";
    private static final String BASE_KEY = "AKIABASECANARY000001";
    private static final String BASE_SECRET = "baseSECRETcanary0000000000000000000000001";
    private static final String ROLE_KEY = "ASIAROLECANARY000001";
    private static final String ROLE_SECRET = "roleSECRETcanary0000000000000000000000001";
    private static final String ROLE_TOKEN = "FwoGZXIvYXdzROLESESSIONCANARY";
    private static final String WEB_KEY = "ASIAWEBCANARY0000001";
    private static final String WEB_TOKEN = "FwoGZXIvYXdzWEBSESSIONCANARY";
    private static final String OIDC_TOKEN = "eyJhbGciOiJSUzI1NiJ9.oidc-canary.sig";
    private static final String PROFILE_KEY = "ASIAPROFILECANARY001";
    private static FakeSts sts;
    private static FakeBedrock bedrock;
    private static GatewayServer server;
    private static OpenAIClient client;
    private static Path files;

    @BeforeAll
    static void start() throws IOException {
        sts = FakeSts.start("us-east-1").caller(BASE_KEY, BASE_SECRET)
                .role(ROLE, ROLE_KEY, ROLE_SECRET, ROLE_TOKEN, Duration.ofHours(1), "ext-42")
                .role(WEB_ROLE, WEB_KEY, "webSECRETcanary00000000000000000000000001", WEB_TOKEN, Duration.ofHours(1), null)
                .webIdentity(OIDC_TOKEN, WEB_ROLE);
        bedrock = FakeBedrock.start(0, "us-east-1").model(NOVA)
                .credentials(ROLE_KEY, ROLE_SECRET, ROLE_TOKEN)
                .credentials(WEB_KEY, "webSECRETcanary00000000000000000000000001", WEB_TOKEN)
                .credentials(PROFILE_KEY, "profileSECRETcanary000000000000000000001", "profileTOKENcanary");
        files = Files.createTempDirectory("bedrock-credentials-it");
        Path token = Files.writeString(files.resolve("web-identity-token"), OIDC_TOKEN);
        Path credentials = Files.writeString(files.resolve("credentials"), """
                [bedrock-dev]
                aws_access_key_id = %s
                aws_secret_access_key = profileSECRETcanary000000000000000000001
                aws_session_token = profileTOKENcanary
                """.formatted(PROFILE_KEY));
        server = GatewayServer.start("bedrock-credentials", """
                model_list:
                  - model_name: nova-role
                    litellm_params:
                      model: bedrock/%1$s
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_access_key_id: os.environ/BASE_KEY_ID
                      aws_secret_access_key: os.environ/BASE_SECRET
                      aws_role_name: %3$s
                      aws_session_name: switchboard-it
                      aws_external_id: ext-42
                      aws_sts_endpoint: %4$s
                  - model_name: nova-web
                    litellm_params:
                      model: bedrock/%1$s
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_role_name: %5$s
                      aws_session_name: switchboard-web
                      aws_web_identity_token: %6$s
                      aws_sts_endpoint: %4$s
                  - model_name: nova-profile
                    litellm_params:
                      model: bedrock/%1$s
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_profile_name: bedrock-dev
                  - model_name: nova-forbidden-role
                    litellm_params:
                      model: bedrock/%1$s
                      api_base: %2$s
                      aws_region_name: us-east-1
                      aws_access_key_id: os.environ/BASE_KEY_ID
                      aws_secret_access_key: os.environ/BASE_SECRET
                      aws_role_name: arn:aws:iam::123456789012:role/forbidden-canary
                      aws_sts_endpoint: %4$s
                """.formatted(NOVA, bedrock.origin(), ROLE, sts.origin(), WEB_ROLE, token),
                Map.of("LITELLM_MASTER_KEY", MASTER_KEY, "BASE_KEY_ID", BASE_KEY, "BASE_SECRET", BASE_SECRET,
                        "AWS_SHARED_CREDENTIALS_FILE", credentials.toString(),
                        "AWS_CONFIG_FILE", files.resolve("no-config").toString()));
        client = OpenAIOkHttpClient.builder().apiKey(MASTER_KEY).baseUrl(server.baseUrl() + "/v1").maxRetries(0)
                .timeout(Duration.ofSeconds(30)).build();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (bedrock != null) {
            bedrock.close();
        }
        if (sts != null) {
            sts.close();
        }
        if (files != null) {
            try (var paths = Files.walk(files)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static ChatCompletion ask(String model, String text) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder().model(model)
                .addUserMessage(text).build());
    }

    @Test
    void anAssumedRoleSignsBedrockCallsAndOneAssumptionServesManyCalls() {
        int before = sts.credentialsIssued();
        for (String text : List.of("first", "second", "third")) {
            assertEquals("Echo: " + text, ask("nova-role", text).choices().get(0).message().content().orElseThrow());
            assertTrue(bedrock.lastRequest().header("Authorization").contains("Credential=" + ROLE_KEY + "/"));
            assertEquals(ROLE_TOKEN, bedrock.lastRequest().header("x-amz-security-token"));
        }
        assertTrue(sts.credentialsIssued() - before <= 1, "the role's keys are cached until they near expiry");
    }

    @Test
    void aWebIdentityTokenFileIsExchangedForTheRolesKeys() {
        assertEquals("Echo: hello web", ask("nova-web", "hello web").choices().get(0).message().content().orElseThrow());
        assertTrue(bedrock.lastRequest().header("Authorization").contains("Credential=" + WEB_KEY + "/"));
        assertEquals(WEB_TOKEN, bedrock.lastRequest().header("x-amz-security-token"));
    }

    @Test
    void aNamedProfileFromTheSharedCredentialsFileSignsWithItsSessionToken() {
        assertEquals("Echo: hello profile", ask("nova-profile", "hello profile").choices().get(0).message().content()
                .orElseThrow());
        assertTrue(bedrock.lastRequest().header("Authorization").contains("Credential=" + PROFILE_KEY + "/"));
        assertEquals("profileTOKENcanary", bedrock.lastRequest().header("x-amz-security-token"));
    }

    @Test
    void aRoleStsRefusesIsA502ThatNamesNothing() throws IOException {
        InternalServerException e = assertThrows(InternalServerException.class, () -> ask("nova-forbidden-role", "hi"));
        assertEquals(502, e.statusCode());
        assertEquals("upstream_authentication_failed", e.code().orElseThrow());
        for (String secret : List.of("forbidden-canary", BASE_KEY, BASE_SECRET, "127.0.0.1:" + sts.port(),
                OIDC_TOKEN, ROLE_SECRET)) {
            assertFalse(e.getMessage().contains(secret), secret);
            assertFalse(server.logText().contains(secret), "the log must not show " + secret);
            assertFalse(server.messagesLog().contains(secret), "messages.log must not show " + secret);
        }
    }
}
