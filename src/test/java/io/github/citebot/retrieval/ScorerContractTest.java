package io.github.citebot.retrieval;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What every scorer promises: a finite score, the same for the same features, explained feature by feature. */
class ScorerContractTest {

    static Stream<Arguments> scorers() {
        return Stream.of(Arguments.of("bundled ranker", RankerModel.bundled().ranker()),
                Arguments.of("bundled answerability", RankerModel.bundled().answerability()),
                Arguments.of("bm25", Scorer.of(Feature.BM25)),
                Arguments.of("dense", Scorer.of(Feature.COSINE)),
                Arguments.of("rrf", Scorer.reciprocalRankFusion()));
    }

    /** Random but plausible feature vectors, some features absent; a fixed seed, so a failure repeats. */
    static List<Features> vectors() {
        Random random = new Random(42);
        return Stream.generate(() -> {
            Features f = Features.none();
            for (Feature feature : Feature.values()) {
                if (random.nextInt(5) > 0) {
                    f = f.with(feature, feature.key().contains("rank") ? 1.0 / (1 + random.nextInt(50)) : random.nextDouble());
                }
            }
            return f;
        }).limit(200).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scorers")
    void should_give_a_finite_score_the_same_each_time_that_its_explanation_adds_up_to(String name, Scorer scorer) {
        for (Features f : vectors()) {
            double score = scorer.score(f);
            assertThat(score).as(name).isFinite().isEqualTo(scorer.score(f));
            double explained = scorer.bias() + scorer.explain(f).values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(explained).as(name).isCloseTo(score, within(1e-9));
            assertThat(scorer.relevance(score)).as(name).isBetween(0.0, 1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scorers")
    void should_score_a_vector_with_every_feature_absent(String name, Scorer scorer) {
        assertThat(scorer.score(Features.none())).as(name).isFinite();
        assertThat(Arrays.stream(Feature.values()).filter(Features.none()::has)).isEmpty();
    }
}
