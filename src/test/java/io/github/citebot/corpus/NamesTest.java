package io.github.citebot.corpus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {

    private static Names of(String... sentences) {
        List<Sentence> list = new java.util.ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            list.add(new Sentence("a.txt", i, 0, sentences[i]));
        }
        return Names.of(list);
    }

    @Test
    void should_hold_a_word_the_articles_capitalise_inside_sentences_in_whatever_case_it_is_asked() {
        Names names = of("Then Rollo swore fealty.", "The lands of Rollo grew.", "Rollo's heirs kept them.");

        assertThat(names.contains("rollo")).isTrue();
        assertThat(names.contains("ROLLO")).isTrue();
        assertThat(names.contains("fealty")).isFalse();
    }

    @Test
    void should_not_count_the_capital_that_opens_a_sentence() {
        assertThat(of("Wine was made there.", "Wine was sold.", "Wine sold well.").contains("wine")).isFalse();
    }

    @Test
    void should_leave_out_a_word_written_in_lower_case_too_often_and_one_seen_capitalised_once() {
        Names names = of("In May the talks began.", "It said May was late.", "He may come.", "We may go.",
                "Once Tolstoy wrote.");

        assertThat(names.contains("may")).isFalse();
        assertThat(names.contains("tolstoy")).isFalse();
    }

    @Test
    void should_leave_out_acronyms() {
        assertThat(of("Ask NATO now.", "Then NATO said no.").contains("nato")).isFalse();
    }
}
