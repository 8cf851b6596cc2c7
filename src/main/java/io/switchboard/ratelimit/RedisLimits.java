package io.switchboard.ratelimit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Counters in Redis, shared by every instance. A call's windows are checked and taken by one Lua script,
 * all of them or none, in one round trip, so a read and its decrement are one atomic step (never LiteLLM's
 * local pre-check then remote write, #40291), and the correction when the call ends is one more. (Bucket4j's
 * Redis proxy, used before, made a GET and a compare-and-swap per window and again per correction: six round
 * trips for a key with an RPM and a TPM limit, 35% of the gateway's CPU per call in the benchmark.) A window
 * is a hash of its start (Redis's clock) and the units used; it expires when its minute ends, and the next
 * take starts a new one. Parallel slots are a sorted set of holders with a lease, so a slot held by an
 * instance that died frees itself when the lease ends.
 *
 * <p>One script touches the windows of several parties, so they must live on one Redis node: this store
 * talks to a single Redis (standalone or behind a fail-over proxy), not to a cluster.
 *
 * <p>Redis down or slow is a failure of the limiter, not of the gateway: after five failures in a row
 * the breaker opens for a minute and every instance enforces the limits on its own (fails open to
 * per-instance limits, never to no limits); money is never decided here, budgets live in the database.
 * Operators tune the breaker through MicroProfile Config
 * ({@code io.switchboard.ratelimit.RedisLimits/take/CircuitBreaker/delay}, ...).
 */
@ApplicationScoped
public class RedisLimits implements LimitStore {
    static final Duration SLOT_LEASE = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * KEYS: the windows. ARGV[1]: the window's length in ms; then a capacity and an amount per window.
     * Answers the index of the first window that refused (0 when all were taken), then for each window
     * up to it: what is left, ms until it ends, and its start.
     */
    private static final RedisScript TAKE = new RedisScript("""
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local length = tonumber(ARGV[1])
            local answer, starts, fresh = {0}, {}, {}
            for i, key in ipairs(KEYS) do
              local capacity, amount = tonumber(ARGV[2 * i]), tonumber(ARGV[2 * i + 1])
              local w = redis.call('HMGET', key, 'start', 'used')
              local start, used = tonumber(w[1]), tonumber(w[2])
              if start == nil or now >= start + length then
                start, used, fresh[i] = now, 0, true
              end
              starts[i] = start
              local left = capacity - used - amount
              answer[#answer + 1] = left < 0 and capacity - used or left
              answer[#answer + 1] = start + length - now
              answer[#answer + 1] = start
              if left < 0 then
                answer[1] = i
                return answer
              end
            end
            for i, key in ipairs(KEYS) do
              if fresh[i] then
                redis.call('HSET', key, 'start', starts[i], 'used', ARGV[2 * i + 1])
                redis.call('PEXPIREAT', key, starts[i] + length)
              else
                redis.call('HINCRBY', key, 'used', ARGV[2 * i + 1])
              end
            end
            return answer""");

    /** KEYS: the windows. ARGV: per window, the start its take answered and the units to add to its use. */
    private static final RedisScript ADJUST = new RedisScript("""
            for i, key in ipairs(KEYS) do
              if tonumber(redis.call('HGET', key, 'start')) == tonumber(ARGV[2 * i - 1]) then
                if redis.call('HINCRBY', key, 'used', ARGV[2 * i]) < 0 then
                  redis.call('HSET', key, 'used', 0)
                end
              end
            end
            return 0""");

    private static final RedisScript TAKE_SLOT = new RedisScript("""
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return 1
            end
            return 0""");

    private final InProcessLimits local = new InProcessLimits();
    private volatile JedisPool pool;
    private volatile String prefix = "switchboard:rl:";
    private volatile long windowMillis = WINDOW.toMillis();

    /** Connects to Redis; called once at start when Redis is configured. */
    public void connect(RedisAddress address, String keyPrefix) {
        this.pool = address.pool();
        this.prefix = keyPrefix;
    }

    /** Shorter windows, for tests that watch one end. */
    void windowLength(Duration length) {
        this.windowMillis = length.toMillis();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "takeLocally")
    public List<Probe> take(List<Draw> draws) {
        List<String> keys = new ArrayList<>(draws.size());
        List<String> args = new ArrayList<>(1 + 2 * draws.size());
        args.add(Long.toString(windowMillis));
        for (Draw draw : draws) {
            keys.add(windowKey(draw.name(), draw.capacity()));
            args.add(Long.toString(draw.capacity()));
            args.add(Long.toString(draw.amount()));
        }
        List<?> answer;
        try (Jedis jedis = pool.getResource()) {
            answer = (List<?>) TAKE.run(jedis, keys, args);
        }
        int refused = ((Long) answer.get(0)).intValue();
        List<Probe> probes = new ArrayList<>(draws.size());
        for (int i = 1; i + 2 < answer.size(); i += 3) {
            boolean admitted = refused != probes.size() + 1;
            long untilEnd = (Long) answer.get(i + 1);
            probes.add(new Probe(admitted, Math.max(0, (Long) answer.get(i)),
                    admitted ? 0 : Duration.ofMillis(Math.max(0, untilEnd)).toNanos(), (Long) answer.get(i + 2)));
        }
        return probes;
    }

    List<Probe> takeLocally(List<Draw> draws) {
        return local.take(draws);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "adjustLocally")
    public void adjust(List<Correction> corrections) {
        List<String> keys = new ArrayList<>(corrections.size());
        List<String> args = new ArrayList<>(2 * corrections.size());
        for (Correction c : corrections) {
            if (c.amount() != 0) {
                keys.add(windowKey(c.name(), c.capacity()));
                args.add(Long.toString(c.window()));
                args.add(Long.toString(-c.amount())); // a positive correction gives back: less used
            }
        }
        if (keys.isEmpty()) {
            return;
        }
        try (Jedis jedis = pool.getResource()) {
            ADJUST.run(jedis, keys, args);
        }
    }

    void adjustLocally(List<Correction> corrections) {
        local.adjust(corrections);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "takeSlotLocally")
    public boolean takeSlot(String name, int max, String holder) {
        long now = System.currentTimeMillis();
        try (Jedis jedis = pool.getResource()) {
            Object taken = TAKE_SLOT.run(jedis, List.of(prefix + "slots:" + name), List.of(Long.toString(now),
                    Long.toString(now + SLOT_LEASE.toMillis()), Integer.toString(max), holder,
                    Long.toString(SLOT_LEASE.toMillis())));
            return Long.valueOf(1).equals(taken);
        }
    }

    boolean takeSlotLocally(String name, int max, String holder) {
        return local.takeSlot(name, max, holder);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "releaseSlotLocally")
    public void releaseSlot(String name, String holder) {
        local.releaseSlot(name, holder); // in case it was taken while the breaker was open
        try (Jedis jedis = pool.getResource()) {
            jedis.zrem((prefix + "slots:" + name).getBytes(StandardCharsets.UTF_8),
                    holder.getBytes(StandardCharsets.UTF_8));
        }
    }

    void releaseSlotLocally(String name, String holder) {
        local.releaseSlot(name, holder);
    }

    /** The capacity is part of the key: a limit changed by an admin starts a fresh window. */
    private String windowKey(String name, long capacity) {
        return prefix + "window:" + name + "#" + capacity;
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
