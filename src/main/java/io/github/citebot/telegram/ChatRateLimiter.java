package io.github.citebot.telegram;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per chat: a chat may send {@code burst} questions at once, then {@code perSecond} a second.
 * The first question over the limit gets {@link Verdict#WARN} (the bot says "slow down" once); the rest until the
 * bucket refills get {@link Verdict#DROP}, so a flood is not answered by a flood of warnings.
 */
final class ChatRateLimiter {

    /** What to do with one question. */
    enum Verdict { ALLOW, WARN, DROP }

    /** Chats remembered before idle ones (full buckets) are forgotten. */
    private static final int MAX_CHATS = 100_000;

    private record Bucket(double tokens, long nanos, boolean warned) {
    }

    private final int burst;
    private final double perNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<Long, Bucket> buckets = new ConcurrentHashMap<>();

    ChatRateLimiter(int burst, double perSecond, LongSupplier nanoClock) {
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.clock = nanoClock;
    }

    ChatRateLimiter(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    Verdict acquire(long chatId) {
        long now = clock.getAsLong();
        Verdict[] verdict = new Verdict[1];
        buckets.compute(chatId, (id, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.nanos()) * perNano);
            if (tokens >= 1) {
                verdict[0] = Verdict.ALLOW;
                return new Bucket(tokens - 1, now, false);
            }
            verdict[0] = b.warned() ? Verdict.DROP : Verdict.WARN;
            return new Bucket(tokens, now, true);
        });
        if (buckets.size() > MAX_CHATS) {
            buckets.values().removeIf(b -> b.tokens() + (now - b.nanos()) * perNano >= burst);
        }
        return verdict[0];
    }
}
