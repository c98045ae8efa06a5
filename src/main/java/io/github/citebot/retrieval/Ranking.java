package io.github.citebot.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What retrieval found for a question: the candidates with their features and, once scored, most relevant
 * first; and the features of the question as a whole.
 *
 * @param candidates the candidate sentences (most relevant first once {@link #scored scored})
 * @param question   the question-level features ({@link Feature.Scope#QUESTION})
 * @param type       the kind of answer the question asks for
 */
public record Ranking(List<Candidate> candidates, Features question, QuestionType type) {

    public Ranking {
        candidates = List.copyOf(candidates);
    }

    /**
     * The candidates scored and sorted by the scorer, best first (ties keep the search's order), with the
     * question features that depend on the scores: {@link Feature#TOP_SCORE} and {@link Feature#SCORE_MARGIN}.
     */
    public Ranking scored(Scorer scorer) {
        List<Candidate> scored = new ArrayList<>(candidates.size());
        for (Candidate c : candidates) {
            scored.add(c.withScore(scorer.score(c.features())));
        }
        scored.sort(Comparator.comparingDouble(Candidate::score).reversed());
        double top = scored.isEmpty() ? 0 : scored.get(0).score();
        double second = scored.size() < 2 ? top : scored.get(1).score();
        return new Ranking(scored, question.with(Feature.TOP_SCORE, top).with(Feature.SCORE_MARGIN, top - second), type);
    }

    /** What answerability reads: the best candidate's features beside the question's; the question's alone when none. */
    public Features best() {
        return candidates.isEmpty() ? question : candidates.get(0).features().with(question);
    }
}
