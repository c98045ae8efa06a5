package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.citebot.corpus.Sentence;

import java.util.List;

/**
 * The default backend: sentence embeddings in a LangChain4j {@link EmbeddingStore} (a {@link VectorStore}
 * unless another, such as LangChain4j's {@link InMemoryEmbeddingStore}, is given) beside a Lucene BM25 index in
 * memory.
 */
public final class MemoryBackend implements SearchBackend {

    private final EmbeddingStore<TextSegment> store;
    private final LexicalIndex lexical = new LexicalIndex();

    public MemoryBackend() {
        this(new VectorStore());
    }

    public MemoryBackend(EmbeddingStore<TextSegment> store) {
        this.store = store;
    }

    @Override
    public void add(List<Sentence> sentences, List<Embedding> embeddings) {
        if (sentences.size() != embeddings.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + embeddings.size() + " embeddings");
        }
        List<String> ids = sentences.stream().map(Sentence::id).toList();
        store.removeAll(ids);
        store.addAll(ids, embeddings, sentences.stream().map(s -> TextSegment.from(s.text())).toList());
        lexical.add(sentences);
    }

    @Override
    public List<Hit> dense(Embedding query, int k) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(k).minScore(0.0).build())
                .matches().stream()
                // The in-memory stores report (cosine + 1) / 2; report the cosine itself.
                .map(m -> new Hit(m.embeddingId(), 2 * m.score() - 1, m.embedding()))
                .toList();
    }

    @Override
    public List<Hit> lexical(String question, int k) {
        return lexical.search(question, k);
    }

    @Override
    public int size() {
        return lexical.size();
    }

    @Override
    public void close() {
        lexical.close();
    }
}
