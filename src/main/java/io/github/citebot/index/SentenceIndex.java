package io.github.citebot.index;

import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.EmbeddingCache;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The searchable corpus: the articles, their sentences by id, the embedding model and the backend that holds
 * the sentences' embeddings and BM25 index, and optionally a second model's vectors of every sentence for
 * re-scoring ({@link #rescorer()}). Immutable once built; safe to search from many threads.
 */
public final class SentenceIndex implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentenceIndex.class);

    /** Sentences are embedded this many at a time, so progress can be reported as it goes. */
    private static final int BATCH = 512;

    private final List<Article> articles;
    private final Map<String, Article> bySource = new HashMap<>();
    private final Map<String, Sentence> byId = new HashMap<>();
    private final EmbeddingModel model;
    private final SearchBackend backend;
    private final Rescorer rescorer;

    /** An embedding model with the cache of its sentence vectors. */
    public record Embedder(EmbeddingModel model, EmbeddingCache cache) {
    }

    private SentenceIndex(List<Article> articles, EmbeddingModel model, SearchBackend backend, Rescorer rescorer) {
        this.articles = List.copyOf(articles);
        this.model = model;
        this.backend = backend;
        this.rescorer = rescorer;
        for (Article a : articles) {
            bySource.put(a.source(), a);
            for (Sentence s : a.sentences()) {
                byId.put(s.id(), s);
            }
        }
    }

    /** Embeds every sentence of the articles with the model and adds them to the backend. */
    public static SentenceIndex build(List<Article> articles, EmbeddingModel model, SearchBackend backend,
                                      IndexProgress progress) {
        return build(articles, model, EmbeddingCache.inMemory(model.modelName()), backend, progress);
    }

    /**
     * Adds every sentence of the articles to the backend, embedding only those whose text the cache lacks
     * (and adding them to it; the cache is saved when any was embedded).
     */
    public static SentenceIndex build(List<Article> articles, EmbeddingModel model, EmbeddingCache cache,
                                      SearchBackend backend, IndexProgress progress) {
        return build(articles, new Embedder(model, cache), null, backend, progress);
    }

    /**
     * {@link #build(List, EmbeddingModel, EmbeddingCache, SearchBackend, IndexProgress)}, and when {@code second}
     * is not null, every sentence's vector in that model too (from its cache where it can), for {@link #rescorer()}.
     */
    public static SentenceIndex build(List<Article> articles, Embedder first, Embedder second, SearchBackend backend,
                                      IndexProgress progress) {
        long start = System.nanoTime();
        List<Sentence> all = articles.stream().flatMap(a -> a.sentences().stream()).toList();
        float[][] vectors = cached(all, first.cache());
        float[][] secondVectors = second == null ? new float[0][] : cached(all, second.cache());
        List<Integer> missing = missing(vectors);
        List<Integer> secondMissing = missing(secondVectors);
        int total = missing.size() + secondMissing.size();
        progress.update(articles.size(), 0, total);
        embed(all, vectors, first, missing, done -> progress.update(articles.size(), done, total));
        Rescorer rescorer = null;
        if (second != null) {
            embed(all, secondVectors, second, secondMissing,
                    done -> progress.update(articles.size(), missing.size() + done, total));
            Map<String, float[]> byId = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                byId.put(all.get(i).id(), secondVectors[i]);
            }
            rescorer = new Rescorer(second.model(), byId);
        }
        List<Embedding> embeddings = new ArrayList<>(all.size());
        for (float[] v : vectors) {
            embeddings.add(Embedding.from(v));
        }
        backend.add(all, embeddings);
        backend.commit();
        LOG.info("indexed {} articles, {} sentences ({} embedded, {} from the cache{}) in {} ms", articles.size(),
                all.size(), missing.size(), all.size() - missing.size(),
                second == null ? "" : "; " + secondMissing.size() + " embedded with " + second.model().modelName(),
                (System.nanoTime() - start) / 1_000_000);
        return new SentenceIndex(articles, first.model(), backend, rescorer);
    }

    /** The sentences' vectors in the cache, null where it lacks one. */
    private static float[][] cached(List<Sentence> all, EmbeddingCache cache) {
        float[][] vectors = new float[all.size()][];
        for (int i = 0; i < all.size(); i++) {
            vectors[i] = cache.get(all.get(i).text());
        }
        return vectors;
    }

    private static List<Integer> missing(float[][] vectors) {
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < vectors.length; i++) {
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        return missing;
    }

    /** Embeds the missing sentences into {@code vectors} and the cache (saved when any was embedded). */
    private static void embed(List<Sentence> all, float[][] vectors, Embedder embedder, List<Integer> missing,
                              java.util.function.IntConsumer done) {
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<String> texts = chunk.stream().map(i -> all.get(i).text()).toList();
            float[][] embedded = embed(embedder.model(), texts);
            for (int j = 0; j < chunk.size(); j++) {
                vectors[chunk.get(j)] = embedded[j];
                embedder.cache().put(texts.get(j), embedded[j]);
            }
            done.accept(from + chunk.size());
        }
        if (!missing.isEmpty()) {
            embedder.cache().save();
        }
    }

    private static float[][] embed(EmbeddingModel model, List<String> texts) {
        if (model instanceof BertEncoder bert) {
            return bert.embedTexts(texts, n -> { });
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        return model.embedAll(segments).content().stream().map(Embedding::vector).toArray(float[][]::new);
    }

    public List<Article> articles() {
        return articles;
    }

    public Article article(String source) {
        return bySource.get(source);
    }

    /** The sentence of this id, or null when the index does not hold it. */
    public Sentence sentence(String id) {
        return byId.get(id);
    }

    /** The sentence before or after this one in its article, or null at either end. */
    public Sentence neighbour(Sentence s, int offset) {
        List<Sentence> sentences = bySource.get(s.source()).sentences();
        int i = s.index() + offset;
        return i >= 0 && i < sentences.size() ? sentences.get(i) : null;
    }

    public int sentenceCount() {
        return byId.size();
    }

    /** The second model's re-scorer, when the index was built with one. */
    public Optional<Rescorer> rescorer() {
        return Optional.ofNullable(rescorer);
    }

    public Embedding embed(String text) {
        return model.embed(text).content();
    }

    public List<Hit> dense(Embedding query, int k) {
        return backend.dense(query, k);
    }

    public List<Hit> lexical(String question, int k) {
        return backend.lexical(question, k);
    }

    @Override
    public void close() {
        backend.close();
    }
}
