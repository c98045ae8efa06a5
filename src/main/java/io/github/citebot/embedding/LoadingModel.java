package io.github.citebot.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.citebot.CiteBotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * An embedding model that loads in a background thread, so the corpus can be read and indexed from the cache
 * meanwhile; the first call that needs the model waits for it. A load that fails fails that call with the
 * loader's exception.
 */
public final class LoadingModel implements EmbeddingModel, QueryEncoder, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LoadingModel.class);

    private final String name;
    private final CompletableFuture<EmbeddingModel> model;

    private LoadingModel(String name, CompletableFuture<EmbeddingModel> model) {
        this.name = name;
        this.model = model;
    }

    /** Starts loading the model now, in a daemon thread. */
    public static LoadingModel start(String name, Supplier<? extends EmbeddingModel> loader) {
        CompletableFuture<EmbeddingModel> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                long start = System.nanoTime();
                f.complete(loader.get());
                LOG.info("loaded the model {} in {} ms", name, (System.nanoTime() - start) / 1_000_000);
            } catch (Throwable e) {
                f.completeExceptionally(e);
            }
        }, "citebot-model-loader");
        t.setDaemon(true);
        t.start();
        return new LoadingModel(name, f);
    }

    /** The model, waiting for it to load if it must. */
    public EmbeddingModel get() {
        try {
            return model.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof CiteBotException ce) {
                throw new CiteBotException(ce.getMessage(), ce); // the one-line message, with this call's stack
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw new IllegalStateException("the model failed to load: " + re.getMessage(), re);
            }
            throw e;
        }
    }

    @Override
    public String modelName() {
        return name;
    }

    @Override
    public int dimension() {
        return get().dimension();
    }

    @Override
    public Response<Embedding> embed(String text) {
        return get().embed(text);
    }

    @Override
    public Response<Embedding> embed(TextSegment segment) {
        return get().embed(segment);
    }

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        return get().embedAll(segments);
    }

    @Override
    public float[][] embedQueries(List<String> questions) {
        EmbeddingModel m = get();
        return m instanceof QueryEncoder batch ? batch.embedQueries(questions)
                : questions.stream().map(q -> m.embed(q).content().vector()).toArray(float[][]::new);
    }

    /**
     * Waits for the model and closes it if it can be closed. It waits even for a model never used: a JVM that
     * exits while ONNX Runtime is still building a session in the loader thread crashes in native code.
     */
    @Override
    public void close() {
        try {
            if (model.join() instanceof AutoCloseable c) {
                c.close();
            }
        } catch (CompletionException e) {
            // It never loaded: nothing to close.
        } catch (Exception e) {
            throw new CiteBotException("cannot close the model: " + e.getMessage(), e);
        }
    }
}
