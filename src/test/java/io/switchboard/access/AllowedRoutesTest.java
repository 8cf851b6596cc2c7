package io.switchboard.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AllowedRoutesTest {
    @Test
    void anEmptyListAllowsEverything() {
        assertTrue(AllowedRoutes.allows(List.of(), "/key/generate"));
        assertTrue(AllowedRoutes.allows(null, "/v1/chat/completions"));
    }

    @Test
    void anExactRouteAllowsItselfWithOrWithoutTheVersionPrefix() {
        List<String> chatOnly = List.of("/chat/completions");
        assertTrue(AllowedRoutes.allows(chatOnly, "/chat/completions"));
        assertTrue(AllowedRoutes.allows(chatOnly, "/v1/chat/completions"));
        assertTrue(AllowedRoutes.allows(List.of("/v1/chat/completions"), "/chat/completions"));
        assertFalse(AllowedRoutes.allows(chatOnly, "/v1/embeddings"));
        assertFalse(AllowedRoutes.allows(chatOnly, "/completions"));
    }

    @Test
    void anEntryAllowsTheRoutesBelowItButNotItsNamesakes() {
        assertTrue(AllowedRoutes.allows(List.of("/key"), "/key/info"));
        assertFalse(AllowedRoutes.allows(List.of("/key"), "/keyring"));
        assertFalse(AllowedRoutes.allows(List.of("/key/info"), "/key/generate"));
    }

    @Test
    void aTrailingStarIsAPrefix() {
        assertTrue(AllowedRoutes.allows(List.of("/key/*"), "/key/info"));
        assertTrue(AllowedRoutes.allows(List.of("/v1/*"), "/v1/embeddings"));
        assertFalse(AllowedRoutes.allows(List.of("/key/*"), "/team/info"));
        assertFalse(AllowedRoutes.allows(List.of("/v1/*"), "/key/generate"), "admin routes have no /v1 spelling");
        assertFalse(AllowedRoutes.allows(List.of("/v1/*"), "/embeddings"), "a prefix is matched as spelled");
    }

    @Test
    void litellmsGroupNamesAllowTheirRoutes() {
        List<String> llm = List.of("llm_api_routes");
        assertTrue(AllowedRoutes.allows(llm, "/v1/chat/completions"));
        assertTrue(AllowedRoutes.allows(llm, "/v1/messages/count_tokens"));
        assertTrue(AllowedRoutes.allows(llm, "/v1/models/openai/gpt-4o"));
        assertFalse(AllowedRoutes.allows(llm, "/key/generate"));
        assertTrue(AllowedRoutes.allows(List.of("info_routes"), "/key/info"));
        assertFalse(AllowedRoutes.allows(List.of("info_routes"), "/key/update"));
        assertTrue(AllowedRoutes.allows(List.of("management_routes"), "/team/member_add"));
        assertTrue(AllowedRoutes.allows(List.of("spend_tracking_routes"), "/global/spend/report"));
        assertFalse(AllowedRoutes.allows(List.of("no_such_group"), "/chat/completions"));
    }

    @Test
    void noSpellingOfAPathSlipsPastTheList() {
        List<String> chatOnly = List.of("/chat/completions");
        assertTrue(AllowedRoutes.allows(chatOnly, "//v1//chat/completions/"));
        assertTrue(AllowedRoutes.allows(chatOnly, "/V1/Chat/Completions"));
        assertFalse(AllowedRoutes.allows(chatOnly, "/chat/completionsx"));
        assertEquals("/key/generate", AllowedRoutes.canonical("/key;x=1/generate"));
    }
}
