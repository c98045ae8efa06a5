package io.github.citebot.retrieval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What retrieval found for a question.
 *
 * @param candidates   the candidate sentences, most relevant first
 * @param unknownShare the share (IDF-weighted) of the question's telling words that no sentence of the corpus
 *                     holds: high for questions about things the articles never mention
 * @param type         the kind of answer the question asks for
 */
record Ranking(List<Candidate> candidates, double unknownShare, QuestionType type) {

    Ranking {
        candidates = List.copyOf(candidates);
    }

    /** How many of the nearest sentences the {@link #denseSpread() spread} compares the nearest one with. */
    static final int SPREAD_OF = 10;

    /** The best cosine similarity between the question and any candidate. */
    double bestDenseScore() {
        return candidates.stream().mapToDouble(Candidate::denseScore).max().orElse(0);
    }

    /**
     * How far the nearest sentence stands out: its cosine similarity minus the mean of the {@value #SPREAD_OF}
     * nearest. A question the articles answer usually has a few sentences well ahead of the rest; one they do not
     * answer is about as close to many sentences of the same topic.
     */
    double denseSpread() {
        double[] nearest = candidates.stream().map(Candidate::denseScore).sorted(Comparator.reverseOrder())
                .limit(SPREAD_OF).mapToDouble(Double::doubleValue).toArray();
        return nearest.length == 0 ? 0 : nearest[0] - Arrays.stream(nearest).average().orElse(0);
    }
}
