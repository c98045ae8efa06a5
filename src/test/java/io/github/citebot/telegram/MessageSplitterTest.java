package io.github.citebot.telegram;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MessageSplitterTest {

    private static String joinedText(List<String> parts) {
        return String.join(" ", parts.stream().map(FakeBotApi::parseHtml).toList()).replaceAll("\\s+", " ");
    }

    @Test
    void should_leave_a_message_that_fits_alone() {
        String html = "<b>Sources</b>\n[1] CNN, <i>Title &amp; more</i>";
        assertThat(new MessageSplitter().split(html)).containsExactly(html);
    }

    @Test
    void should_cut_long_text_at_sentence_ends_below_the_limit() {
        StringBuilder html = new StringBuilder();
        for (int i = 0; i < 60; i++) {
            html.append("Sentence number ").append(i).append(" says something &amp; more, \u201cquoted.\u201d [").append(i % 4 + 1).append("] ");
        }
        List<String> parts = new MessageSplitter(500).split(html.toString().strip());
        assertThat(parts.size()).isGreaterThan(5);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(500));
        assertThat(parts.subList(0, parts.size() - 1)).allSatisfy(p -> assertThat(p).matches("(?s).*\u201d \\[\\d\\]"));
        assertThat(joinedText(parts)).isEqualTo(FakeBotApi.parseHtml(html.toString().strip()));
    }

    @Test
    void should_prefer_a_blank_line_in_the_later_half_to_a_later_sentence_end() {
        String first = "A sentence. ".repeat(30).strip();
        String html = first + "\n\n<b>Sources</b>\n" + "[1] Outlet, <i>Title.</i>\n".repeat(20);
        List<String> parts = new MessageSplitter(first.length() + 100).split(html);
        assertThat(parts.get(0)).isEqualTo(first);
        assertThat(parts.get(1)).startsWith("<b>Sources</b>");
    }

    @Test
    void should_close_tags_at_a_cut_and_open_them_again() {
        String html = "<blockquote>" + "Quoted words here. ".repeat(40).strip() + "</blockquote>\nAfter.";
        List<String> parts = new MessageSplitter(300).split(html);
        assertThat(parts.size()).isGreaterThan(2);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(300);
            FakeBotApi.parseHtml(p); // throws where Telegram would answer 400
        });
        assertThat(parts.get(1)).startsWith("<blockquote>");
        assertThat(joinedText(parts)).isEqualTo(FakeBotApi.parseHtml(html).replaceAll("\\s+", " "));
    }

    @Test
    void should_never_cut_inside_an_entity_or_a_character_when_there_is_no_space() {
        String html = "&amp;\uD83D\uDE00".repeat(200);
        List<String> parts = new MessageSplitter(101).split(html);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p.length()).isLessThanOrEqualTo(101);
            assertThat(p).matches("(&amp;\uD83D\uDE00)*(&amp;)?");
        });
        assertThat(String.join("", parts)).isEqualTo(html);
    }
}
