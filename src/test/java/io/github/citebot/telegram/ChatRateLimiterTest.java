package io.github.citebot.telegram;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static io.github.citebot.telegram.ChatRateLimiter.Verdict.ALLOW;
import static io.github.citebot.telegram.ChatRateLimiter.Verdict.DROP;
import static io.github.citebot.telegram.ChatRateLimiter.Verdict.WARN;
import static org.assertj.core.api.Assertions.assertThat;

class ChatRateLimiterTest {

    private final AtomicLong now = new AtomicLong();
    private final ChatRateLimiter limiter = new ChatRateLimiter(3, 2.0, now::get);

    @Test
    void should_allow_a_burst_then_warn_once_then_drop() {
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(WARN);
        assertThat(limiter.acquire(1)).isEqualTo(DROP);
        assertThat(limiter.acquire(2)).as("another chat has its own bucket").isEqualTo(ALLOW);
    }

    @Test
    void should_refill_at_the_rate_and_warn_again_after_a_new_flood() {
        for (int i = 0; i < 5; i++) {
            limiter.acquire(1);
        }
        now.addAndGet(400_000_000L); // 0.4 s: 0.8 of a question at 2 a second
        assertThat(limiter.acquire(1)).isEqualTo(DROP);
        now.addAndGet(200_000_000L);
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(WARN);
        now.addAndGet(10_000_000_000L);
        assertThat(limiter.acquire(1)).as("never more than the burst").isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(ALLOW);
        assertThat(limiter.acquire(1)).isEqualTo(WARN);
    }
}
