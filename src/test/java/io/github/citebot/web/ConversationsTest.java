package io.github.citebot.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConversationsTest {

    private final AtomicLong now = new AtomicLong();
    private final AtomicInteger made = new AtomicInteger();
    private final Conversations<Integer> chats = new Conversations<>(2, Duration.ofMinutes(30), now::get);

    private Integer chat(String id) {
        return chats.get(id, made::incrementAndGet);
    }

    @Test
    void should_keep_a_chat_by_its_id() {
        int a = chat("a");
        int b = chat("b");

        assertThat(chat("a")).isEqualTo(a);
        assertThat(chat("b")).isEqualTo(b).isNotEqualTo(a);
    }

    @Test
    void should_forget_the_least_recently_used_chat_past_the_bound() {
        int a = chat("a");
        int b = chat("b");
        chat("a");
        chat("c");

        assertThat(chats.size()).isEqualTo(2);
        assertThat(chat("a")).as("used recently: kept").isEqualTo(a);
        assertThat(chat("b")).as("the least recently used: forgotten").isNotEqualTo(b);
    }

    @Test
    void should_start_afresh_after_the_chat_was_idle_too_long() {
        int a = chat("a");
        now.addAndGet(Duration.ofMinutes(29).toNanos());
        assertThat(chat("a")).isEqualTo(a);

        now.addAndGet(Duration.ofMinutes(31).toNanos());

        assertThat(chat("a")).isNotEqualTo(a);
    }
}
