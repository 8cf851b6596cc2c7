package io.switchboard.rerank;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/**
 * LiteLLM's rerank answer: {@code id}, {@code results[{index, relevance_score, document?}]} and
 * {@code meta.billed_units}. With {@code return_documents} each result carries
 * {@code document.text}, taken from the request (Cohere v2 no longer sends it back).
 */
public final class RerankJsonWriter {
    private RerankJsonWriter() {
    }

    public static void write(JsonGenerator g, RerankResponse response, RerankRequest request, String fallbackId)
            throws IOException {
        g.writeStartObject();
        g.writeStringField("id", response.id() != null ? response.id() : fallbackId);
        g.writeArrayFieldStart("results");
        for (RerankResponse.Result result : response.results()) {
            g.writeStartObject();
            g.writeNumberField("index", result.index());
            g.writeNumberField("relevance_score", result.relevanceScore());
            if (request.returnDocuments()) {
                g.writeObjectFieldStart("document");
                g.writeStringField("text", request.documents().get(result.index()));
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("meta");
        g.writeObjectFieldStart("billed_units");
        g.writeNumberField("search_units", response.searchUnits());
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
    }
}
