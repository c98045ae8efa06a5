package io.github.citebot.index;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressLineTest {

    @Test
    void shows_sentences_rate_and_time_left_and_ends_with_a_newline() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, clock::get);
        line.update(3, 0, 1000);
        clock.set(2_000_000_000L);
        line.update(3, 500, 1000);
        clock.set(4_000_000_000L);
        line.update(3, 1000, 1000);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("500 / 1,000 sentences embedded (3 articles), 250/s, 2s left")
                .contains("1,000 / 1,000 sentences embedded (3 articles), 250/s, done in 4s").endsWith("\n");
    }

    @Test
    void says_nothing_for_a_small_job() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, System::nanoTime);
        line.update(1, 0, 99);
        line.update(1, 99, 99);
        assertThat(bytes.size()).isZero();
    }

    @Test
    void should_say_1_article_not_1_articles() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AtomicLong clock = new AtomicLong();
        ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8), 100, clock::get);
        line.update(1, 0, 1000);
        clock.set(1_000_000_000L);
        line.update(1, 1000, 1000);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("citebot: 1 article, embedding")
                .contains("(1 article)").doesNotContain("1 articles");
    }
}
