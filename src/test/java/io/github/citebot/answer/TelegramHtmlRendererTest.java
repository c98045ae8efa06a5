package io.github.citebot.answer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TelegramHtmlRendererTest {

    private static Citation citation(int n, String outlet, String title, String sentence) {
        return new Citation(n, "src" + n + ".txt", outlet, title, sentence, "", 0.8,
                new Citation.Evidence(1, 0.7, 1, 5.0));
    }

    @Test
    void should_escape_the_four_characters_telegram_parses() {
        assertThat(TelegramHtmlRenderer.escape("<b>&amp; \"x\" it's")).isEqualTo("&lt;b&gt;&amp;amp; &quot;x&quot; it's");
    }

    @Test
    void should_render_question_answer_and_numbered_sources_with_every_string_escaped() {
        Answer answer = new Answer("Is <i>this</i> & that?", true, "A < B, said \"X\". [1] [2]", 0.9, List.of(
                citation(1, "AT&T News", "Title <script>", "A < B, said \"X\"."),
                citation(2, "CNN", "Plain title", "A < B, said \"X\".")));
        assertThat(new TelegramHtmlRenderer().render(answer)).isEqualTo(
                "<blockquote>Is &lt;i&gt;this&lt;/i&gt; &amp; that?</blockquote>\n"
                        + "A &lt; B, said &quot;X&quot;. [1] [2]\n\n<b>Sources</b>\n"
                        + "[1] AT&amp;T News, <i>Title &lt;script&gt;</i>\n[2] CNN, <i>Plain title</i>");
    }

    @Test
    void should_render_an_unanswered_question_without_sources() {
        assertThat(new TelegramHtmlRenderer().render(Answer.unanswered("Why?", 0.1)))
                .isEqualTo("<blockquote>Why?</blockquote>\nThe articles don't say.");
    }
}
