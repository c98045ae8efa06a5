package io.github.citebot.retrieval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.citebot.retrieval.Stages.candidate;
import static org.assertj.core.api.Assertions.assertThat;

class ClaimGrouperTest {

    private static final float[] KIM = {1, 0, 0};
    private static final float[] KIM_AGAIN = {0.95f, 0.1f, 0};
    private static final float[] OTHER = {0, 1, 0};

    @Test
    void should_group_the_same_claim_from_different_outlets_under_the_best_sentence() {
        List<Candidate> ranked = List.of(candidate("ap.txt", 3, KIM, 2.0, Features.none()),
                candidate("mt.txt", 7, OTHER, 1.5, Features.none()),
                candidate("nk.txt", 1, KIM_AGAIN, 1.0, Features.none()));

        List<ClaimGrouper.Claim> claims = new ClaimGrouper(ClaimGrouper.SAME_CLAIM).group(ranked);

        assertThat(claims).hasSize(2);
        assertThat(claims.get(0).members()).extracting(c -> c.sentence().source()).containsExactly("ap.txt", "nk.txt");
        assertThat(claims.get(1).lead().sentence().source()).isEqualTo("mt.txt");
    }

    @Test
    void should_never_put_two_sentences_of_one_article_in_one_claim() {
        List<Candidate> ranked = List.of(candidate("ap.txt", 3, KIM, 2.0, Features.none()),
                candidate("ap.txt", 9, KIM_AGAIN, 1.0, Features.none()));

        assertThat(new ClaimGrouper(ClaimGrouper.SAME_CLAIM).group(ranked)).hasSize(2);
    }

    @Test
    void should_leave_a_sentence_without_embedding_and_every_sentence_under_none_on_its_own() {
        List<Candidate> ranked = List.of(candidate("ap.txt", 3, KIM, 2.0, Features.none()),
                candidate("nk.txt", 1, null, 1.0, Features.none()),
                candidate("mt.txt", 1, KIM_AGAIN, 0.5, Features.none()));

        assertThat(new ClaimGrouper(ClaimGrouper.SAME_CLAIM).group(ranked)).hasSize(2);
        assertThat(ClaimGrouper.NONE.group(ranked)).hasSize(3);
    }
}
