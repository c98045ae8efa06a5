package io.github.citebot.retrieval;

import io.github.citebot.index.SentenceIndex;

import java.util.Locale;

/**
 * Which ranking answers: citebot's learned ranker with claims and calibrated refusal, or one of the textbook
 * baselines run through the same stages (same candidates, same features) that cite their top three and never
 * refuse, so that every figure can be measured beside them in the same run.
 */
public enum Ranker {
    /** The learned ranker, claim grouping and calibrated refusal. */
    CITEBOT,
    /** BM25 over sentences. */
    BM25,
    /** Cosine similarity of the embeddings (all-MiniLM-L6-v2). */
    DENSE,
    /** Reciprocal rank fusion of the BM25 and dense searches. */
    RRF;

    /** How many sentences a baseline cites. */
    public static final int BASELINE_CITATIONS = 3;

    /** The answerer this ranker makes over an index. */
    public Answerer answerer(SentenceIndex index, RankerModel model) {
        return switch (this) {
            case CITEBOT -> new Answerer(new Retriever(index, model.ranker()), Answerer.learned(model),
                    new ClaimGrouper(ClaimGrouper.SAME_CLAIM), Answerer.KEEP_SHARE, Integer.MAX_VALUE);
            case BM25 -> baseline(index, Scorer.of(Feature.BM25));
            case DENSE -> baseline(index, Scorer.of(Feature.COSINE));
            case RRF -> baseline(index, Scorer.reciprocalRankFusion());
        };
    }

    private static Answerer baseline(SentenceIndex index, Scorer scorer) {
        return new Answerer(new Retriever(index, scorer), Answerability.always(), ClaimGrouper.NONE, 0,
                BASELINE_CITATIONS);
    }

    /** The name on the command line. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
