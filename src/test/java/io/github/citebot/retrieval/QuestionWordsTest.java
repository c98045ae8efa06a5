package io.github.citebot.retrieval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionWordsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "why didnt kim go        | why didn't kim go?",
            "Why didn't Kim go?      | Why didn't Kim go?",
            "whats the reason        | what's the reason?",
            "who cant attend.        | who can't attend.",
            "it wont happen          | it won't happen?",
            "is Xi going to Moscow   | is Xi going to Moscow?",
            "did he want a “reset”   | did he want a “reset”?",
            "the donts of diplomacy  | the donts of diplomacy?",
    })
    void should_restore_bare_contractions_and_the_question_mark(String typed, String normalized) {
        assertThat(QuestionWords.normalize(typed)).isEqualTo(normalized);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "why didn't Kim go?    | Kim go",
            "why didnt kim go      | kim go",
            "what is the reason    | the reason",
            "what happened in Mesa Ridge? | in Mesa Ridge",
            "why                   | why",
    })
    void should_strip_the_words_that_only_make_it_a_question(String question, String keywords) {
        assertThat(QuestionWords.strip(question)).isEqualTo(keywords);
    }
}
