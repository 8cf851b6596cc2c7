package io.switchboard.provider.cohere;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.GatewayException;
import io.switchboard.rerank.RerankRequest;
import io.switchboard.rerank.RerankResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CohereRerankTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void requestIsCohereV2Shaped() throws Exception {
        RerankRequest request = new RerankRequest("group", "capital of France", List.of("Paris", "Berlin"), 1, true, 256);
        JsonNode body = JSON.readTree(CohereRerank.write(request, "rerank-v3.5"));
        assertEquals("rerank-v3.5", body.get("model").asText());
        assertEquals("capital of France", body.get("query").asText());
        assertEquals(List.of("Paris", "Berlin"), List.of(body.get("documents").get(0).asText(),
                body.get("documents").get(1).asText()));
        assertEquals(1, body.get("top_n").asInt());
        assertEquals(256, body.get("max_tokens_per_doc").asInt());
        // v2 has no return_documents: the gateway adds the texts back itself
        assertFalse(body.has("return_documents"));
    }

    @Test
    void answerKeepsCoheresOrderAndBilledUnits() {
        RerankResponse response = CohereRerank.read(bytes("{\"id\":\"r1\",\"results\":[{\"index\":1,"
                + "\"relevance_score\":0.9},{\"index\":0,\"relevance_score\":0.1}],"
                + "\"meta\":{\"billed_units\":{\"search_units\":1}}}"), 2);
        assertEquals("r1", response.id());
        assertEquals(List.of(new RerankResponse.Result(1, 0.9), new RerankResponse.Result(0, 0.1)), response.results());
        assertEquals(1, response.searchUnits());
    }

    @Test
    void anAnswerThatDoesNotFitTheRequestIsAnUpstreamError() {
        for (String garbage : List.of("{\"results\":{}}", "{\"results\":[{\"index\":5,\"relevance_score\":0.2}]}",
                "{\"results\":[{\"index\":0,\"relevance_score\":\"high\"}]}", "not json")) {
            GatewayException e = assertThrows(GatewayException.class, () -> CohereRerank.read(bytes(garbage), 2));
            assertEquals(502, e.kind().status(), garbage);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
