package io.github.citebot.corpus;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleParserTest {

    private final ArticleParser parser = new ArticleParser();

    private static List<String> texts(Article a) {
        return a.sentences().stream().map(Sentence::text).toList();
    }

    @Test
    void should_take_a_title_like_first_line_as_the_title_and_never_cite_it() {
        Article a = parser.parseText("Huguenot.txt", "Huguenot\n\nThe Huguenots were French Protestants. Most of them "
                + "followed the teachings of John Calvin\n\nMany fled France after 1685.\n");
        assertThat(a.title()).isEqualTo("Huguenot");
        assertThat(texts(a)).doesNotContain("Huguenot").contains("Many fled France after 1685.");
    }

    @Test
    void should_not_take_a_long_paragraph_or_a_line_from_the_body_as_the_title() {
        String body = "Islamism is a set of ideologies holding that Islam should guide social and political life, "
                + "whose policies included ".repeat(8);
        Article a = parser.parseText("Islamism.txt", "Islamism\n\n" + body + "\n\nIts supporters differ widely.\n");
        assertThat(a.title()).isEqualTo("Islamism");
    }

    @Test
    void should_never_cite_a_title_even_when_it_ends_like_a_sentence() {
        Article a = parser.parseMarkdown("a.md", "---\ntitle: Kim will not come.\n---\nKim will not come.\n\nHe stays home.\n");
        assertThat(texts(a)).containsExactly("He stays home.");
    }

    @Test
    void should_shorten_a_lede_into_a_title_at_a_clause_not_on_a_dangling_word() {
        Article a = parser.parseText("ap.txt", "MOSCOW — The reclusive leader of North Korea will not be coming to Moscow "
                + "next month for the Victory Day celebration, President Vladimir Putin's spokesman announced Thursday.\n");
        assertThat(a.title()).isEqualTo(
                "The reclusive leader of North Korea will not be coming to Moscow next month for the Victory Day celebration…");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "MOSCOW (AP) — Kim will not come to Moscow. | Associated Press | Kim will not come to Moscow.",
            "RIVERTON (Riverton Gazette) — The bridge will close. | Riverton Gazette | The bridge will close.",
            "LONDON (Reuters) - Prices rose in May. | Reuters | Prices rose in May.",
            "REYKJAVIK, March 17 (Reuters) - A volcano erupted. | Reuters | A volcano erupted.",
            "PARIS, 5 June (AFP) — Talks resumed. | Agence France-Presse | Talks resumed.",
            "BOULDER, Colo. (AP) — The fire is contained. | Associated Press | The fire is contained.",
            "WASHINGTON, D.C., Jan. 5 (Reuters) - Talks began. | Reuters | Talks began.",
            "Moscow CNN — Never mind. | CNN | Never mind."})
    void should_name_the_outlet_a_dateline_shows_and_cut_the_dateline_off(String lede, String outlet, String sentence) {
        Article a = parser.parseText("a.txt", lede + "\n\nMore follows here.\n");
        assertThat(a.outlet()).isEqualTo(outlet);
        assertThat(texts(a)).first().isEqualTo(sentence);
    }

    @Test
    void should_say_nothing_of_an_outlet_it_cannot_see() {
        Article a = parser.parseText("a.txt", "By Jane Doe, Staff Writer\n\nThe council voted on Tuesday.\n");
        assertThat(a.outlet()).isEmpty();
        assertThat(texts(a)).containsExactly("The council voted on Tuesday.");
    }

    @Test
    void should_not_take_an_unclosed_front_matter_as_the_title() {
        Article a = parser.parseMarkdown("a.md", "---\ntitle: Summit ends\noutlet: Daily Planet\n\nThe summit ended on Friday.\n");
        assertThat(a.title()).isEqualTo("Summit ends");
        assertThat(a.outlet()).isEqualTo("Daily Planet");
        assertThat(texts(a)).containsExactly("The summit ended on Friday.");
    }

    @Test
    void should_cut_a_long_line_without_full_stops_into_citable_pieces_that_keep_every_word() {
        String line = IntStream.range(0, 40_000).mapToObj(i -> "word" + i + (i % 97 == 96 ? "," : ""))
                .collect(Collectors.joining(" "));
        Article a = parser.parseText("line.txt", line);
        assertThat(a.sentences()).hasSizeGreaterThan(100)
                .allSatisfy(s -> assertThat(s.text().length()).isLessThanOrEqualTo(SentenceSplitter.MAX_CHARS));
        assertThat(texts(a).stream().collect(Collectors.joining(" "))).isEqualTo(line);
    }

    @Test
    void should_cite_a_text_that_is_only_a_list_of_lines() {
        Article a = parser.parseText("list.txt", "Apples from Kent\nPears from Anjou\nPlums from Damascus\n");
        assertThat(texts(a)).containsExactly("Apples from Kent", "Pears from Anjou", "Plums from Damascus");
    }

    /**
     * Guards against quadratic parsing, not a measurement: 100,000 one-word lines took a quarter of an hour when
     * every line re-read the paragraph so far (20,000 took 36 s) and take about a second of CPU in linear time, so
     * the generous limit holds on a machine many times busier than usual.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void should_parse_100000_one_word_lines_in_linear_time() {
        String lower = IntStream.range(0, 100_000).mapToObj(i -> "word" + i).collect(Collectors.joining("\n"));
        String upper = IntStream.range(0, 100_000).mapToObj(i -> "Word" + i).collect(Collectors.joining("\n"));
        assertThat(parser.parseText("lower.txt", lower).sentences()).isNotEmpty();
        assertThat(parser.parseText("upper.txt", upper).sentences()).hasSize(100_000);
    }
}
