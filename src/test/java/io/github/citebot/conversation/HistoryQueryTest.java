package io.github.citebot.conversation;

import io.github.citebot.answer.Answer;
import io.github.citebot.corpus.Names;
import io.github.citebot.corpus.Sentence;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The history-aware query: what of the earlier turns a follow-up is searched with. */
class HistoryQueryTest {

    private static final Names NO_NAMES = Names.of(List.of());

    private static Turn turn(String question, String... cited) {
        List<Sentence> sentences = new java.util.ArrayList<>();
        for (int i = 0; i < cited.length; i++) {
            sentences.add(new Sentence("a.txt", i, 0, cited[i]));
        }
        return new Turn(Answer.unanswered(question, 0), sentences);
    }

    @Test
    void should_add_the_previous_question_and_the_topic_but_not_the_aspects_asked_between() {
        List<Turn> earlier = List.of(turn("Who founded the Yuan dynasty?"), turn("when did he proclaim it"),
                turn("how accurate was his calendar"));

        String searched = HistoryQuery.of("and when did it end?", earlier, NO_NAMES);

        assertThat(searched).startsWith("and when did it end?").contains("accurate", "calendar")
                .contains("founded", "Yuan", "dynasty").doesNotContain("proclaim");
    }

    @Test
    void should_stop_at_the_last_question_that_stood_alone() {
        List<Turn> earlier = List.of(turn("Why didn't Kim go to Moscow?"),
                turn("Which Chinese leader is going to Moscow?"));

        assertThat(HistoryQuery.of("Has he ever visited North Korea?", earlier, NO_NAMES)).doesNotContain("Kim");
    }

    @Test
    void should_take_names_from_the_previous_answer_without_a_sentence_opening_or_lone_letters() {
        assertThat(HistoryQuery.namesIn(List.of(new Sentence("a.txt", 0, 0,
                "As Fortnow & Homer (2003) point out, the study began with Hartmanis."))))
                .containsExactly("Fortnow", "Homer", "Hartmanis");
        assertThat(HistoryQuery.namesIn(List.of(new Sentence("a.txt", 0, 0,
                "The weak force is due to the exchange of the heavy W and Z bosons.")))).isEmpty();
        assertThat(HistoryQuery.namesIn(List.of(new Sentence("a.txt", 0, 0,
                "Rollo's men settled Normandy, where Rollo stayed.")))).containsExactly("Rollo", "Normandy");
    }
}
