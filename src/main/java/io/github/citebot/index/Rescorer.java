package io.github.citebot.index;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.corpus.Sentence;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

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
 * <p>The question's embedding does not depend on the first model's search, so {@link #start} begins it on this
 * rescorer's own thread while the caller embeds with the first model and searches (the two models' runs then
 * share the cores instead of following each other), and {@link Pending#cosines} collects it.
 *
 * <p>Thread-safe. The model may still be loading in the background: the first question waits for it. Close it
 * (its index does) to stop its thread; a question started after that embeds in the caller's thread.
 */
public final class Rescorer implements AutoCloseable {

    private final EmbeddingModel model;
    private final Map<String, float[]> bySentenceId;
    /**
     * One thread is enough: the model runs one question at a time anyway. It starts with the first question and
     * ends after a while idle; a daemon, so it never keeps the JVM alive.
     */
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "citebot-second-model");
                t.setDaemon(true);
                return t;
            });

    Rescorer(EmbeddingModel model, Map<String, float[]> bySentenceId) {
        this.model = model;
        this.bySentenceId = Map.copyOf(bySentenceId);
        worker.allowCoreThreadTimeOut(true);
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

    /**
     * Starts embedding the question on this rescorer's thread; {@link Pending#cosines} gives what
     * {@link #cosines} of {@link #embedQuestion} would.
     */
    public Pending start(String question) {
        FutureTask<float[]> task = new FutureTask<>(() -> embedQuestion(question));
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: the caller runs it (Pending.cosines).
        }
        return new Pending(task);
    }

    /** A question's embedding begun by {@link #start}. */
    public final class Pending {
        private final FutureTask<float[]> task;

        private Pending(FutureTask<float[]> task) {
            this.task = task;
        }

        /**
         * The cosines of the question to each candidate, in their order. When the rescorer's thread has not begun
         * the embedding yet (busy with other questions', or closed), the caller runs it itself rather than wait in
         * the queue; the thread then finds it done and skips it.
         *
         * @throws IllegalArgumentException when a candidate is not a sentence of this index
         */
        public double[] cosines(List<Sentence> candidates) {
            task.run(); // does nothing when it has begun (or finished) elsewhere
            return Rescorer.this.cosines(question(), candidates);
        }

        /**
         * The question's vector, waited for without giving up on an interrupt (the interrupt is kept for the
         * caller): a question embedded in the caller's own thread is finished however it is interrupted too.
         */
        private float[] question() {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return task.get();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re; // as embedQuestion would have thrown it in the caller's thread
                }
                if (e.getCause() instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Stops the thread; the model itself is its owner's to close. */
    @Override
    public void close() {
        worker.shutdown();
    }
}
