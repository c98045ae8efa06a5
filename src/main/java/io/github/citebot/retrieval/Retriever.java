package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.index.SentenceIndex;

import java.util.ArrayList;
import java.util.List;

/**
 * The first three stages of retrieval: candidates from both searches ({@link CandidateSearch}), their features
 * ({@link FeatureExtractor}), and their scores ({@link Scorer}). Thread-safe: it holds no state beyond the index
 * and what the feature stage works out once from the articles.
 *
 * <p>{@link #rank(String)} is the entry point for callers that search with their own query text (a follow-up
 * rewritten with the conversation's earlier turns); {@link Answerer#answer(String, Ranking, int)} makes the
 * answer from what it returns.
 */
public final class Retriever {

    private final SentenceIndex index;
    private final CandidateSearch search;
    private final FeatureExtractor features;
    private final Scorer scorer;

    /** Retrieval with the bundled learned ranker. */
    public Retriever(SentenceIndex index) {
        this(index, RankerModel.bundled().ranker());
    }

    public Retriever(SentenceIndex index, Scorer scorer) {
        this.index = index;
        this.search = new CandidateSearch(index);
        this.features = new FeatureExtractor(index.articles());
        this.scorer = scorer;
    }

    public SentenceIndex index() {
        return index;
    }

    public Scorer scorer() {
        return scorer;
    }

    /** The candidates for a query, scored, most relevant first. */
    public Ranking rank(String query) {
        return unscored(query, index.embed(QuestionWords.normalize(query))).scored(scorer);
    }

    /** {@link #rank(String)} for many queries, the queries embedded in batches (much faster than one by one). */
    public List<Ranking> rankAll(List<String> queries) {
        List<Ranking> out = new ArrayList<>(queries.size());
        for (Ranking r : unscoredAll(queries)) {
            out.add(r.scored(scorer));
        }
        return out;
    }

    /** The candidates for each query with their features, not yet scored: what a scorer is trained on. */
    public List<Ranking> unscoredAll(List<String> queries) {
        List<Embedding> embedded = index.embedQueries(queries.stream().map(QuestionWords::normalize).toList());
        List<Ranking> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            out.add(unscored(queries.get(i), embedded.get(i)));
        }
        return out;
    }

    private Ranking unscored(String query, Embedding embedded) {
        String keywords = QuestionWords.strip(query);
        List<Candidate> found = search.find(embedded, keywords);
        // The second model sees the question as typed (its own query prefix added): embedded once, then a dot
        // product per candidate with the vectors computed at index time.
        double[] second = index.rescorer().map(r -> r.secondCosines(QuestionWords.normalize(query),
                found.stream().map(Candidate::sentence).toList())).orElse(null);
        return features.extract(query, keywords, found, second);
    }
}
