package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.corpus.Sentence;

/**
 * A sentence found by either search, with what each search said of it and the relevance it was given.
 *
 * @param sentence     the sentence
 * @param embedding    its embedding, or null when only the lexical search found it
 * @param denseRank    rank in the dense search, from 1; 0 when that search did not return it
 * @param denseScore   cosine similarity to the question
 * @param lexicalRank  rank in the BM25 search, from 1; 0 when that search did not return it
 * @param lexicalScore BM25 score
 * @param coverage     share of the question's telling words (IDF-weighted) found in the sentence or, at half
 *                     weight, in the sentence before it
 * @param relevance    the re-ranked relevance, about 0 to 1
 */
record Candidate(Sentence sentence, Embedding embedding, int denseRank, double denseScore, int lexicalRank,
                 double lexicalScore, double coverage, double relevance) {

    Candidate scored(double coverage, double relevance) {
        return new Candidate(sentence, embedding, denseRank, denseScore, lexicalRank, lexicalScore, coverage, relevance);
    }
}
