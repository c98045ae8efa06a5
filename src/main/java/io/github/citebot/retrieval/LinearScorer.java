package io.github.citebot.retrieval;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A linear model over standardised features: {@code bias + sum of weight * (value - mean) / scale}. An absent
 * feature counts as its mean, so it adds nothing. Logistic regression trains it; its score is then a log-odds.
 *
 * @param bias  the intercept
 * @param terms one term per feature the model uses, in the model file's order
 */
public record LinearScorer(double bias, List<Term> terms) implements Scorer {

    /** One feature's part of the model. */
    public record Term(Feature feature, double mean, double scale, double weight) {
        public Term {
            if (!Double.isFinite(mean) || !Double.isFinite(weight) || !(scale > 0) || Double.isInfinite(scale)) {
                throw new IllegalArgumentException("feature " + feature.key() + ": mean and weight must be finite and "
                        + "scale positive, got mean " + mean + ", scale " + scale + ", weight " + weight);
            }
        }

        double contribution(Features f) {
            return f.has(feature) ? weight * (f.get(feature) - mean) / scale : 0;
        }
    }

    public LinearScorer {
        terms = List.copyOf(terms);
        if (!Double.isFinite(bias)) {
            throw new IllegalArgumentException("bias must be finite, got " + bias);
        }
    }

    @Override
    public double score(Features f) {
        double s = bias;
        for (Term t : terms) {
            s += t.contribution(f);
        }
        return s;
    }

    @Override
    public Map<Feature, Double> explain(Features f) {
        Map<Feature, Double> m = new EnumMap<>(Feature.class);
        for (Term t : terms) {
            m.merge(t.feature(), t.contribution(f), Double::sum);
        }
        return m;
    }

    /** The score as a probability: a logistic model's score is a log-odds. */
    @Override
    public double relevance(double score) {
        return LogOdds.probability(score);
    }

    /** The features the model reads. */
    public List<Feature> features() {
        return terms.stream().map(Term::feature).toList();
    }
}
