package io.github.citebot.web;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ClientRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final ClientRateLimiter limiter = new ClientRateLimiter(3, 0.5, now::get);

    @Test
    void should_allow_a_burst_then_say_how_long_to_wait() {
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isZero();
        assertThat(limiter.acquire("10.0.0.1")).isZero();

        assertThat(limiter.acquire("10.0.0.1")).as("one question every 2 s").isEqualTo(2);
        assertThat(limiter.acquire("10.0.0.2")).as("another client has its own bucket").isZero();
    }

    @Test
    void should_refill_at_the_rate_up_to_the_burst() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        now.addAndGet(1_500_000_000L);
        assertThat(limiter.acquire("a")).as("0.75 of a question after 1.5 s").isEqualTo(1);
        now.addAndGet(500_000_000L);
        assertThat(limiter.acquire("a")).isZero();

        now.addAndGet(60_000_000_000L);
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).isZero();
        assertThat(limiter.acquire("a")).as("never more than the burst").isPositive();
    }
}
