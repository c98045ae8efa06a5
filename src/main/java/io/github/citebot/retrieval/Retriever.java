package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.index.Rescorer;
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
        Rescorer.Pending second = startSecond(query); // first: it runs while this thread embeds and searches
        return unscored(query, index.embed(QuestionWords.normalize(query)), second).scored(scorer);
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
        // The second model embeds the queries one by one on its thread while the first embeds them in batches.
        List<Rescorer.Pending> second = queries.stream().map(this::startSecond).toList();
        List<Embedding> embedded = index.embedQueries(queries.stream().map(QuestionWords::normalize).toList());
        List<Ranking> out = new ArrayList<>(queries.size());
        for (int i = 0; i < queries.size(); i++) {
            out.add(unscored(queries.get(i), embedded.get(i), second.get(i)));
        }
        return out;
    }

    /**
     * The second model's embedding of the query begun, or null without a second model. It sees the question as
     * typed (its own query prefix added): embedded once, then a dot product per candidate with the vectors
     * computed at index time.
     */
    private Rescorer.Pending startSecond(String query) {
        return index.rescorer().map(r -> r.start(QuestionWords.normalize(query))).orElse(null);
    }

    private Ranking unscored(String query, Embedding embedded, Rescorer.Pending second) {
        String keywords = QuestionWords.strip(query);
        List<Candidate> found = search.find(embedded, keywords);
        double[] cosines = second == null ? null : second.cosines(found.stream().map(Candidate::sentence).toList());
        return features.extract(query, keywords, found, cosines);
    }
}
