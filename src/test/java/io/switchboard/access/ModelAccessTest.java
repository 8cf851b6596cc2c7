package io.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.GatewayException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelAccessTest {
    static KeyIdentity key(String team, List<String> keyModels, List<String> teamModels, List<String> userModels) {
        return new KeyIdentity("h", "key-1", "sk-...abcd", null, team, null, null, null, List.of(), keyModels,
                teamModels, userModels, Map.of(), List.of(), List.of(), List.of(), false, false, null, Limits.NONE,
                Limits.NONE, Limits.NONE, Limits.NONE);
    }

    @Test
    void emptyListsAllowEverything() {
        assertTrue(ModelAccess.allowed(key(null, List.of(), List.of(), List.of()), "gpt-4o"));
    }

    @Test
    void keyListAndWildcards() {
        KeyIdentity k = key(null, List.of("gpt-4o-mini", "anthropic/*"), List.of(), List.of());
        assertTrue(ModelAccess.allowed(k, "gpt-4o-mini"));
        assertTrue(ModelAccess.allowed(k, "anthropic/claude-sonnet-4"));
        assertFalse(ModelAccess.allowed(k, "gpt-4o"));
        assertFalse(ModelAccess.allowed(k, "openai/anthropic"));
    }

    @Test
    void teamListBoundsTheKeyAndAllTeamModelsDefersToIt() {
        assertFalse(ModelAccess.allowed(key("t", List.of("gpt-4o"), List.of("gpt-4o-mini"), List.of()), "gpt-4o"));
        KeyIdentity inherit = key("t", List.of("all-team-models"), List.of("gpt-4o-mini"), List.of());
        assertTrue(ModelAccess.allowed(inherit, "gpt-4o-mini"));
        assertFalse(ModelAccess.allowed(inherit, "gpt-4o"));
        assertFalse(ModelAccess.allowed(key("t", List.of(), List.of("gpt-4o-mini"), List.of()), "gpt-4o"));
    }

    @Test
    void userListMustAllowToo() {
        assertFalse(ModelAccess.allowed(key(null, List.of(), List.of(), List.of("gpt-4o-mini")), "gpt-4o"));
    }

    @Test
    void refusalIsA403InOpenAiShape() {
        Caller caller = Caller.of(key(null, List.of("gpt-4o-mini"), List.of(), List.of()));
        GatewayException e = assertThrows(GatewayException.class, () -> ModelAccess.require(caller, "gpt-4o"));
        assertEquals(403, e.kind().status());
        ModelAccess.require(Caller.MASTER, "anything");
    }
}
