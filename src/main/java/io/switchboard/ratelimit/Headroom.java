package io.switchboard.ratelimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each limited party had left of its current minute when it last made a call, for the metrics page.
 * Written on the request path (one map write per limited window, only when a limit exists), read when
 * scraped. Bounded: past {@code capacity} parties, new ones are not tracked rather than growing the map.
 */
public final class Headroom {
    /**
     * @param window    {@code rpm} or {@code tpm}
     * @param scope     the quota's scope, {@code kind:id}
     * @param limit     the window's capacity
     * @param remaining what was left after the last admitted call
     */
    public record Level(String window, String scope, long limit, long remaining) {
    }

    private final Map<String, Level> levels = new ConcurrentHashMap<>();
    private final int capacity;

    Headroom(int capacity) {
        this.capacity = capacity;
    }

    void record(String window, String scope, long limit, long remaining) {
        String name = window + ":" + scope;
        if (levels.size() >= capacity && !levels.containsKey(name)) {
            return;
        }
        levels.put(name, new Level(window, scope, limit, Math.max(0, remaining)));
    }

    List<Level> levels() {
        return new ArrayList<>(levels.values());
    }
}
