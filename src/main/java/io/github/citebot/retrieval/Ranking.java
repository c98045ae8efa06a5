package io.github.citebot.retrieval;

import java.util.List;

/**
 * What retrieval found for a question.
 *
 * @param candidates   the candidate sentences, most relevant first
 * @param unknownShare the share (IDF-weighted) of the question's telling words that no sentence of the corpus
 *                     holds: high for questions about things the articles never mention
 */
record Ranking(List<Candidate> candidates, double unknownShare) {

    Ranking {
        candidates = List.copyOf(candidates);
    }

    /** The best cosine similarity between the question and any candidate. */
    double bestDenseScore() {
        return candidates.stream().mapToDouble(Candidate::denseScore).max().orElse(0);
    }
}
