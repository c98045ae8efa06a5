package io.github.citebot.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: a client may ask {@code burst} questions at once, then {@code perSecond} a
 * second. Over the limit, the caller is told how long to wait (the HTTP Retry-After).
 */
final class ClientRateLimiter {

    /** Clients remembered before idle ones (full buckets) are forgotten. */
    private static final int MAX_CLIENTS = 100_000;

    private record Bucket(double tokens, long nanos) {
    }

    private final int burst;
    private final double perNano;
    private final LongSupplier clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(int burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and a positive rate, got " + burst + ", "
                    + perSecond);
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.clock = nanoClock;
    }

    ClientRateLimiter(int burst, double perSecond) {
        this(burst, perSecond, System::nanoTime);
    }

    /** 0 when the client may ask now (and a token is taken), else the whole seconds to wait before asking again. */
    long acquire(String client) {
        long now = clock.getAsLong();
        long[] wait = new long[1];
        buckets.compute(client, (id, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.nanos()) * perNano);
            if (tokens >= 1) {
                return new Bucket(tokens - 1, now);
            }
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perNano / 1e9));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(b -> b.tokens() + (now - b.nanos()) * perNano >= burst);
        }
        return wait[0];
    }
}
