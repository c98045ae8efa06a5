package io.github.citebot.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.citebot.retrieval.Stages.candidate;
import static io.github.citebot.retrieval.Stages.features;
import static org.assertj.core.api.Assertions.assertThat;

class AnswerabilityTest {

    /** Log-odds 10 * (best cosine - 0.5): even odds at a best cosine of 0.5. */
    private final Scorer logOdds = new LinearScorer(0, List.of(new LinearScorer.Term(Feature.BEST_COSINE, 0.5, 0.1, 1)));

    private static Ranking ranking(double bestCosine) {
        return new Ranking(List.of(candidate("a.txt", 0, null, 1, features(bestCosine, 0.5))),
                Features.none().with(Feature.BEST_COSINE, bestCosine), QuestionType.OTHER).scored(Scorer.of(Feature.COSINE));
    }

    @Test
    void should_turn_the_log_odds_into_a_probability_that_rises_with_the_evidence() {
        Answerability gate = Answerability.learned(logOdds, 0.5);

        assertThat(gate.probability(ranking(0.5))).isEqualTo(0.5);
        assertThat(gate.probability(ranking(0.7))).isGreaterThan(0.85).isLessThan(1);
        assertThat(gate.probability(ranking(0.3))).isLessThan(0.15).isGreaterThan(0);
    }

    @Test
    void should_answer_at_or_above_its_threshold_and_never_with_nothing_to_cite() {
        Answerability gate = Answerability.learned(logOdds, 0.6);
        Ranking empty = new Ranking(List.of(), Features.none(), QuestionType.OTHER);

        assertThat(gate.answers(gate.probability(ranking(0.7)))).isTrue();
        assertThat(gate.answers(gate.probability(ranking(0.5)))).isFalse();
        assertThat(gate.probability(empty)).isZero();
        assertThat(Answerability.always().answers(Answerability.always().probability(empty))).isFalse();
        assertThat(Answerability.always().answers(Answerability.always().probability(ranking(0.1)))).isTrue();
    }
}
