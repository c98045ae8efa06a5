package io.github.citebot.retrieval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class QuestionTypeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "why didn't Kim go?                    | REASON",
            "what reason did the Kremlin give      | REASON",
            "when is the parade                    | TIME",
            "how old is kim jong un                | AGE",
            "how many leaders will attend          | QUANTITY",
            "who is Shin Kyung-min                 | PERSON",
            "how did the Kremlin learn of it       | MANNER",
            "is xi coming                          | OTHER",
            // what a question may say before its question word: a follow-up's opening, a preamble, a preposition
            "and when did it end?                  | TIME",
            "So why are Western leaders staying away? | REASON",
            "unrelated, but who started the study? | PERSON",
            "different question - how many came?   | QUANTITY",
            "In what year was the fort built?      | TIME",
            "in which year did he die              | TIME",
            "In what century was the bridge built? | TIME",
            "and Merkel?                           | OTHER",
            "Who, besides Xi, will attend?         | PERSON",
            "Kim, who took power in 2011, stayed   | OTHER",
            // "when" opening a clause, the question word coming later
            "When B cells replicate, what do their offspring become? | OTHER",
            "When a pathogen is eaten it is trapped in what vesicle? | OTHER",
            "When do treaties apply?               | TIME",
    })
    void should_read_the_kind_of_answer_from_the_wording(String question, QuestionType type) {
        assertThat(QuestionType.of(question)).isEqualTo(type);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "AGE      | The 32-year-old leader took power in 2011.                         | true",
            "AGE      | Kim has ruled for more than three years.                            | false",
            "TIME     | The parade is held on May 9.                                        | true",
            "TIME     | The parade is held on Red Square.                                   | false",
            "TIME     | In 1066, Duke William invaded England.                              | true",
            "TIME     | Hervé served in the 1050s.                                          | true",
            "TIME     | In the early 11th century the dukes began a reform.                 | true",
            "TIME     | The duchy began in 911 as a fiefdom.                                | true",
            "TIME     | Rome was founded in 753 BC.                                         | true",
            "TIME     | He commanded 300 men at the siege.                                  | false",
            "QUANTITY | About 30 foreign leaders would attend.                              | true",
            "REASON   | Kim cited internal affairs.                                         | true",
            "OTHER    | Anything at all.                                                    | false",
    })
    void should_tell_whether_a_sentence_holds_that_kind_of_answer(QuestionType type, String sentence, boolean holds) {
        assertThat(type.answeredBy(sentence)).isEqualTo(holds);
    }
}
