package io.switchboard.ratelimit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Counters in Redis, shared by every instance. A call's windows are checked and taken by one Lua script,
 * all of them or none, in one round trip, so a read and its decrement are one atomic step (never LiteLLM's
 * local pre-check then remote write, #40291). (Bucket4j's Redis proxy, used before, made a GET and a
 * compare-and-swap per window and again per correction: six round trips for a key with an RPM and a TPM
 * limit, 35% of the gateway's CPU per call in the benchmark.) A window
 * is a hash of its start (Redis's clock) and the units used; it expires when its minute ends, and the next
 * take starts a new one. Parallel slots are a sorted set of holders with a lease, so a slot held by an
 * instance that died frees itself when the lease ends.
 *
 * <p>The correction of a call's token windows to its real usage does not cost a round trip of its own, and
 * never delays the call's answer: it waits in this instance and rides on its next take, in the same script and
 * before it, so this instance's next call always counts it. Other instances see it then, or within
 * {@link #FLUSH_INTERVAL}, when a flusher sends what no take has carried (measured in issue 7: the second
 * script was 6% of the full configuration's CPU per call and a Redis round trip on its latency).
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
    /** How long a correction waits for a take to carry it before it is sent alone. */
    static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOG = Logger.getLogger(RedisLimits.class.getName());

    /**
     * The Lua function both scripts correct a window with: {@code delta} units added to its use if it is still
     * the window that started at {@code start} (one that has started again since is left alone: the correction
     * belonged to the one that ended), and never below zero.
     */
    private static final String CORRECT_WINDOW = """
            local function correct(key, start, delta)
              if tonumber(redis.call('HGET', key, 'start')) == tonumber(start) then
                if redis.call('HINCRBY', key, 'used', delta) < 0 then
                  redis.call('HSET', key, 'used', 0)
                end
              end
            end
            """;

    /**
     * KEYS: the windows to take from, then the windows to correct. ARGV[1]: the window's length in ms; ARGV[2]:
     * how many windows to take from; then a capacity and an amount per such window; then, per window to correct,
     * the start its take answered and the units to add to its use ({@link #CORRECT}, first). Answers the index of
     * the first window that refused (0 when all were taken), then for each window up to it: what is left, ms
     * until it ends, and its start.
     */
    private static final RedisScript TAKE = new RedisScript(CORRECT_WINDOW + """
            local length, n = tonumber(ARGV[1]), tonumber(ARGV[2])
            for j = n + 1, #KEYS do
              correct(KEYS[j], ARGV[1 + 2 * j], ARGV[2 + 2 * j])
            end
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local answer, starts, fresh = {0}, {}, {}
            for i = 1, n do
              local key, capacity, amount = KEYS[i], tonumber(ARGV[1 + 2 * i]), tonumber(ARGV[2 + 2 * i])
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
            for i = 1, n do
              if fresh[i] then
                redis.call('HSET', KEYS[i], 'start', starts[i], 'used', ARGV[2 + 2 * i])
                redis.call('PEXPIREAT', KEYS[i], starts[i] + length)
              else
                redis.call('HINCRBY', KEYS[i], 'used', ARGV[2 + 2 * i])
              end
            end
            return answer""");

    /** KEYS: the windows. ARGV: per window, the start its take answered and the units to add to its use. */
    private static final RedisScript CORRECT = new RedisScript(CORRECT_WINDOW + """
            for i, key in ipairs(KEYS) do
              correct(key, ARGV[2 * i - 1], ARGV[2 * i])
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
    private final Queue<Correction> pending = new ConcurrentLinkedQueue<>();
    private volatile ScheduledExecutorService flusher;
    private volatile JedisPool pool;
    private volatile String prefix = "switchboard:rl:";
    private volatile long windowMillis = WINDOW.toMillis();

    /** Connects to Redis; called once at start when Redis is configured. */
    public void connect(RedisAddress address, String keyPrefix) {
        connect(address, keyPrefix, FLUSH_INTERVAL);
    }

    /** As above, with the flusher's interval: tests that count round trips keep it out of their way. */
    void connect(RedisAddress address, String keyPrefix, Duration flushEvery) {
        this.pool = address.pool();
        this.prefix = keyPrefix;
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "switchboard-ratelimit-flusher");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(),
                TimeUnit.MILLISECONDS);
        this.flusher = timer;
    }

    /** Shorter windows, for tests that watch one end. */
    void windowLength(Duration length) {
        this.windowMillis = length.toMillis();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "takeLocally")
    public List<Probe> take(List<Draw> draws) {
        // A take that fails loses the corrections it carried rather than risk applying them twice: Redis may
        // have run the script before the answer was lost. A lost correction leaves the estimate counted.
        List<Correction> carried = drain();
        List<String> keys = new ArrayList<>(draws.size() + carried.size());
        List<String> args = new ArrayList<>(2 + 2 * (draws.size() + carried.size()));
        args.add(Long.toString(windowMillis));
        args.add(Integer.toString(draws.size()));
        for (Draw draw : draws) {
            keys.add(windowKey(draw.name(), draw.capacity()));
            args.add(Long.toString(draw.capacity()));
            args.add(Long.toString(draw.amount()));
        }
        addCorrections(carried, keys, args);
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

    /**
     * Queues the corrections of windows taken in Redis for the next take or the flusher, and applies those of
     * windows taken in this process (while the breaker was open) at once. Never a round trip: the call that
     * ends is not kept waiting for its bookkeeping.
     */
    @Override
    public void adjust(List<Correction> corrections) {
        for (Correction c : corrections) {
            if (c.amount() == 0) {
                continue;
            }
            if (c.window() == InProcessLimits.WINDOW_ID) {
                local.adjust(List.of(c));
            } else {
                pending.add(c);
            }
        }
    }

    /** Sends the corrections no take has carried yet. */
    void flush() {
        List<Correction> left = drain();
        if (left.isEmpty()) {
            return;
        }
        List<String> keys = new ArrayList<>(left.size());
        List<String> args = new ArrayList<>(2 * left.size());
        addCorrections(left, keys, args);
        try (Jedis jedis = pool.getResource()) {
            CORRECT.run(jedis, keys, args);
        }
    }

    /**
     * The flusher's run. A Redis that cannot be reached loses the corrections it could not take: each only moves
     * an estimate within a window that ends within the minute, and the windows of an outage are counted anew.
     */
    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.FINE, "Token-window corrections not sent to Redis", e);
        }
    }

    private List<Correction> drain() {
        List<Correction> drained = new ArrayList<>();
        for (Correction c = pending.poll(); c != null; c = pending.poll()) {
            drained.add(c);
        }
        return drained;
    }

    private void addCorrections(List<Correction> corrections, List<String> keys, List<String> args) {
        for (Correction c : corrections) {
            keys.add(windowKey(c.name(), c.capacity()));
            args.add(Long.toString(c.window()));
            args.add(Long.toString(-c.amount())); // a positive correction gives back: less used
        }
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
        if (flusher != null) {
            flusher.shutdownNow();
        }
        if (pool != null) {
            flushQuietly(); // what this instance still holds, before its connections go
            pool.close();
        }
    }
}
