package io.github.citebot.telegram;

import io.github.citebot.corpus.Article;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class RepliesTest {

    private static List<Article> articles(int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> new Article("a" + i + ".txt", "Outlet & Co", "Title <" + i + ">", List.of()))
                .toList();
    }

    @Test
    void start_lists_ten_articles_at_most_and_points_to_sources_for_the_rest() {
        Replies replies = new Replies(() -> articles(12), List.of("Q1?", "Q2?", "Q3?", "Q4?"));
        String start = replies.start("Ann");
        assertThat(start).contains("Title &lt;10&gt;").doesNotContain("Title &lt;11&gt;").contains("\u2026 and 2 more: /sources");
        assertThat(start).contains("Q1?", "Q2?", "Q3?").doesNotContain("Q4?");
        assertThat(replies.sources()).contains("(12)", "Outlet &amp; Co, <i>Title &lt;12&gt;</i>");
        FakeBotApi.parseHtml(start);
        FakeBotApi.parseHtml(replies.sources());
    }
}
