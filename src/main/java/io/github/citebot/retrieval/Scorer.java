package io.github.citebot.retrieval;

import java.util.EnumMap;
import java.util.Map;

/**
 * Scores a candidate from its features; higher is more relevant. Implementations are stateless and thread-safe,
 * give the same score for the same features, and explain a score as each feature's share of it.
 */
public interface Scorer {

    /** The score of a feature vector; finite. */
    double score(Features features);

    /**
     * Each feature's share of the score; the shares plus {@link #bias()} add up to {@link #score}.
     */
    Map<Feature, Double> explain(Features features);

    /** The part of the score no feature accounts for. */
    default double bias() {
        return 0;
    }

    /** A score as a relevance from 0 to 1, for citations: the score itself, clamped. */
    default double relevance(double score) {
        return Math.max(0, Math.min(1, score));
    }

    /** A baseline: the value of one feature (0 when absent), such as BM25 alone or the cosine alone. */
    static Scorer of(Feature feature) {
        return new Scorer() {
            @Override
            public double score(Features f) {
                return f.has(feature) ? f.get(feature) : 0;
            }

            @Override
            public Map<Feature, Double> explain(Features f) {
                Map<Feature, Double> m = new EnumMap<>(Feature.class);
                m.put(feature, score(f));
                return m;
            }
        };
    }

    /**
     * A baseline: reciprocal rank fusion of the dense and BM25 searches, 1 / (k + rank) summed over the searches
     * that returned the sentence, with the usual k = 60.
     */
    static Scorer reciprocalRankFusion() {
        return new Scorer() {
            static final double K = 60;

            @Override
            public double score(Features f) {
                return explain(f).values().stream().mapToDouble(Double::doubleValue).sum();
            }

            @Override
            public Map<Feature, Double> explain(Features f) {
                Map<Feature, Double> m = new EnumMap<>(Feature.class);
                for (Feature rr : new Feature[] {Feature.DENSE_RECIPROCAL_RANK, Feature.BM25_RECIPROCAL_RANK}) {
                    double r = f.has(rr) ? f.get(rr) : 0;
                    m.put(rr, r > 0 ? 1 / (K + 1 / r) : 0);
                }
                return m;
            }
        };
    }
}
