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
            topics[t] = noise(1.0);
        }
    }

    /** A new vector: a topic centre plus noise as long as the centre. */
    public float[] vector() {
        float[] centre = topics[random.nextInt(TOPICS)];
        float[] v = noise(1.0);
        for (int d = 0; d < dim; d++) {
            v[d] += centre[d];
        }
        return normalize(v);
    }

    /** A query near a vector: the vector plus noise at a third of its length. */
    public float[] near(float[] vector) {
        float[] q = noise(0.33);
        for (int d = 0; d < dim; d++) {
            q[d] += vector[d];
        }
        return normalize(q);
    }

    /** Random direction of about the given length: uniform noise per dimension (quick to draw a million of). */
    private float[] noise(double length) {
        float[] v = new float[dim];
        // A uniform draw on [-1, 1) has variance 1/3.
        double scale = length * Math.sqrt(3.0 / dim);
        for (int d = 0; d < dim; d++) {
            v[d] = (float) ((2 * random.nextDouble() - 1) * scale);
        }
        return v;
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
