package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Sentence;

/**
 * A sentence found by either search, with what the searches said of it, its features and its ranking score.
 *
 * @param sentence  the sentence
 * @param embedding its embedding, or null when only the lexical search found it
 * @param evidence  its ranks and scores in the dense and BM25 searches
 * @param features  its features for the question ({@link Features#none()} until the feature stage has run)
 * @param score     its ranking score (0 until the scorer has run); higher is more relevant
 */
public record Candidate(Sentence sentence, Embedding embedding, Citation.Evidence evidence, Features features,
                        double score) {

    Candidate withFeatures(Features f) {
        return new Candidate(sentence, embedding, evidence, f, score);
    }

    Candidate withScore(double s) {
        return new Candidate(sentence, embedding, evidence, features, s);
    }
}
