package io.github.citebot.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.citebot.retrieval.Stages.candidate;
import static io.github.citebot.retrieval.Stages.features;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingTest {

    private final Ranking unscored = new Ranking(List.of(
            candidate("a.txt", 0, null, 0, features(0.2, 0.1)),
            candidate("b.txt", 0, null, 0, features(0.9, 0.8)),
            candidate("c.txt", 0, null, 0, features(0.5, 0.5))),
            Features.none().with(Feature.BEST_COSINE, 0.9), QuestionType.OTHER);

    @Test
    void should_sort_by_the_scorers_score_and_add_the_score_features_of_the_question() {
        Ranking r = unscored.scored(Scorer.of(Feature.COSINE));

        assertThat(r.candidates()).extracting(c -> c.sentence().source()).containsExactly("b.txt", "c.txt", "a.txt");
        assertThat(r.question().get(Feature.TOP_SCORE)).isEqualTo(0.9);
        assertThat(r.question().get(Feature.SCORE_MARGIN)).isCloseTo(0.4, within(1e-12));
        assertThat(r.question().get(Feature.BEST_COSINE)).isEqualTo(0.9);
    }

    @Test
    void should_give_answerability_the_best_candidates_features_beside_the_questions() {
        Features best = unscored.scored(Scorer.of(Feature.COVERAGE)).best();

        assertThat(best.get(Feature.COVERAGE)).isEqualTo(0.8);
        assertThat(best.get(Feature.BEST_COSINE)).isEqualTo(0.9);
        assertThat(best.has(Feature.NON_ANSWER)).isFalse();
    }
}
