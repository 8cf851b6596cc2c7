package io.switchboard.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.switchboard.ErrorKind;
import io.switchboard.GatewayException;
import io.switchboard.modelinfo.ModelFacts;
import io.switchboard.provider.Deployment;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An end user's {@code allowed_model_region} and {@code default_model}, as the attempt loop applies them. */
class RegionRoutingTest {
    static Deployment in(String group, String id, String param, String value) {
        Map<String, JsonNode> params = param == null ? Map.of() : Map.of(param, TextNode.valueOf(value));
        return new Deployment(id, group, "openai", id, URI.create("http://127.0.0.1:1"), "sk-test", null,
                Duration.ofSeconds(30), Duration.ofSeconds(30), params, ModelFacts.UNKNOWN, false);
    }

    static CallOptions heldTo(String region, String defaultModel) {
        return CallOptions.NONE.inRegion(region, defaultModel);
    }

    @Test
    void theRegionComesFromRegionNameElseFromWhereTheProviderRunsTheModel() {
        assertEquals("eu", DeploymentRegion.of(in("m", "a", "region_name", "EU")));
        assertEquals("us", DeploymentRegion.of(in("m", "a", "region_name", "us")));
        assertEquals("eu", DeploymentRegion.of(in("m", "a", "aws_region_name", "eu-central-1")));
        assertEquals("us", DeploymentRegion.of(in("m", "a", "aws_region_name", "us-west-2")));
        assertNull(DeploymentRegion.of(in("m", "a", "aws_region_name", "ap-south-1")));
        assertEquals("eu", DeploymentRegion.of(in("m", "a", "vertex_location", "europe-west4")));
        assertEquals("us", DeploymentRegion.of(in("m", "a", "vertex_location", "us-central1")));
        assertNull(DeploymentRegion.of(in("m", "a", null, null)), "unknown is never guessed");
    }

    @Test
    void aRegionBoundCallOnlyReachesDeploymentsInItsRegion() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(in("m", "m-eu", "region_name", "eu"), 1, 0))
                .add("m", new ModelCatalog.Entry(in("m", "m-us", "region_name", "us"), 1, 0))
                .add("m", new ModelCatalog.Entry(in("m", "m-unknown", null, null), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        Set<String> served = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            assertEquals("m-eu", loop.execute("m", heldTo("eu", null), g::call).value());
            served.add(loop.execute("m", CallOptions.NONE, g::call).value());
        }
        assertEquals(Set.of("m-eu", "m-us", "m-unknown"), served, "without a region every deployment serves");
    }

    @Test
    void withoutAnInRegionDeploymentTheDefaultModelServesElseTheCallIsRefused() {
        Groups g = new Groups()
                .add("us-only", new ModelCatalog.Entry(in("us-only", "u1", "region_name", "us"), 1, 0))
                .add("eu-model", new ModelCatalog.Entry(in("eu-model", "e1", "aws_region_name", "eu-west-1"), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        Routed<String> routed = loop.execute("us-only", heldTo("eu", "eu-model"), g::call);
        assertEquals("e1", routed.value());
        assertEquals("eu-model", routed.deployment().modelGroup());
        assertEquals("u1", loop.execute("us-only", heldTo("us", "eu-model"), g::call).value(),
                "the default serves only when the asked model has nothing in the region");

        GatewayException refused = assertThrows(GatewayException.class,
                () -> loop.execute("us-only", heldTo("eu", null), g::call));
        assertEquals(ErrorKind.INVALID_REQUEST, refused.kind());
        assertEquals(400, refused.kind().status());
        assertEquals("no_deployment_in_region", refused.code());
        assertEquals("user", refused.param());
        assertEquals(List.of("e1", "u1"), g.attempts, "the refused call reached no deployment");
    }

    @Test
    void aDefaultModelOutsideTheRegionIsRefusedToo() {
        Groups g = new Groups()
                .add("a", new ModelCatalog.Entry(in("a", "a-us", "region_name", "us"), 1, 0))
                .add("b", new ModelCatalog.Entry(in("b", "b-us", "region_name", "us"), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        GatewayException refused = assertThrows(GatewayException.class,
                () -> loop.execute("a", heldTo("eu", "b"), g::call));
        assertEquals("no_deployment_in_region", refused.code());
        assertEquals(List.of(), g.attempts);
    }

    /** What admission prices a call on: the deployments that will take it, in the end user's region. */
    @Test
    void theFirstCandidatesAreTheDefaultModelsWhenItServesAndOnlyThoseInTheRegion() {
        Groups g = new Groups()
                .add("m", new ModelCatalog.Entry(in("m", "m-us", "region_name", "us"), 1, 0))
                .add("m", new ModelCatalog.Entry(in("m", "m-unknown", null, null), 1, 0))
                .add("eu-model", new ModelCatalog.Entry(in("eu-model", "e1", "region_name", "eu"), 1, 0))
                .add("eu-model", new ModelCatalog.Entry(in("eu-model", "e-us", "region_name", "us"), 1, 0));
        AttemptLoop loop = g.loop(RoutingPolicy.defaults(), new SimpleShuffle());
        assertEquals(List.of("e1"), ids(loop.firstGroup("m", heldTo("eu", "eu-model"))),
                "the default model serves, and only its EU deployment");
        assertEquals(List.of("m-us"), ids(loop.firstGroup("m", heldTo("us", "eu-model"))),
                "the asked model has a US deployment, so it serves; its unknown-region one never does");
        assertEquals(List.of("m-us", "m-unknown"), ids(loop.firstGroup("m", CallOptions.NONE)));
        assertEquals(List.of("m-us", "m-unknown"), ids(loop.firstGroup("m", heldTo("eu", null))),
                "nothing serves: the whole group is priced and the router refuses the call with its region error");
    }

    private static List<String> ids(List<ModelCatalog.Entry> entries) {
        return entries.stream().map(e -> e.deployment().id()).toList();
    }
}
