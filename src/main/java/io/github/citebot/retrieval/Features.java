package io.github.citebot.retrieval;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * A feature vector keyed by {@link Feature}: a value for each feature computed, absent for the others (a feature
 * of a model that is not configured, or a question feature on a candidate). Immutable.
 */
public final class Features {

    private static final Feature[] ALL = Feature.values();
    private final double[] values;

    private Features(double[] values) {
        this.values = values;
    }

    /** A vector with every feature absent. */
    public static Features none() {
        double[] v = new double[ALL.length];
        Arrays.fill(v, Double.NaN);
        return new Features(v);
    }

    /** This vector with one feature set. */
    public Features with(Feature f, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(f.key() + " must be finite, got " + value);
        }
        double[] v = values.clone();
        v[f.ordinal()] = value;
        return new Features(v);
    }

    /** This vector with the features the other one has set too (the other's value wins). */
    public Features with(Features other) {
        double[] v = values.clone();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isNaN(other.values[i])) {
                v[i] = other.values[i];
            }
        }
        return new Features(v);
    }

    public boolean has(Feature f) {
        return !Double.isNaN(values[f.ordinal()]);
    }

    /** The feature's value; NaN when absent. */
    public double get(Feature f) {
        return values[f.ordinal()];
    }

    /** The features set, in declaration order. */
    public Map<Feature, Double> asMap() {
        Map<Feature, Double> m = new EnumMap<>(Feature.class);
        for (Feature f : ALL) {
            if (has(f)) {
                m.put(f, get(f));
            }
        }
        return m;
    }

    /** A builder that sets values in place, for the feature extractor's inner loop. */
    static final class Builder {
        private final double[] values = none().values;

        Builder set(Feature f, double value) {
            values[f.ordinal()] = value;
            return this;
        }

        Features build() {
            for (int i = 0; i < values.length; i++) {
                if (Double.isInfinite(values[i])) {
                    throw new IllegalArgumentException(ALL[i].key() + " must be finite, got " + values[i]);
                }
            }
            return new Features(values.clone());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Features f && Arrays.equals(values, f.values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }
}
