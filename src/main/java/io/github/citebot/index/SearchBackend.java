package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.corpus.Sentence;

import java.util.List;

/**
 * Where sentences are stored and searched: a dense (embedding) search and a lexical (BM25) search over the same
 * sentences. The in-memory backend is the default; a networked engine can take its place without any change to
 * retrieval, which fuses and re-ranks what both searches return.
 */
public interface SearchBackend extends AutoCloseable {

    /**
     * Adds sentences with their embeddings, in the same order. Adding a sentence id that is already present
     * replaces it.
     */
    void add(List<Sentence> sentences, List<Embedding> embeddings);

    /** The {@code k} sentences nearest to the query embedding, best first, scored by cosine similarity. */
    List<Hit> dense(Embedding query, int k);

    /** The {@code k} best BM25 matches for the question text, best first. */
    List<Hit> lexical(String question, int k);

    /**
     * Called once the build has added every sentence of the corpus: makes them searchable, all at once. A backend
     * that is searched while it is being filled (a shared, networked store) serves the previous complete corpus
     * until then; the in-memory backend has nothing to do.
     */
    default void commit() {
    }

    /** The number of sentences stored. */
    int size();

    @Override
    default void close() {
    }
}
