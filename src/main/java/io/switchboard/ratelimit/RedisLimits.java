package io.switchboard.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.jedis.Bucket4jJedis;
import io.github.bucket4j.distributed.serialization.Mapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

/**
 * Counters in Redis, shared by every instance. Windows are Bucket4j buckets updated by compare-and-swap
 * in Redis, so a read and its decrement are one atomic step (never LiteLLM's local pre-check then remote
 * write, #40291). Parallel slots are a sorted set of holders with a lease, so a slot held by an instance
 * that died frees itself when the lease ends.
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
    private static final String TAKE_SLOT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[3]) then
              redis.call('ZADD', KEYS[1], ARGV[2], ARGV[4])
              redis.call('PEXPIRE', KEYS[1], ARGV[5])
              return 1
            end
            return 0""";

    private final InProcessLimits local = new InProcessLimits();
    private volatile JedisPool pool;
    private volatile ProxyManager<String> buckets;
    private volatile String prefix = "switchboard:rl:";

    /** Connects to Redis; called once at start when Redis is configured. */
    public void connect(RedisAddress address, String keyPrefix) {
        this.pool = address.pool();
        this.prefix = keyPrefix;
        this.buckets = Bucket4jJedis.casBasedBuilder(pool)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .keyMapper(Mapper.STRING)
                .build();
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "takeLocally")
    public Probe take(String name, long capacity, long amount) {
        ConsumptionProbe probe = window(name, capacity).tryConsumeAndReturnRemaining(amount);
        return new Probe(probe.isConsumed(), Math.max(0, probe.getRemainingTokens()),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
    }

    Probe takeLocally(String name, long capacity, long amount) {
        return local.take(name, capacity, amount);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "adjustLocally")
    public void adjust(String name, long capacity, long amount) {
        BucketProxy bucket = window(name, capacity);
        if (amount > 0) {
            bucket.addTokens(amount);
        } else if (amount < 0) {
            bucket.consumeIgnoringRateLimits(-amount);
        }
    }

    void adjustLocally(String name, long capacity, long amount) {
        local.adjust(name, capacity, amount);
    }

    @Override
    @CircuitBreaker(requestVolumeThreshold = 5, failureRatio = 1.0, delay = 60_000, successThreshold = 1)
    @Fallback(fallbackMethod = "takeSlotLocally")
    public boolean takeSlot(String name, int max, String holder) {
        long now = System.currentTimeMillis();
        try (Jedis jedis = pool.getResource()) {
            Object taken = jedis.eval(TAKE_SLOT, List.of(prefix + "slots:" + name), List.of(Long.toString(now),
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

    private BucketProxy window(String name, long capacity) {
        return buckets.getProxy(prefix + "win:" + name + "#" + capacity,
                () -> BucketConfiguration.builder().addLimit(InProcessLimits.perMinute(capacity)).build());
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
