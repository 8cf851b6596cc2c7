package io.switchboard.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.access.Caller;
import io.switchboard.chat.ChatRequest;
import io.switchboard.chat.ChatRequestReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CacheKeysTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BASE = """
            {"model":"gpt-4o-mini","messages":[{"role":"system","content":"be brief"},{"role":"user","content":"hi"}],
             "temperature":0.2}""";
    private static final CacheSettings SETTINGS = CacheSettings.disabled();

    private static ChatRequest request(String json) throws Exception {
        return ResponseCache.withoutCacheField(ChatRequestReader.read(JSON.readTree(json)));
    }

    private static String key(Caller caller, String json) throws Exception {
        ChatRequest r = ChatRequestReader.read(JSON.readTree(json));
        CacheControls controls = CacheControls.read(r.extra() == null ? null : r.extra().get("cache"));
        return CacheKeys.exact(CacheScope.of(caller, SETTINGS, controls), ResponseCache.withoutCacheField(r));
    }

    private static String key(String json) throws Exception {
        return key(Caller.MASTER, json);
    }

    private static String with(String field, String value) throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(BASE);
        node.set(field, JSON.readTree(value));
        return node.toString();
    }

    @Test
    void isAHexSha256AndStable() throws Exception {
        String key = key(BASE);
        assertTrue(key.matches("[0-9a-f]{64}"), key);
        assertEquals(key, key(BASE));
    }

    @Test
    void fieldOrderDoesNotMatter() throws Exception {
        assertEquals(key(BASE), key("""
                {"temperature":0.2,"messages":[{"content":"be brief","role":"system"},{"content":"hi","role":"user"}],
                 "model":"gpt-4o-mini"}"""));
        assertEquals(key(with("response_format", "{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"a\",\"strict\":true}}")),
                key(with("response_format", "{\"json_schema\":{\"strict\":true,\"name\":\"a\"},\"type\":\"json_schema\"}")));
    }

    /** Fields that cannot change the answer share an entry: who asked, tracing metadata, streaming, cache controls. */
    @ParameterizedTest
    @ValueSource(strings = {"user=\"alice\"", "metadata={\"trace\":\"t-1\"}", "stream=true",
            "stream_options={\"include_usage\":true}", "cache={\"ttl\":60}", "cache={\"no-store\":true}",
            "num_retries=2", "tags=[\"a\"]"})
    void fieldsThatCannotChangeTheAnswerAreLeftOut(String assignment) throws Exception {
        String[] kv = assignment.split("=", 2);
        String json = with(kv[0], kv[1]);
        if (kv[0].equals("stream_options")) {
            ObjectNode streamed = (ObjectNode) JSON.readTree(json);
            json = streamed.put("stream", true).toString();
        }
        assertEquals(key(BASE), key(json), assignment);
    }

    /** Everything that can change the answer makes a different entry. */
    @ParameterizedTest
    @ValueSource(strings = {"model=\"gpt-4o\"", "temperature=0.3", "top_p=0.9", "seed=7", "max_tokens=5",
            "max_completion_tokens=5", "n=2", "stop=[\"x\"]", "frequency_penalty=0.5", "presence_penalty=0.5",
            "logit_bias={\"50256\":-100}", "response_format={\"type\":\"json_object\"}",
            "tools=[{\"type\":\"function\",\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]",
            "tool_choice=\"none\"", "parallel_tool_calls=false", "reasoning_effort=\"low\"", "logprobs=true",
            "messages=[{\"role\":\"user\",\"content\":\"hi\"}]",
            "messages=[{\"role\":\"system\",\"content\":\"be brief\"},{\"role\":\"user\",\"content\":\"hi!\"}]"})
    void everythingThatCanChangeTheAnswerIsInTheKey(String assignment) throws Exception {
        String[] kv = assignment.split("=", 2);
        assertNotEquals(key(BASE), key(with(kv[0], kv[1])), assignment);
    }

    @Test
    void tenantsNeverShareAKeyUnlessConfiguredTo() throws Exception {
        ChatRequest r = request(BASE);
        Caller alice = CacheScopeTest.teamKey("team-alice");
        Caller bob = CacheScopeTest.teamKey("team-bob");
        String a = CacheKeys.exact(CacheScope.of(alice, SETTINGS, CacheControls.NONE), r);
        String b = CacheKeys.exact(CacheScope.of(bob, SETTINGS, CacheControls.NONE), r);
        assertNotEquals(a, b);
        assertNotEquals(CacheKeys.exact(CacheScope.of(Caller.MASTER, SETTINGS, CacheControls.NONE), r),
                CacheKeys.exact(CacheScope.of(Caller.UNAUTHENTICATED_DEVELOPMENT, SETTINGS, CacheControls.NONE), r));
        CacheSettings shared = new CacheSettings(true, "local", CacheSettings.DEFAULT_TTL, "switchboard", CacheSettings.ALL_CALL_TYPES, 1, null,
                null, 10, 10_000, 10, java.time.Duration.ofMillis(250), true);
        assertEquals(CacheKeys.exact(CacheScope.of(alice, shared, CacheControls.NONE), r),
                CacheKeys.exact(CacheScope.of(bob, shared, CacheControls.NONE), r));
    }

    @Test
    void aRequestNamespaceIsItsOwnKeySpaceInsideItsTenant() throws Exception {
        String plain = key(BASE);
        String ns1 = key(with("cache", "{\"namespace\":\"exp-1\"}"));
        String ns2 = key(with("cache", "{\"namespace\":\"exp-2\"}"));
        assertNotEquals(plain, ns1);
        assertNotEquals(ns1, ns2);
        assertEquals(ns1, key(with("cache", "{\"namespace\":\"exp-1\",\"ttl\":5}")));
        assertNotEquals(ns1, key(CacheScopeTest.teamKey("other"), with("cache", "{\"namespace\":\"exp-1\"}")));
    }

    @Test
    void theSemanticScopeIgnoresMessagesButNotParameters() throws Exception {
        CacheScope scope = CacheScope.of(Caller.MASTER, SETTINGS, CacheControls.NONE);
        assertEquals(CacheKeys.semanticScope(scope, request(BASE)),
                CacheKeys.semanticScope(scope, request(with("messages", "[{\"role\":\"user\",\"content\":\"other\"}]"))));
        assertNotEquals(CacheKeys.semanticScope(scope, request(BASE)),
                CacheKeys.semanticScope(scope, request(with("temperature", "0.9"))));
    }
}
