package io.github.citebot.frontend;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per sender (a Telegram chat, a client address): a sender may ask {@code burst} questions at
 * once, then {@code perSecond} a second. Over the limit a question is refused with how long to wait; the first
 * refusal of a flood is marked, so a front-end can say "slow down" once rather than answer a flood with one.
 * Thread-safe; senders whose bucket is full again are forgotten once many are remembered.
 *
 * @param <K> what tells senders apart
 */
public final class RateLimiter<K> {

    /**
     * What to do with one question.
     *
     * @param allowed           answer it
     * @param firstRefusal      refused, and the first refusal since this sender was last allowed
     * @param retryAfterSeconds when refused, the whole seconds until a question is allowed again (at least 1)
     */
    public record Decision(boolean allowed, boolean firstRefusal, long retryAfterSeconds) {
        static final Decision ALLOW = new Decision(true, false, 0);
    }

    /** Senders remembered before idle ones (full buckets) are forgotten. */
    private static final int MAX_SENDERS = 100_000;

    private record Bucket(double tokens, long nanos, boolean refused) {
    }

    private final int burst;
    private final double perNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

    /** A limiter on a nanosecond clock of the caller's (tests move it by hand). */
    public RateLimiter(int burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and a positive rate, got " + burst + ", "
                    + perSecond);
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.clock = nanoClock;
    }

    public RateLimiter(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    /** Takes a token for one question of this sender, if there is one. */
    public Decision acquire(K sender) {
        long now = clock.getAsLong();
        Decision[] decision = new Decision[1];
        buckets.compute(sender, (k, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.nanos()) * perNano);
            if (tokens >= 1) {
                decision[0] = Decision.ALLOW;
                return new Bucket(tokens - 1, now, false);
            }
            long wait = Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            decision[0] = new Decision(false, !b.refused(), wait);
            return new Bucket(tokens, now, true);
        });
        if (buckets.size() > MAX_SENDERS) {
            buckets.values().removeIf(b -> b.tokens() + (now - b.nanos()) * perNano >= burst);
        }
        return decision[0];
    }
}
