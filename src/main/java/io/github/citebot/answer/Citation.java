package io.github.citebot.answer;

import java.util.Objects;

/**
 * One cited sentence of an answer.
 *
 * @param n        the citation's number in the answer, from 1
 * @param source   the article's source id (its file name)
 * @param outlet   the article's outlet, or "" when not known
 * @param title    the article's title
 * @param url      the article's original address, or "" when not known
 * @param published the day the article was published (ISO 8601, "2015-04-30"), or "" when not known
 * @param sentence the cited sentence, verbatim from the source
 * @param context  the sentence before it, which it needs to make sense ("He said."), or "" when it stands alone
 * @param score    the retrieval score, 0 to 1, higher is more relevant
 * @param evidence why this sentence was chosen: its ranks and scores in the dense and BM25 searches
 */
public record Citation(int n, String source, String outlet, String title, String url, String published,
                       String sentence, String context, double score, Evidence evidence) {

    /**
     * How a cited sentence ranked in each search. A rank of 0 means the search did not return it.
     *
     * @param denseRank   rank in the embedding (dense) search, from 1
     * @param denseScore  cosine similarity between question and sentence
     * @param lexicalRank rank in the BM25 search, from 1
     * @param lexicalScore BM25 score
     */
    public record Evidence(int denseRank, double denseScore, int lexicalRank, double lexicalScore) {
    }

    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(outlet, "outlet");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(published, "published");
        Objects.requireNonNull(sentence, "sentence");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(evidence, "evidence");
    }

    /** A citation of an article whose address and date are not known. */
    public Citation(int n, String source, String outlet, String title, String sentence, String context, double score,
                    Evidence evidence) {
        this(n, source, outlet, title, "", "", sentence, context, score, evidence);
    }
}
