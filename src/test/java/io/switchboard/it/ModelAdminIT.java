package io.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * LiteLLM's run-time model management: a deployment added with {@code /model/new} serves calls at
 * once, changes with {@code /model/update}, and is gone after {@code /model/delete}; every entry is
 * checked as config.yaml entries are, and config-file deployments stay the file's.
 */
class ModelAdminIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static TestGateway gateway;
    private static OpenAIClient client;

    @BeforeAll
    static void start() {
        gateway = TestGateway.get();
        client = SdkClients.openai(gateway);
    }

    @Test
    void addedModelServesUntilDeleted() throws Exception {
        HttpResponse<String> added = post("/model/new", """
                {"model_name": "runtime-mini", "litellm_params": {"model": "openai/gpt-4o-mini",
                 "api_base": "%s", "api_key": "os.environ/OPENAI_API_KEY"}}""".formatted(gateway.openai.baseUrl()),
                TestGateway.MASTER_KEY);
        assertEquals(200, added.statusCode(), added.body());
        String id = JSON.readTree(added.body()).path("model_id").asText();
        assertFalse(id.isBlank());

        assertFalse(chat("runtime-mini").choices().isEmpty());
        assertTrue(get("/v1/models").contains("\"runtime-mini\""));
        String info = get("/model/info?litellm_model_id=" + id);
        assertTrue(info.contains("\"runtime-mini\""), info);
        assertFalse(info.contains(TestGateway.OPENAI_KEY) || info.contains("127.0.0.1"), info);

        HttpResponse<String> updated = post("/model/update", """
                {"model_name": "runtime-renamed", "model_info": {"id": "%s"}}""".formatted(id), TestGateway.MASTER_KEY);
        assertEquals(200, updated.statusCode(), updated.body());
        assertFalse(chat("runtime-renamed").choices().isEmpty());
        assertTrue(refused("runtime-mini"));

        assertEquals(200, post("/model/delete", "{\"id\": \"" + id + "\"}", TestGateway.MASTER_KEY).statusCode());
        assertTrue(refused("runtime-renamed"));
        assertEquals(404, post("/model/delete", "{\"id\": \"" + id + "\"}", TestGateway.MASTER_KEY).statusCode());
    }

    @Test
    void invalidEntriesAreRefusedLikeConfigEntries() throws Exception {
        HttpResponse<String> unknownProvider = post("/model/new",
                "{\"model_name\": \"x\", \"litellm_params\": {\"model\": \"nosuchprovider/m\"}}", TestGateway.MASTER_KEY);
        assertEquals(400, unknownProvider.statusCode());
        assertTrue(unknownProvider.body().contains("nosuchprovider"), unknownProvider.body());

        HttpResponse<String> noParams = post("/model/new", "{\"model_name\": \"x\"}", TestGateway.MASTER_KEY);
        assertEquals(400, noParams.statusCode());
        assertTrue(noParams.body().contains("litellm_params"), noParams.body());

        HttpResponse<String> unsetVariable = post("/model/new", "{\"model_name\": \"x\", \"litellm_params\": "
                + "{\"model\": \"openai/x\", \"api_key\": \"os.environ/SWITCHBOARD_IT_UNSET_VARIABLE\"}}", TestGateway.MASTER_KEY);
        assertEquals(400, unsetVariable.statusCode());
        assertTrue(get("/v1/models").contains("\"gpt-4o-mini\""));
        assertFalse(get("/v1/models").contains("\"x\""));
    }

    @Test
    void configFileModelsAndStrangersAreRefused() throws Exception {
        String configId = JSON.readTree(get("/model/info")).path("data").get(0).at("/model_info/id").asText();
        HttpResponse<String> deleteConfigModel = post("/model/delete", "{\"id\": \"" + configId + "\"}",
                TestGateway.MASTER_KEY);
        assertEquals(404, deleteConfigModel.statusCode());
        assertTrue(deleteConfigModel.body().contains("config file"), deleteConfigModel.body());
        assertEquals(401, post("/model/new", "{\"model_name\": \"x\"}", "sk-not-a-key").statusCode());
        assertEquals(401, post("/model/new", "{\"model_name\": \"x\"}", null).statusCode());
    }

    private static ChatCompletion chat(String model) {
        return client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model(model).addUserMessage("hello").build());
    }

    /** True when the gateway refuses the model as unknown (a 400, as LiteLLM answers). */
    private static boolean refused(String model) {
        try {
            chat(model);
            return false;
        } catch (BadRequestException e) {
            return true;
        }
    }

    private static String get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Authorization", "Bearer " + TestGateway.MASTER_KEY).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static HttpResponse<String> post(String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
