package io.switchboard.it;

import io.switchboard.fake.FakeOpenAi;
import java.io.IOException;
import java.util.Map;

/**
 * A gateway with the response cache on, for the cache integration tests: one fake OpenAI for chat
 * (its request count is what "served from cache" is asserted on) and another for embeddings, so
 * the semantic cache's embedding calls never blur that count.
 */
final class CacheGateway implements AutoCloseable {
    static final String CHAT_KEY = "sk-CANARY-PROV-cache-chat-7a1c";
    static final String EMBED_KEY = "sk-CANARY-PROV-cache-embed-3e9d";

    final FakeOpenAi chat;
    final FakeOpenAi embed;
    final GatewayServer server;

    private CacheGateway(String name, String cacheParams, Map<String, String> env) throws IOException {
        chat = FakeOpenAi.start(0, CHAT_KEY);
        embed = FakeOpenAi.start(0, EMBED_KEY);
        embed.model("bag-of-words-embedding");
        server = GatewayServer.start(name, config(cacheParams), env);
        System.out.println("[cache-it] " + name + " gateway answered after " + server.startupTime().toMillis() + " ms");
    }

    /** @param cacheParams the {@code cache_params} mapping, in YAML flow style */
    static CacheGateway start(String name, String cacheParams) throws IOException {
        return new CacheGateway(name, cacheParams, Map.of("LITELLM_MASTER_KEY", TestGateway.MASTER_KEY));
    }

    /** As {@link #start(String, String)}, with more environment (a database, Liberty's output directory). */
    static CacheGateway start(String name, String cacheParams, Map<String, String> env) throws IOException {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("LITELLM_MASTER_KEY", TestGateway.MASTER_KEY);
        return new CacheGateway(name, cacheParams, all);
    }

    String baseUrl() {
        return server.baseUrl();
    }

    private String config(String cacheParams) {
        return """
                model_list:
                  - model_name: gpt-4o-mini
                    litellm_params:
                      model: openai/gpt-4o-mini
                      api_base: %1$s
                      api_key: %3$s
                  - model_name: bag-of-words-embedding
                    litellm_params:
                      model: openai/bag-of-words-embedding
                      api_base: %2$s
                      api_key: %4$s
                litellm_settings:
                  cache: true
                  cache_params: %5$s
                general_settings:
                  master_key: os.environ/LITELLM_MASTER_KEY
                """.formatted(chat.baseUrl(), embed.baseUrl(), CHAT_KEY, EMBED_KEY, cacheParams);
    }

    @Override
    public void close() {
        server.close();
        chat.close();
        embed.close();
    }
}
