package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Sentence;

/** Hand-made candidates for the stage tests: no model, no index. */
final class Stages {

    private Stages() {
    }

    static Candidate candidate(String source, int index, float[] vector, double score, Features features) {
        return new Candidate(new Sentence(source, index, 0, "Sentence " + index + " of " + source + "."),
                vector == null ? null : Embedding.from(vector), new Citation.Evidence(index + 1, 0.5, 0, 0), features, score);
    }

    static Features features(double cosine, double coverage) {
        return Features.none().with(Feature.COSINE, cosine).with(Feature.COVERAGE, coverage);
    }
}
