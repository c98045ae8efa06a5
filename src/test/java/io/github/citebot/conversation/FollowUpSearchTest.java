package io.github.citebot.conversation;

import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.retrieval.Candidate;
import io.github.citebot.retrieval.Feature;
import io.github.citebot.retrieval.Features;
import io.github.citebot.retrieval.QuestionType;
import io.github.citebot.retrieval.Ranking;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** How a follow-up's two searches are weighed and what the previous answer's citations are worth. */
class FollowUpSearchTest {

    private static final List<Sentence> CITED = List.of(new Sentence("a.txt", 10, 3, "Kim cancelled his trip."));

    @Test
    void should_keep_the_prior_share_when_both_searches_are_as_likely_to_answer() {
        assertThat(FollowUpSearch.share(0.7, 0.9, 0.9)).isCloseTo(0.7, within(1e-9));
    }

    @Test
    void should_give_way_to_the_conversation_when_the_question_as_typed_finds_nothing() {
        assertThat(FollowUpSearch.share(0.7, 0.01, 0.95)).isGreaterThan(0.98);
    }

    @Test
    void should_let_the_question_as_typed_win_when_only_it_finds_an_answer() {
        assertThat(FollowUpSearch.share(0.7, 0.95, 0.01)).isLessThan(0.05);
    }

    @Test
    void should_keep_the_prior_share_when_neither_search_finds_anything() {
        assertThat(FollowUpSearch.share(0.35, 0, 0)).isEqualTo(0.35);
    }

    @ParameterizedTest(name = "sentence {1} of {0}")
    @CsvSource({"a.txt, 11", "a.txt, 9", "a.txt, 12", "a.txt, 40", "b.txt, 11"})
    void should_favour_what_stands_near_the_cited_sentence_in_that_order(String source, int index) {
        double nearer = FollowUpSearch.prior(new Sentence(source, index, 3, "x"), CITED);
        double cited = FollowUpSearch.prior(CITED.get(0), CITED);
        assertThat(cited).as("a follow-up asks for something not said yet").isNegative();
        assertThat(nearer).isGreaterThan(cited).isGreaterThanOrEqualTo(0);
        if (source.equals("b.txt")) {
            assertThat(nearer).isZero();
        } else {
            int distance = Math.abs(index - 10);
            double farther = FollowUpSearch.prior(new Sentence(source, 10 + distance + 1, 3, "x"), CITED);
            assertThat(nearer).isGreaterThanOrEqualTo(farther).isPositive();
        }
    }

    /** The question's nearest sentence is on another subject: read as asked of the sentence that leads. */
    @Test
    void should_read_the_question_as_typed_as_asked_of_the_leading_sentence() {
        Ranking r = ranking(0.30, Features.none().with(Feature.BEST_COSINE, 0.70).with(Feature.COSINE_SPREAD, 0.25)
                .with(Feature.UNKNOWN_SHARE, 0.1));

        Features asked = FollowUpSearch.asIfNearest(r).question();

        assertThat(asked.get(Feature.BEST_COSINE)).isCloseTo(0.30, within(1e-9));
        assertThat(asked.get(Feature.COSINE_SPREAD)).isCloseTo(-0.15, within(1e-9));
        assertThat(asked.get(Feature.UNKNOWN_SHARE)).isEqualTo(0.1);
        assertThat(asked.has(Feature.BEST_SECOND_COSINE)).as("no second model, none made up").isFalse();
    }

    @Test
    void should_leave_the_question_as_it_was_when_the_leading_sentence_is_its_nearest() {
        Features question = Features.none().with(Feature.BEST_COSINE, 0.70).with(Feature.COSINE_SPREAD, 0.25);

        assertThat(FollowUpSearch.asIfNearest(ranking(0.70, question)).question()).isEqualTo(question);
    }

    private static Ranking ranking(double leadCosine, Features question) {
        Candidate lead = new Candidate(CITED.get(0), null, new Citation.Evidence(3, leadCosine, 0, 0),
                Features.none().with(Feature.COSINE, leadCosine), 1.0);
        return new Ranking(List.of(lead), question, QuestionType.OTHER);
    }
}
