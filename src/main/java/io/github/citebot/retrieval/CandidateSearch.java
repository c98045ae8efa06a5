package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.Hit;
import io.github.citebot.index.SentenceIndex;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first stage: the union of what the dense search and the BM25 search return for a question, each sentence
 * once, with its rank and score in each search.
 */
final class CandidateSearch {

    /** How many candidates each search contributes. */
    static final int CANDIDATES = 50;

    private final SentenceIndex index;

    CandidateSearch(SentenceIndex index) {
        this.index = index;
    }

    /**
     * The candidates for a question: dense hits in their order, then BM25 hits the dense search missed. A sentence
     * only BM25 found gets the dense search's last score as its cosine: at most that, as far as is known.
     *
     * @param query    the question embedded
     * @param keywords the question without its question words, for BM25
     */
    List<Candidate> find(Embedding query, String keywords) {
        Map<String, Candidate> byId = new LinkedHashMap<>();
        List<Hit> dense = index.dense(query, CANDIDATES);
        for (int i = 0; i < dense.size(); i++) {
            Hit h = dense.get(i);
            Sentence s = index.sentence(h.id());
            if (s != null) {
                byId.put(h.id(), new Candidate(s, h.embedding(), new Citation.Evidence(i + 1, h.score(), 0, 0),
                        Features.none(), 0));
            }
        }
        double floor = dense.isEmpty() ? 0 : dense.get(dense.size() - 1).score();
        List<Hit> lexical = index.lexical(keywords, CANDIDATES);
        for (int i = 0; i < lexical.size(); i++) {
            Hit h = lexical.get(i);
            Candidate c = byId.get(h.id());
            Sentence s = index.sentence(h.id());
            if (c != null) {
                Citation.Evidence e = c.evidence();
                byId.put(h.id(), new Candidate(s, c.embedding(),
                        new Citation.Evidence(e.denseRank(), e.denseScore(), i + 1, h.score()), Features.none(), 0));
            } else if (s != null) {
                byId.put(h.id(), new Candidate(s, null, new Citation.Evidence(0, floor, i + 1, h.score()),
                        Features.none(), 0));
            }
        }
        return new ArrayList<>(byId.values());
    }
}
