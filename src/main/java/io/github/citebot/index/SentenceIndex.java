package io.github.citebot.index;

import io.github.citebot.CiteBotException;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.EmbeddingCache;
import io.github.citebot.embedding.QueryEncoder;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Names;
import io.github.citebot.corpus.Sentence;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    /** Worked out at the first call: only a conversation's follow-ups need it. */
    private volatile Names names;

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
     * Adds every sentence of the articles to the backend, embedding only the texts the cache lacks, each distinct
     * text once (a sentence repeated across copies of an article costs one embedding). What is embedded is added
     * to the cache and saved as it goes, so an interrupted build (the thread interrupted, the process stopped)
     * loses at most the last few batches, and a restart embeds only what is still missing.
     *
     * @throws CiteBotException when the building thread is interrupted (what was embedded is saved first)
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
        float[][] vectors = new float[all.size()][];
        Map<String, List<Integer>> missing = missing(all, vectors, first.cache());
        float[][] secondVectors = new float[second == null ? 0 : all.size()][];
        Map<String, List<Integer>> secondMissing = second == null ? Map.of() : missing(all, secondVectors, second.cache());
        int total = missing.size() + secondMissing.size();
        progress.update(articles.size(), 0, total);
        embed(vectors, first, missing, done -> progress.update(articles.size(), done, total));
        Rescorer rescorer = null;
        if (second != null) {
            embed(secondVectors, second, secondMissing,
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
        LOG.info("indexed {} articles, {} sentences ({} distinct texts embedded, the others from the cache or repeated{}) "
                + "in {} ms", articles.size(), all.size(), missing.size(),
                second == null ? "" : "; " + secondMissing.size() + " embedded with " + second.model().modelName(),
                (System.nanoTime() - start) / 1_000_000);
        return new SentenceIndex(articles, first.model(), backend, rescorer);
    }

    /**
     * Fills {@code vectors} from the cache and returns the texts it lacks, each with the sentences that have it,
     * so that a text repeated across the corpus is embedded once.
     */
    private static Map<String, List<Integer>> missing(List<Sentence> all, float[][] vectors, EmbeddingCache cache) {
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            vectors[i] = cache.get(all.get(i).text());
            if (vectors[i] == null) {
                missing.computeIfAbsent(all.get(i).text(), t -> new ArrayList<>()).add(i);
            }
        }
        return missing;
    }

    /**
     * Embeds the missing texts into {@code vectors} and the cache, saving the cache as it goes, so an interrupted
     * run keeps what it embedded.
     */
    private static void embed(float[][] vectors, Embedder embedder, Map<String, List<Integer>> missing,
                              java.util.function.IntConsumer done) {
        EmbeddingCache cache = embedder.cache();
        List<String> texts = new ArrayList<>(missing.keySet());
        for (int from = 0; from < texts.size(); from += BATCH) {
            if (Thread.interrupted()) { // cleared, so the save below can read the file it merges with
                cache.save();
                throw new CiteBotException("indexing interrupted after " + from + " of " + texts.size()
                        + " sentences; those are saved in the embedding cache");
            }
            List<String> chunk = texts.subList(from, Math.min(texts.size(), from + BATCH));
            float[][] embedded = embed(embedder.model(), chunk);
            for (int j = 0; j < chunk.size(); j++) {
                for (int i : missing.get(chunk.get(j))) {
                    vectors[i] = embedded[j];
                }
                cache.put(chunk.get(j), embedded[j]);
            }
            cache.saveIfDue();
            done.accept(from + chunk.size());
        }
        if (!texts.isEmpty()) {
            cache.save();
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

    /** The words the articles write as names. */
    public Names names() {
        Names n = names;
        if (n == null) {
            synchronized (this) {
                n = names;
                if (n == null) {
                    n = Names.of(byId.values());
                    names = n;
                }
            }
        }
        return n;
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

    /** Many questions embedded as {@link #embed} embeds one, in one batch where the model can: much faster. */
    public List<Embedding> embedQueries(List<String> questions) {
        if (questions.isEmpty()) {
            return List.of();
        }
        if (model instanceof QueryEncoder batch) {
            return java.util.Arrays.stream(batch.embedQueries(questions)).map(Embedding::from).toList();
        }
        return questions.stream().map(this::embed).toList();
    }

    public List<Hit> dense(Embedding query, int k) {
        return backend.dense(query, k);
    }

    public List<Hit> lexical(String question, int k) {
        return backend.lexical(question, k);
    }

    @Override
    public void close() {
        if (rescorer != null) {
            rescorer.close();
        }
        backend.close();
    }
}
