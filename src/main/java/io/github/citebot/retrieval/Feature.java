package io.github.citebot.retrieval;

import java.util.Locale;

/**
 * The named features retrieval computes. Candidate features describe one sentence for one question and feed the
 * ranking {@link Scorer}; question features describe the question and its ranking as a whole and, beside the
 * best candidate's own, feed {@link Answerability}. A model names the features it was trained on, so one more
 * feature is one more constant here and one more line in {@link FeatureExtractor}.
 */
public enum Feature {
    /** Cosine similarity of question and sentence (the dense search's last score when it did not return it). */
    COSINE(Scope.CANDIDATE),
    /** The best candidate's cosine minus this one's: how far behind the nearest sentence it is. */
    COSINE_GAP(Scope.CANDIDATE),
    /** 1 / rank in the dense search; 0 when that search did not return it. */
    DENSE_RECIPROCAL_RANK(Scope.CANDIDATE),
    /** BM25 score over the best BM25 score of the question; 0 when BM25 did not return it. */
    BM25(Scope.CANDIDATE),
    /** 1 / rank in the BM25 search; 0 when that search did not return it. */
    BM25_RECIPROCAL_RANK(Scope.CANDIDATE),
    /** IDF-weighted share of the question's telling words the sentence holds. */
    COVERAGE(Scope.CANDIDATE),
    /** IDF-weighted share of the question's telling words only the sentence before or after holds. */
    CONTEXT_COVERAGE(Scope.CANDIDATE),
    /** IDF-weighted share of the question's telling words the sentence's paragraph holds, anywhere in it. */
    PARAGRAPH_COVERAGE(Scope.CANDIDATE),
    /** IDF-weighted share of the question's telling words in the article's title. */
    TITLE_MATCH(Scope.CANDIDATE),
    /** 1 when the question asks for a kind of answer (a reason, a date, a number...) and the sentence holds one. */
    TYPE_MATCH(Scope.CANDIDATE),
    /** 1 when the question asks for a kind of answer every answer shows (date, age, number) and the sentence has none. */
    TYPE_MISS(Scope.CANDIDATE),
    /** 1 when the question asks why and the sentence holds no cue of a reason ("because", "citing", ...). */
    REASON_MISS(Scope.CANDIDATE),
    /** 1 when the sentence says the answer is not known ("it was not clear why"). */
    NON_ANSWER(Scope.CANDIDATE),
    /** Position of the sentence in its article, 0 (first) to 1 (last). */
    ARTICLE_POSITION(Scope.CANDIDATE),
    /** 1 when the sentence opens its paragraph. */
    PARAGRAPH_START(Scope.CANDIDATE),
    /** The higher cosine of the sentences before and after it (the dense search's last score when not found). */
    NEIGHBOUR_COSINE(Scope.CANDIDATE),
    /** log(1 + words in the sentence). */
    LENGTH(Scope.CANDIDATE),
    /** Cosine similarity of question and sentence in the second model (e5-small-v2); absent without one. */
    SECOND_COSINE(Scope.CANDIDATE),
    /** 1 / rank of the candidate among the candidates by second-model cosine. */
    SECOND_RECIPROCAL_RANK(Scope.CANDIDATE),

    /** The ranking score of the best candidate. */
    TOP_SCORE(Scope.QUESTION),
    /** The best candidate's ranking score minus the second's. */
    SCORE_MARGIN(Scope.QUESTION),
    /** The best cosine between the question and any sentence. */
    BEST_COSINE(Scope.QUESTION),
    /** The best cosine minus the mean of the ten best: a question the articles answer has a few sentences ahead. */
    COSINE_SPREAD(Scope.QUESTION),
    /** IDF-weighted share of the question's telling words no sentence of the corpus holds. */
    UNKNOWN_SHARE(Scope.QUESTION),
    /** log(1 + the best BM25 score): how much of the question's wording any one sentence shares. */
    BEST_BM25(Scope.QUESTION),
    /** The best second-model cosine among the candidates; absent without a second model. */
    BEST_SECOND_COSINE(Scope.QUESTION),
    /** {@link #COSINE_SPREAD} in the second model, over the candidates. */
    SECOND_COSINE_SPREAD(Scope.QUESTION);

    /** Whether a feature describes one candidate sentence or the question's whole ranking. */
    public enum Scope { CANDIDATE, QUESTION }

    private final Scope scope;

    Feature(Scope scope) {
        this.scope = scope;
    }

    public Scope scope() {
        return scope;
    }

    /** The name a model file uses: lower case, as {@code "cosine_gap"}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The feature a model file names, or null when there is none of that name. */
    public static Feature ofKey(String key) {
        for (Feature f : values()) {
            if (f.key().equals(key)) {
                return f;
            }
        }
        return null;
    }
}
