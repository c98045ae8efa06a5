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
import java.util.function.IntConsumer;

/**
 * A sentence-transformers BERT encoder (mean pooling, unit length) on ONNX Runtime, tuned for bulk ingest: texts
 * are sorted by token count and run in padded batches of similar length, one batch at a time on ONNX Runtime's
 * own threads (one per core), so the cores are neither idle nor oversubscribed. (LangChain4j's encoder runs one
 * text at a time on as many Java threads as cores, each using ONNX Runtime's pool of as many threads again;
 * measured here, one Java thread with batches embeds as fast or faster and answers a single question in about
 * two thirds of the time of one ONNX thread per batch.) It gives the same vectors as LangChain4j's
 * {@link OnnxBertBiEncoder} with mean pooling; a text longer than the model's 512 tokens is handed to that
 * encoder, which averages its pieces.
 *
 * <p>Thread-safe. Close it to free the ONNX Runtime session and the worker threads.
 */
public final class BertEncoder implements EmbeddingModel, AutoCloseable {

    /** The longest input the model takes, in tokens, with [CLS] and [SEP]. */
    static final int MAX_TOKENS = 512;
    /** Padded tokens per batch: 512-1024 measured 10-15% faster here than 2,048 or 8,192 (the batch stays in cache). */
    private static final int BATCH_TOKENS = 1024;
    private static final int MAX_BATCH = 32;

    private final String name;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final byte[] tokenizerJson;
    private final boolean typeIds;
    private final int dimension;
    private volatile EmbeddingModel longTexts;

    private BertEncoder(String name, OrtSession session, HuggingFaceTokenizer tokenizer, byte[] tokenizerJson)
            throws OrtException {
        this.name = name;
        this.environment = OrtEnvironment.getEnvironment();
        this.session = session;
        this.tokenizerJson = tokenizerJson;
        this.tokenizer = tokenizer;
        this.typeIds = session.getInputNames().contains("token_type_ids");
        this.dimension = outputDimension(session);
    }

    /**
     * Loads a model from its ONNX graph and tokenizer.json, held in memory.
     *
     * @param name    a name for the model, used in the embedding cache's key: it must change when the weights do
     * @param threads ONNX Runtime's threads for one batch; usually the core count
     */
    public static BertEncoder load(String name, byte[] onnx, byte[] tokenizerJson, int threads) {
        return load(name, (env, options) -> env.createSession(onnx, options), tokenizerJson, threads);
    }

    /** Loads a model from its ONNX graph and tokenizer.json files (quicker: ONNX Runtime reads the file itself). */
    public static BertEncoder load(String name, Path onnx, Path tokenizerJson, int threads) {
        try {
            return load(name, (env, options) -> env.createSession(onnx.toString(), options),
                    Files.readAllBytes(tokenizerJson), threads);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tokenizerJson, e);
        }
    }

    private static BertEncoder load(String name, SessionFactory factory, byte[] tokenizerJson, int threads) {
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
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = factory.create(OrtEnvironment.getEnvironment(), options);
            try {
                return new BertEncoder(name, session, tokenizer.join(), tokenizerJson);
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

    private interface SessionFactory {
        OrtSession create(OrtEnvironment environment, OrtSession.SessionOptions options) throws OrtException;
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

    @Override
    public Response<Embedding> embed(String text) {
        return Response.from(embedAll(List.of(TextSegment.from(text))).content().get(0));
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return embed(segment.text());
    }

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
     * Embeds texts, in their order, telling {@code done} how many are finished after each batch.
     *
     * @throws IllegalArgumentException when a text is blank
     */
    public float[][] embedTexts(List<String> texts, IntConsumer done) {
        Encoding[] encodings = new Encoding[texts.size()];
        for (int i = 0; i < encodings.length; i++) {
            if (texts.get(i).isBlank()) {
                throw new IllegalArgumentException("cannot embed a blank text (item " + i + ")");
            }
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
            try (OrtSession.Result result = session.run(inputs, Set.of(session.getOutputNames().iterator().next()))) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                int dim = hidden.capacity() / (rows * width);
                for (int r = 0; r < rows; r++) {
                    int tokens = encodings[fit.get(r)].getIds().length;
                    out[fit.get(r)] = meanPoolNormalized(hidden, r * width * dim, tokens, dim);
                }
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed to embed: " + e.getMessage(), e);
        }
    }

    /** The unit-length mean of the first {@code tokens} token vectors of one row (its padding left out). */
    private static float[] meanPoolNormalized(FloatBuffer hidden, int offset, int tokens, int dim) {
        float[] v = new float[dim];
        for (int t = 0; t < tokens; t++) {
            int base = offset + t * dim;
            for (int d = 0; d < dim; d++) {
                v[d] += hidden.get(base + d);
            }
        }
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            v[d] /= tokens;
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
                            new ByteArrayInputStream(tokenizerJson), PoolingMode.MEAN));
                }
                m = longTexts;
            }
        }
        return m.embed(text).content().vector();
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
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
