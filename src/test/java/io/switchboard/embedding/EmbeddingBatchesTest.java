package io.switchboard.embedding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests with more texts than a provider takes per call are cut into calls in input order; others go whole. */
class EmbeddingBatchesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddingRequest request(String input) throws Exception {
        return new EmbeddingRequest("titan", JSON.readTree(input), true, 512, null, null);
    }

    @Test
    void textsAreCutIntoCallsOfAtMostTheLimit() throws Exception {
        List<EmbeddingRequest> batches = EmbeddingGateway.batches(request("[\"a\",\"b\",\"c\",\"d\",\"e\"]"), 2);
        assertEquals(List.of("[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"e\"]"),
                batches.stream().map(b -> b.input().toString()).toList());
        assertEquals(512, batches.get(2).dimensions());
    }

    @Test
    void whatFitsOrIsNotTextGoesWhole() throws Exception {
        EmbeddingRequest single = request("\"one\"");
        assertSame(single, EmbeddingGateway.batches(single, 1).get(0));
        EmbeddingRequest tokens = request("[[1,2],[3]]");
        assertEquals(1, EmbeddingGateway.batches(tokens, 1).size(), "token ids are the adapter's to refuse");
        EmbeddingRequest fits = request("[\"a\",\"b\"]");
        assertSame(fits, EmbeddingGateway.batches(fits, 96).get(0));
    }
}
