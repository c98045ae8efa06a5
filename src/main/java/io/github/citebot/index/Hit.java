package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;

/**
 * One result of a search: a sentence id, its score in that search and, from a dense search, its embedding.
 *
 * @param id        the sentence id ({@code source#index})
 * @param score     the search's own score (cosine similarity for dense search, BM25 for lexical search)
 * @param embedding the sentence's embedding, or null when the search does not return it (lexical search)
 */
public record Hit(String id, double score, Embedding embedding) {

    /** A hit without an embedding. */
    public Hit(String id, double score) {
        this(id, score, null);
    }
}
