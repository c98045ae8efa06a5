package io.github.citebot.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.output.Response;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntConsumer;

/**
 * A BERT sentence encoder on ONNX Runtime (pooled, unit length), tuned for bulk ingest: texts
 * are sorted by token count and run in padded batches of similar length, one batch at a time on ONNX Runtime's
 * own threads (one per core), so the cores are neither idle nor oversubscribed. (LangChain4j's encoder runs one
 * text at a time on as many Java threads as cores, each using ONNX Runtime's pool of as many threads again;
 * measured here, one Java thread with batches embeds as fast or faster and answers a single question in about
 * two thirds of the time of one ONNX thread per batch.) It gives the same vectors as LangChain4j's
 * {@link OnnxBertBiEncoder}; a text longer than the model's 512 tokens is handed to that encoder, which averages
 * its pieces.
 *
 * <p>How a model was trained to be used is its {@link Convention}: the pooling (the mean of the token vectors for
 * sentence-transformers and e5, the [CLS] vector for bge) and the prefixes it puts before questions and before
 * the passages searched (e5: "query: " and "passage: "). {@link #embed(String)} and {@link #embedQuery} embed a
 * question; {@link #embedAll} and {@link #embedTexts} embed passages.
 *
 * <p>Thread-safe. Close it to free the ONNX Runtime session and the worker threads.
 */
public final class BertEncoder implements EmbeddingModel, QueryEncoder, AutoCloseable {

    /** The longest input the model takes, in tokens, with [CLS] and [SEP]. */
    static final int MAX_TOKENS = 512;
    /** Padded tokens per batch: 512-1024 measured 10-15% faster here than 2,048 or 8,192 (the batch stays in cache). */
    private static final int BATCH_TOKENS = 1024;
    private static final int MAX_BATCH = 32;

    /** How the token vectors of one text become its sentence vector. */
    public enum Pooling {
        /** The mean of the token vectors (sentence-transformers, e5). */
        MEAN,
        /** The vector of the first token, [CLS] (bge). */
        CLS
    }

    /**
     * How a model was trained to be used: its pooling and the prefixes put before a question and before a
     * passage (a sentence to be found).
     */
    public record Convention(Pooling pooling, String queryPrefix, String passagePrefix) {
        /** Sentence-transformers models such as all-MiniLM-L6-v2: mean pooling, no prefixes. */
        public static final Convention SENTENCE_TRANSFORMERS = new Convention(Pooling.MEAN, "", "");
        /** e5 (intfloat/e5-*-v2): mean pooling, "query: " and "passage: ". */
        public static final Convention E5 = new Convention(Pooling.MEAN, "query: ", "passage: ");
        /** bge v1.5 (BAAI/bge-*-en-v1.5): [CLS] pooling, an instruction before questions only. */
        public static final Convention BGE = new Convention(Pooling.CLS,
                "Represent this sentence for searching relevant passages: ", "");

        public Convention {
            java.util.Objects.requireNonNull(pooling, "pooling");
            java.util.Objects.requireNonNull(queryPrefix, "queryPrefix");
            java.util.Objects.requireNonNull(passagePrefix, "passagePrefix");
        }
    }

    private final String name;
    private final Convention convention;
    private final OrtEnvironment environment;
    private final OrtSession session;
    /** The mapped graph file ONNX Runtime reads the weights from, when it was opened from one: kept reachable. */
    @SuppressWarnings({"unused", "FieldCanBeLocal"})
    private final java.nio.ByteBuffer graphBytes;
    private final HuggingFaceTokenizer tokenizer;
    private final byte[] tokenizerJson;
    private final boolean typeIds;
    private final int dimension;
    /**
     * Held (shared) by every embedding run and (exclusively) by close: ONNX Runtime crashes the JVM when a session
     * is closed under a running question, as a shutdown hook may do while the last answers are still computed.
     */
    private final ReadWriteLock inUse = new ReentrantReadWriteLock();
    private boolean closed;
    private final Lock runs = new ReentrantLock();
    private volatile EmbeddingModel longTexts;

    private BertEncoder(String name, Convention convention, OptimizedGraphs.Opened opened,
                        HuggingFaceTokenizer tokenizer, byte[] tokenizerJson) throws OrtException {
        this.name = name;
        this.convention = convention;
        this.environment = OrtEnvironment.getEnvironment();
        this.session = opened.session();
        this.graphBytes = opened.bytes();
        this.tokenizerJson = tokenizerJson;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.dimension = outputDimension(session);
    }

    /**
     * Loads a model from its ONNX graph and tokenizer.json.
     *
     * @param name       a name for the model, used in the embedding cache's key: it must change when the weights do
     * @param graph      the ONNX graph, in memory or in a file
     * @param convention the model's pooling and prefixes
     * @param threads    ONNX Runtime's threads for one batch; usually the core count
     * @param graphs     where the optimised graph is kept between runs, or null to optimise at every load
     */
    static BertEncoder load(String name, Graph graph, byte[] tokenizerJson, Convention convention, int threads,
                            OptimizedGraphs graphs) {
        // The tokenizer (a native library and 700 kB of JSON) loads in its own thread while ONNX Runtime builds
        // the session: each takes about 150 ms, and a start waits for both.
        CompletableFuture<HuggingFaceTokenizer> tokenizer = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                tokenizer.complete(HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerJson),
                        Map.of("padding", "false")));
            } catch (Throwable e) {
                tokenizer.completeExceptionally(e);
            }
        }, "citebot-tokenizer-loader");
        t.setDaemon(true);
        t.start();
        try {
            OptimizedGraphs.Opened opened = graphs == null
                    ? new OptimizedGraphs.Opened(graph.open(options(threads, OrtSession.SessionOptions.OptLevel.ALL_OPT)), null)
                    : graphs.open(name, graph, level -> options(threads, level));
            OrtSession session = opened.session();
            try {
                return new BertEncoder(name, convention, opened, tokenizer.join(), tokenizerJson);
            } catch (CompletionException e) {
                session.close();
                throw new IllegalStateException("cannot load the tokenizer of " + name + ": " + e.getCause().getMessage(),
                        e.getCause());
            } catch (OrtException | RuntimeException e) {
                session.close(); // a graph that is not a sentence encoder (its inputs or output do not fit)
                throw e;
            }
        } catch (OrtException e) {
            tokenizer.thenAccept(HuggingFaceTokenizer::close);
            throw new IllegalStateException("cannot load the ONNX model " + name + ": " + e.getMessage(), e);
        }
    }

    private static OrtSession.SessionOptions options(int threads, OrtSession.SessionOptions.OptLevel level)
            throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(threads);
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(level);
        // ONNX Runtime's threads busy-wait between operators by default. On two cores shared with other work (or
        // with the second model's session, running beside this one during a question) the spinning thread takes
        // the core another needs: measured here, a question embedded 3-4x faster with them sleeping instead, and
        // ingest no slower.
        options.addConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }

    /** An ONNX graph to open a session on: bytes in memory or a file (quicker: ONNX Runtime reads it itself). */
    interface Graph {
        /** A short identity of the weights (size, and a checksum or modification time), for a cache key. */
        String identity();

        OrtSession open(OrtSession.SessionOptions options) throws OrtException;

        static Graph of(byte[] onnx) {
            return new Graph() {
                @Override
                public String identity() {
                    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                    crc.update(onnx);
                    return onnx.length + "-" + Long.toHexString(crc.getValue());
                }

                @Override
                public OrtSession open(OrtSession.SessionOptions options) throws OrtException {
                    return OrtEnvironment.getEnvironment().createSession(onnx, options);
                }
            };
        }

        static Graph of(Path onnx) {
            return new Graph() {
                @Override
                public String identity() {
                    try {
                        return Files.size(onnx) + "-" + Files.getLastModifiedTime(onnx).toMillis();
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + onnx, e);
                    }
                }

                @Override
                public OrtSession open(OrtSession.SessionOptions options) throws OrtException {
                    return OrtEnvironment.getEnvironment().createSession(onnx.toString(), options);
                }
            };
        }
    }

    /** The model's pooling and prefixes. */
    public Convention convention() {
        return convention;
    }

    /** The model's name, as given when it was loaded. */
    @Override
    public String modelName() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension > 0 ? dimension : embed("dimension").content().dimension();
    }

    /** The hidden size from the graph's output shape [batch, tokens, hidden], or -1 where it is not fixed. */
    private static int outputDimension(OrtSession session) throws OrtException {
        for (ai.onnxruntime.NodeInfo info : session.getOutputInfo().values()) {
            if (info.getInfo() instanceof ai.onnxruntime.TensorInfo t && t.getShape().length == 3) {
                return (int) t.getShape()[2];
            }
        }
        return -1;
    }

    /** Embeds a question (with the model's query prefix). */
    @Override
    public Response<Embedding> embed(String text) {
        return Response.from(Embedding.from(embedQuery(text)));
    }

    /** Embeds a question (with the model's query prefix). */
    public float[] embedQuery(String question) {
        return embed(List.of(question), convention.queryPrefix(), n -> { })[0];
    }

    @Override
    public float[][] embedQueries(List<String> questions) {
        return embed(questions, convention.queryPrefix(), n -> { });
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return embed(segment.text());
    }

    /** Embeds passages, the texts to be found (with the model's passage prefix). */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = segments.stream().map(TextSegment::text).toList();
        float[][] vectors = embedTexts(texts, n -> { });
        List<Embedding> embeddings = new ArrayList<>(vectors.length);
        for (float[] v : vectors) {
            embeddings.add(Embedding.from(v));
        }
        return Response.from(embeddings);
    }

    /**
     * Embeds passages (the texts to be found, with the model's passage prefix), in their order, telling
     * {@code done} how many are finished after each batch.
     *
     * @throws IllegalArgumentException when a text is blank
     */
    public float[][] embedTexts(List<String> texts, IntConsumer done) {
        return embed(texts, convention.passagePrefix(), done);
    }

    private float[][] embed(List<String> unprefixed, String prefix, IntConsumer done) {
        inUse.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model " + name + " is closed");
            }
            return embedOpen(unprefixed, prefix, done);
        } finally {
            inUse.readLock().unlock();
        }
    }

    private float[][] embedOpen(List<String> unprefixed, String prefix, IntConsumer done) {
        List<String> texts = new ArrayList<>(unprefixed.size());
        for (int i = 0; i < unprefixed.size(); i++) {
            if (unprefixed.get(i).isBlank()) {
                throw new IllegalArgumentException("cannot embed a blank text (item " + i + ")");
            }
            texts.add(prefix + unprefixed.get(i));
        }
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            encodings[i] = tokenizer.encode(texts.get(i), true, false);
        }
        float[][] out = new float[texts.size()][];
        int finished = 0;
        for (int[] batch : batches(encodings)) {
            run(batch, encodings, texts, out);
            finished += batch.length;
            done.accept(finished);
        }
        return out;
    }

    /** Groups text positions into batches of similar token count, within the padded-token budget. */
    private static List<int[]> batches(Encoding[] encodings) {
        Integer[] order = new Integer[encodings.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            int end = start + 1;
            // Sorted ascending, so the last item of a batch is its longest and sets its padded width.
            while (end < order.length && end - start < MAX_BATCH
                    && (long) (end - start + 1) * encodings[order[end]].getIds().length <= BATCH_TOKENS) {
                end++;
            }
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
            start = end;
        }
        return batches;
    }

    private void run(int[] batch, Encoding[] encodings, List<String> texts, float[][] out) {
        List<Integer> fit = new ArrayList<>();
        for (int i : batch) {
            if (encodings[i].getIds().length > MAX_TOKENS) {
                out[i] = longText(texts.get(i));
            } else {
                fit.add(i);
            }
        }
        if (fit.isEmpty()) {
            return;
        }
        int rows = fit.size();
        int width = 0;
        for (int i : fit) {
            width = Math.max(width, encodings[i].getIds().length);
        }
        long[] ids = new long[rows * width];
        long[] mask = new long[rows * width];
        long[] types = new long[rows * width];
        for (int r = 0; r < rows; r++) {
            Encoding e = encodings[fit.get(r)];
            long[] tokenIds = e.getIds();
            long[] tokenTypes = e.getTypeIds();
            for (int t = 0; t < tokenIds.length; t++) {
                ids[r * width + t] = tokenIds[t];
                mask[r * width + t] = 1;
                types[r * width + t] = tokenTypes[t];
            }
        }
        long[] shape = {rows, width};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(types), shape)) {
            Map<String, OnnxTensor> inputs = typeIds
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            // One run at a time: each run already spreads over every core (intra-op threads), and runs that
            // overlapped on a session reading its weights in place from a kept graph (OptimizedGraphs) were in
            // every SIGSEGV the Telegram bot's workers hit under load (see models/README.md).
            runs.lock();
            try (OrtSession.Result result = session.run(inputs, Set.of(session.getOutputNames().iterator().next()))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dim = hidden.capacity() / (rows * width);
                for (int r = 0; r < rows; r++) {
                    int tokens = encodings[fit.get(r)].getIds().length;
                    out[fit.get(r)] = poolNormalized(hidden, r * width * dim, tokens, dim);
                }
            } finally {
                runs.unlock();
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to embed: " + e.getMessage(), e);
        }
    }

    /**
     * The unit-length sentence vector of one row: the mean of its first {@code tokens} token vectors (its padding
     * left out), or its first token's vector.
     */
    private float[] poolNormalized(FloatBuffer hidden, int offset, int tokens, int dim) {
        float[] v = new float[dim];
        int pooled = convention.pooling() == Pooling.CLS ? 1 : tokens;
        for (int t = 0; t < pooled; t++) {
            int base = offset + t * dim;
            for (int d = 0; d < dim; d++) {
                v[d] += hidden.get(base + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] /= pooled;
            norm += v[d] * v[d];
        }
        float scale = (float) (1 / Math.sqrt(norm));
        for (int d = 0; d < dim; d++) {
            v[d] *= scale;
        }
        return v;
    }

    /** A text longer than the model's window: LangChain4j's encoder splits it and averages the pieces. */
    private float[] longText(String text) {
        EmbeddingModel m = longTexts;
        if (m == null) {
            synchronized (this) {
                if (longTexts == null) {
                    longTexts = new SameSessionModel(new OnnxBertBiEncoder(environment, session,
                            new ByteArrayInputStream(tokenizerJson),
                            convention.pooling() == Pooling.CLS ? PoolingMode.CLS : PoolingMode.MEAN));
                }
                m = longTexts;
            }
        }
        runs.lock(); // the same session: one run at a time (see run)
        try {
            return m.embed(text).content().vector();
        } finally {
            runs.unlock();
        }
    }

    @Override
    public void close() {
        inUse.writeLock().lock(); // waits for the runs in progress
        try {
            if (closed) {
                return;
            }
            closed = true;
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        } finally {
            inUse.writeLock().unlock();
        }
        tokenizer.close();
    }

    /** LangChain4j's encoder over this encoder's session, run in the calling thread. */
    private static final class SameSessionModel extends AbstractInProcessEmbeddingModel {
        private final OnnxBertBiEncoder model;

        SameSessionModel(OnnxBertBiEncoder model) {
            super(Runnable::run);
            this.model = model;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return model;
        }
    }
}
