package io.github.citebot.retrieval;

import io.github.citebot.corpus.Sentence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/** What retrieval found for a question: its candidate sentences, most relevant first. */
public final class Ranking {

    private final List<Candidate> candidates;
    private final double unknownShare;
    private final QuestionType type;
    private final double answerability;

    /**
     * @param candidates   the candidate sentences, most relevant first
     * @param unknownShare the share (IDF-weighted) of the question's telling words that no sentence of the corpus
     *                     holds: high for questions about things the articles never mention
     * @param type         the kind of answer the question asks for
     */
    Ranking(List<Candidate> candidates, double unknownShare, QuestionType type) {
        this(candidates, unknownShare, type, Double.NaN);
    }

    /** @param answerability the answerability a fused ranking was given; NaN to compute it from the best candidate */
    private Ranking(List<Candidate> candidates, double unknownShare, QuestionType type, double answerability) {
        this.candidates = List.copyOf(candidates);
        this.unknownShare = unknownShare;
        this.type = type;
        this.answerability = answerability;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    double unknownShare() {
        return unknownShare;
    }

    QuestionType type() {
        return type;
    }

    /** How many of the nearest sentences the {@link #denseSpread() spread} compares the nearest one with. */
    static final int SPREAD_OF = 10;

    /** A candidate sentence and its relevance, about 0 to 1. */
    public record Scored(Sentence sentence, double relevance) {
    }

    /** The candidate sentences with their relevance, most relevant first. */
    public List<Scored> scored() {
        return candidates.stream().map(c -> new Scored(c.sentence(), c.relevance())).toList();
    }

    /**
     * A ranking fused from several made for the same question (the first is the question's own, whose kind of
     * answer and unknown words it keeps): their candidates, each once, ordered by {@code relevance}; a candidate
     * it gives NaN is left out.
     *
     * @param answerability how well a sentence, the best of the fused ranking, answers the question
     */
    public static Ranking fused(List<Ranking> parts, ToDoubleFunction<Sentence> relevance,
                                ToDoubleFunction<Sentence> answerability) {
        Map<String, Candidate> byId = new LinkedHashMap<>();
        for (Ranking part : parts) {
            for (Candidate c : part.candidates) {
                Candidate known = byId.get(c.sentence().id());
                if (known == null || known.embedding() == null && c.embedding() != null) {
                    byId.put(c.sentence().id(), c);
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate c : byId.values()) {
            double r = relevance.applyAsDouble(c.sentence());
            if (!Double.isNaN(r)) {
                ranked.add(c.scored(c.coverage(), r));
            }
        }
        ranked.sort(Comparator.comparingDouble(Candidate::relevance).reversed());
        Ranking own = parts.get(0);
        return new Ranking(ranked, own.unknownShare, own.type,
                ranked.isEmpty() ? 0 : answerability.applyAsDouble(ranked.get(0).sentence()));
    }

    /** The answerability this ranking was given, if it was fused. */
    OptionalDouble givenAnswerability() {
        return Double.isNaN(answerability) ? OptionalDouble.empty() : OptionalDouble.of(answerability);
    }

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
