package io.github.citebot.corpus;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The loader on the four bundled articles: furniture is never citable and sentences split where they should. */
class SeedArticlesTest {

    static List<Article> articles;
    static List<String> sentences;

    @BeforeAll
    static void load() {
        articles = new CorpusLoader().load(Path.of("seeds"));
        sentences = articles.stream().flatMap(a -> a.sentences().stream()).map(Sentence::text).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"support the moscow times", "favor to ask", "foreign agent", "your support",
            "remind me later", "paiment methods", "not ready to support", "read more", "1 of 3",
            "alexander zemlianichenko", "photographed through a cafe window", "story highlights",
            "next month's visit to moscow by the north korean leader is off", "contributed to this report",
            "wrote this story from atlanta", "reported from moscow"})
    void should_never_make_page_furniture_citable(String furniture) {
        assertThat(sentences).noneMatch(s -> s.toLowerCase(Locale.ROOT).contains(furniture));
    }

    @Test
    void should_keep_un_secretary_general_in_one_sentence() {
        assertThat(sentences).contains(
                "Peskov also announced that U.N. Secretary-General Ban Ki-moon would be among those coming to Moscow.");
    }

    @Test
    void should_end_sentences_inside_closing_quotes() {
        assertThat(sentences).contains("“The decision is connected with North Korean domestic affairs.”",
                "\"This decision is related to [North] Korea's internal affairs.\"",
                "“That is certainly not the case,” he said.");
    }

    @Test
    void should_cut_the_dateline_off_the_lede() {
        assertThat(sentences).contains("The reclusive leader of North Korea will not be coming to Moscow next month "
                + "for the Victory Day celebration, President Vladimir Putin's spokesman announced Thursday.");
        assertThat(sentences).noneMatch(s -> s.startsWith("MOSCOW") || s.contains("CNN —") || s.contains("CNN  —"));
    }

    @Test
    void should_detect_outlets_and_titles_the_text_shows() {
        assertThat(articles).extracting(Article::outlet)
                .containsExactly("Associated Press", "CNN", "The Moscow Times", "The Diplomat");
        assertThat(articles.get(2).title()).isEqualTo("Kremlin: North Korea's Kim Jong Un Will Not Attend Victory Day Parade");
        assertThat(articles.get(3).title()).isEqualTo("North Korea’s Kim Jong-un Cancels Trip to Russia");
    }

    @Test
    void should_keep_every_sentence_verbatim_and_in_order() throws Exception {
        for (Article a : articles) {
            String file = java.nio.file.Files.readString(Path.of("seeds", a.source())).replace('\u00a0', ' ')
                    .replaceAll("\\s+", " ");
            int from = 0;
            for (Sentence s : a.sentences()) {
                int at = file.indexOf(s.text(), from);
                assertThat(at).as("%s #%d in order in %s", s.text(), s.index(), a.source()).isGreaterThanOrEqualTo(0);
                from = at;
            }
        }
    }
}
