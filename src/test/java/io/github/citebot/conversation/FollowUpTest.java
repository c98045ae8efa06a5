package io.github.citebot.conversation;

import io.github.citebot.answer.Answer;
import io.github.citebot.corpus.Names;
import io.github.citebot.corpus.Sentence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FollowUpTest {

    private static final Names NO_NAMES = Names.of(List.of());
    private static final List<Turn> EARLIER = List.of(new Turn(Answer.unanswered("Why didn't Kim go to Moscow?", 0), List.of()));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Who said that?                                    | FULLY",
            "why?                                              | FULLY",
            "how many?                                         | FULLY",
            "And Merkel?                                       | FULLY",
            "what was he accused of                            | FULLY",
            "how long does that protection last                | FULLY",
            "did it happen outside paris too                   | FULLY",
            "Has he ever visited North Korea?                  | PARTLY",
            "where does the name come from?                    | VAGUE",
            "how much was the bill                             | VAGUE",
            "What is the capital of France?                    | STANDALONE",
            "who won the world cup?                            | STANDALONE",
            "What new weapon will Russia show off at the parade? | STANDALONE",
            "who led the vikings that settled normandy?        | STANDALONE",
            "different question - who is the president of the commission | STANDALONE",
            "unrelated, but who started the study of complexity? | STANDALONE"})
    void should_tell_how_a_question_leans_on_the_conversation(String question, FollowUp expected) {
        assertThat(FollowUp.of(question, EARLIER, NO_NAMES)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"Who said that?", "why?"})
    void should_read_any_first_question_as_standalone(String question) {
        assertThat(FollowUp.of(question, List.of(), NO_NAMES)).isEqualTo(FollowUp.STANDALONE);
    }

    @Test
    void should_read_a_name_typed_in_lower_case_as_the_question_naming_something_of_its_own() {
        Names names = Names.of(List.of(new Sentence("a.txt", 0, 0, "Many Huguenots settled in the Cape."),
                new Sentence("a.txt", 1, 0, "The Huguenots brought vines with them.")));
        String question = "did the huguenots have anything to do with wine there?";

        assertThat(FollowUp.of(question, EARLIER, names)).isEqualTo(FollowUp.PARTLY);
        assertThat(FollowUp.of(question, EARLIER, NO_NAMES)).isEqualTo(FollowUp.FULLY);
    }
}
