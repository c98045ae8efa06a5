package io.github.citebot.frontend;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final RateLimiter<Long> limiter = new RateLimiter<>(3, 2.0, now::get);

    @Test
    void should_allow_a_burst_then_refuse_marking_only_the_first_refusal() {
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(1L).allowed()).isTrue();
        }
        RateLimiter.Decision first = limiter.acquire(1L);
        assertThat(first.allowed()).isFalse();
        assertThat(first.firstRefusal()).isTrue();
        assertThat(limiter.acquire(1L).firstRefusal()).as("a flood gets one warning").isFalse();
        assertThat(limiter.acquire(2L).allowed()).as("another sender has its own bucket").isTrue();
    }

    @Test
    void should_say_how_many_whole_seconds_to_wait() {
        RateLimiter<String> slow = new RateLimiter<>(3, 0.5, now::get);
        for (int i = 0; i < 3; i++) {
            slow.acquire("10.0.0.1");
        }
        assertThat(slow.acquire("10.0.0.1").retryAfterSeconds()).as("one question every 2 s").isEqualTo(2);
        now.addAndGet(1_500_000_000L);
        assertThat(slow.acquire("10.0.0.1").retryAfterSeconds()).as("0.75 of a question after 1.5 s").isEqualTo(1);
        now.addAndGet(500_000_000L);
        assertThat(slow.acquire("10.0.0.1").allowed()).isTrue();
    }

    @Test
    void should_refill_at_the_rate_up_to_the_burst_and_warn_again_after_a_new_flood() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire(1L);
        }
        now.addAndGet(400_000_000L); // 0.4 s: 0.8 of a question at 2 a second
        assertThat(limiter.acquire(1L).allowed()).isFalse();
        now.addAndGet(200_000_000L);
        assertThat(limiter.acquire(1L).allowed()).isTrue();
        assertThat(limiter.acquire(1L).firstRefusal()).as("a new flood is warned again").isTrue();
        now.addAndGet(10_000_000_000L);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(1L).allowed()).as("never more than the burst").isTrue();
        }
        assertThat(limiter.acquire(1L).allowed()).isFalse();
    }

    @Test
    void should_refuse_a_limit_that_allows_nothing() {
        assertThatThrownBy(() -> new RateLimiter<>(0, 1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter<>(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
