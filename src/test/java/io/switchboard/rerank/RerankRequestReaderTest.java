package io.switchboard.rerank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.GatewayException;
import java.util.List;
import org.junit.jupiter.api.Test;

class RerankRequestReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static RerankRequest read(String json) throws Exception {
        return RerankRequestReader.read(JSON.readTree(json));
    }

    @Test
    void readsLiteLlmsFields() throws Exception {
        RerankRequest r = read("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\",\"b\"],\"top_n\":1,"
                + "\"return_documents\":true,\"max_tokens_per_doc\":512}");
        assertEquals("m", r.model());
        assertEquals(List.of("a", "b"), r.documents());
        assertEquals(1, r.topN());
        assertTrue(r.returnDocuments());
        assertEquals(512, r.maxTokensPerDoc());
        RerankRequest plain = read("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"]}");
        assertNull(plain.topN());
        assertFalse(plain.returnDocuments());
    }

    @Test
    void structuredDocumentsBecomeTextAsCohereV2AsksForThem() throws Exception {
        RerankRequest r = read("{\"model\":\"m\",\"query\":\"q\",\"documents\":[{\"text\":\"plain\"},"
                + "{\"title\":\"T\",\"body\":\"B\",\"year\":2024}]}");
        assertEquals(List.of("plain", "title: T\nbody: B\nyear: 2024"), r.documents());
        RerankRequest fields = read("{\"model\":\"m\",\"query\":\"q\",\"rank_fields\":[\"body\"],"
                + "\"documents\":[{\"title\":\"T\",\"body\":\"B\"}]}");
        assertEquals(List.of("body: B"), fields.documents());
    }

    @Test
    void mistakesAreClientErrorsNamingTheField() {
        assertEquals("query", param("{\"model\":\"m\",\"documents\":[\"a\"]}"));
        assertEquals("model", param("{\"query\":\"q\",\"documents\":[\"a\"]}"));
        assertEquals("documents", param("{\"model\":\"m\",\"query\":\"q\",\"documents\":[]}"));
        assertEquals("documents", param("{\"model\":\"m\",\"query\":\"q\",\"documents\":[1]}"));
        assertEquals("top_n", param("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":0}"));
        assertEquals("top_n", param("{\"model\":\"m\",\"query\":\"q\",\"documents\":[\"a\"],\"top_n\":1.5}"));
    }

    private static String param(String json) {
        GatewayException e = assertThrows(GatewayException.class, () -> read(json));
        assertEquals(400, e.kind().status());
        return e.param();
    }
}
