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

/**
 * The searchable corpus: the articles, their sentences by id, the embedding model and the backend that holds
 * the sentences' embeddings and BM25 index. Immutable once built; safe to search from many threads.
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

    private SentenceIndex(List<Article> articles, EmbeddingModel model, SearchBackend backend) {
        this.articles = List.copyOf(articles);
        this.model = model;
        this.backend = backend;
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
        long start = System.nanoTime();
        List<Sentence> all = articles.stream().flatMap(a -> a.sentences().stream()).toList();
        float[][] vectors = new float[all.size()][];
        List<Integer> missing = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            vectors[i] = cache.get(all.get(i).text());
            if (vectors[i] == null) {
                missing.add(i);
            }
        }
        progress.update(articles.size(), 0, missing.size());
        for (int from = 0; from < missing.size(); from += BATCH) {
            List<Integer> chunk = missing.subList(from, Math.min(missing.size(), from + BATCH));
            List<String> texts = chunk.stream().map(i -> all.get(i).text()).toList();
            float[][] embedded = embed(model, texts);
            for (int j = 0; j < chunk.size(); j++) {
                vectors[chunk.get(j)] = embedded[j];
                cache.put(texts.get(j), embedded[j]);
            }
            progress.update(articles.size(), from + chunk.size(), missing.size());
        }
        if (!missing.isEmpty()) {
            cache.save();
        }
        List<Embedding> embeddings = new ArrayList<>(all.size());
        for (float[] v : vectors) {
            embeddings.add(Embedding.from(v));
        }
        backend.add(all, embeddings);
        backend.commit();
        LOG.info("indexed {} articles, {} sentences ({} embedded, {} from the cache) in {} ms", articles.size(),
                all.size(), missing.size(), all.size() - missing.size(), (System.nanoTime() - start) / 1_000_000);
        return new SentenceIndex(articles, model, backend);
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

    public Embedding embed(String text) {
        return model.embed(text).content();
    }

    /** Many texts embedded in batches, in their order: much faster than one by one. */
    public List<Embedding> embedAll(List<String> texts) {
        return texts.isEmpty() ? List.of() : java.util.Arrays.stream(embed(model, texts)).map(Embedding::from).toList();
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
