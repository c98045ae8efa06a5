package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The searchable corpus: the articles, their sentences by id, the embedding model and the backend that holds
 * the sentences' embeddings and BM25 index. Immutable once built; safe to search from many threads.
 */
public final class SentenceIndex implements AutoCloseable {

    /** Sentences are embedded this many at a time, so progress can be reported as it goes. */
    private static final int BATCH = 64;

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
        List<Sentence> all = articles.stream().flatMap(a -> a.sentences().stream()).toList();
        progress.update(articles.size(), 0, all.size());
        for (int from = 0; from < all.size(); from += BATCH) {
            List<Sentence> batch = all.subList(from, Math.min(all.size(), from + BATCH));
            List<TextSegment> segments = new ArrayList<>(batch.size());
            for (Sentence s : batch) {
                segments.add(TextSegment.from(s.text()));
            }
            List<Embedding> embeddings = model.embedAll(segments).content();
            backend.add(batch, embeddings);
            progress.update(articles.size(), from + batch.size(), all.size());
        }
        backend.commit();
        return new SentenceIndex(articles, model, backend);
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
