package io.github.citebot.index;

import java.util.SplittableRandom;

/**
 * Unit vectors shaped like sentence embeddings for benchmarks and tests: drawn around a few thousand topic
 * centres (sentences on one topic are near each other), and queries drawn near a stored vector (a question
 * close to the sentence that answers it). Deterministic for a seed.
 */
public final class SyntheticVectors {

    private static final int TOPICS = 2000;

    private final int dim;
    private final SplittableRandom random;
    private final float[][] topics;

    public SyntheticVectors(int dim, long seed) {
        this.dim = dim;
        this.random = new SplittableRandom(seed);
        this.topics = new float[TOPICS][];
        for (int t = 0; t < TOPICS; t++) {
            topics[t] = gaussian(1.0);
        }
    }

    /** A new vector: a topic centre plus as much noise again. */
    public float[] vector() {
        float[] centre = topics[random.nextInt(TOPICS)];
        float[] v = gaussian(1.0);
        for (int d = 0; d < dim; d++) {
            v[d] += centre[d];
        }
        return normalize(v);
    }

    /** A query near a vector: the vector plus noise at a third of its length. */
    public float[] near(float[] vector) {
        float[] q = gaussian(0.33);
        for (int d = 0; d < dim; d++) {
            q[d] += vector[d];
        }
        return normalize(q);
    }

    private float[] gaussian(double length) {
        float[] v = new float[dim];
        double scale = length / Math.sqrt(dim);
        for (int d = 0; d < dim; d++) {
            v[d] = (float) (gaussian() * scale);
        }
        return v;
    }

    private double gaussian() {
        // Box-Muller: SplittableRandom has no nextGaussian in Java 17.
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static float[] normalize(float[] v) {
        double n = 0;
        for (float x : v) {
            n += x * x;
        }
        float s = (float) (1 / Math.sqrt(n));
        for (int d = 0; d < v.length; d++) {
            v[d] *= s;
        }
        return v;
    }
}
