package io.github.citebot.retrieval;

import io.github.citebot.corpus.Sentence;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

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

    /** A candidate sentence and its score, higher is more relevant. */
    public record Scored(Sentence sentence, double score) {
    }

    /** The candidate sentences with their scores, best first. */
    public List<Scored> scored() {
        return candidates.stream().map(c -> new Scored(c.sentence(), c.score())).toList();
    }

    /**
     * A ranking fused from several made for the same question (the first is the question's own, whose question
     * features and kind of answer it keeps): their candidates, each once, scored by {@code score} and sorted.
     */
    public static Ranking fused(List<Ranking> parts, ToDoubleFunction<Sentence> score) {
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Ranking part : parts) {
            for (Candidate c : part.candidates()) {
                byId.putIfAbsent(c.sentence().id(), c);
            }
        }
        List<Candidate> fused = new ArrayList<>(byId.size());
        for (Candidate c : byId.values()) {
            fused.add(c.withScore(score.applyAsDouble(c.sentence())));
        }
        fused.sort(Comparator.comparingDouble(Candidate::score).reversed());
        Ranking own = parts.get(0);
        double top = fused.isEmpty() ? 0 : fused.get(0).score();
        double second = fused.size() < 2 ? top : fused.get(1).score();
        return new Ranking(fused, own.question().with(Feature.TOP_SCORE, top).with(Feature.SCORE_MARGIN, top - second),
                own.type());
    }
}
