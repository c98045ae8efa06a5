package io.github.citebot.index;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.corpus.Sentence;

import java.util.List;
import java.util.Map;

/**
 * A second embedding model's view of the indexed sentences, for re-scoring a question's candidates cheaply: every
 * sentence's vector is computed when the index is built (and kept in the embedding cache under that model's
 * name), so a question costs one embedding of the question and a dot product per candidate.
 *
 * <pre>{@code
 * index.rescorer().ifPresent(r -> {
 *     float[] q = r.embedQuestion(question);             // once per question (about 5 ms for e5-small-v2-q)
 *     double[] cos = r.cosines(q, candidates);          // one per candidate, in their order
 * });
 * }</pre>
 *
 * <p>Immutable and thread-safe. The model may still be loading in the background: the first question waits for it.
 */
public final class Rescorer {

    private final EmbeddingModel model;
    private final Map<String, float[]> bySentenceId;

    Rescorer(EmbeddingModel model, Map<String, float[]> bySentenceId) {
        this.model = model;
        this.bySentenceId = Map.copyOf(bySentenceId);
    }

    /** The second model's name (as the embedding cache knows it). */
    public String modelName() {
        return model.modelName();
    }

    /** The question's vector in the second model (with the model's query prefix, if it has one), unit length. */
    public float[] embedQuestion(String question) {
        return model.embed(question).content().vector();
    }

    /**
     * The cosine similarity of the question's vector to each candidate's, in the candidates' order.
     *
     * @throws IllegalArgumentException when a candidate is not a sentence of this index
     */
    public double[] cosines(float[] question, List<Sentence> candidates) {
        double[] out = new double[candidates.size()];
        for (int i = 0; i < out.length; i++) {
            float[] v = bySentenceId.get(candidates.get(i).id());
            if (v == null) {
                throw new IllegalArgumentException("not a sentence of this index: " + candidates.get(i).id());
            }
            double dot = 0;
            for (int d = 0; d < v.length; d++) {
                dot += v[d] * question[d];
            }
            out[i] = dot; // both are unit length
        }
        return out;
    }

    /** {@link #embedQuestion} and {@link #cosines} in one call. */
    public double[] secondCosines(String question, List<Sentence> candidates) {
        return cosines(embedQuestion(question), candidates);
    }
}
