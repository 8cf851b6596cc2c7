package io.switchboard.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The cache suite on the in-process store ({@code type: local}). */
class CacheLocalIT extends CacheSuite {
    private static CacheGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        gateway = CacheGateway.start("cache-local", "{type: local, ttl: 600, max_entries: 5000, max_bytes: 20000000}");
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Override
    CacheGateway gateway() {
        return gateway;
    }
}
