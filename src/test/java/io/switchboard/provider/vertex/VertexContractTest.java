package io.switchboard.provider.vertex;

import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.provider.Deployment;
import io.switchboard.provider.ProviderAdapter;
import io.switchboard.provider.gemini.GeminiContractTest;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/** The adapter contract for Vertex AI: Gemini's wire fixtures, Vertex's project URLs (the token is added by I/O). */
class VertexContractTest extends GeminiContractTest {
    @Override
    protected ProviderAdapter adapter() {
        return new VertexAdapter();
    }

    @Override
    protected Deployment deployment() {
        return new Deployment("d", "group", "vertex_ai", "gemini-2.5-flash", URI.create(VertexAdapter.GLOBAL_BASE),
                "vertex-contract-secret-0001", null, Duration.ofSeconds(5), Duration.ofSeconds(5),
                Map.of("vertex_project", TextNode.valueOf("contract-project"),
                        "vertex_location", TextNode.valueOf("global")), null, false);
    }
}
