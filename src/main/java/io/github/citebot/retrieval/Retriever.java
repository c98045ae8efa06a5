package io.github.citebot.retrieval;

import dev.langchain4j.data.embedding.Embedding;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.Hit;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.index.Vocabulary;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Hybrid retrieval: the dense and BM25 searches' candidates are merged and re-ranked by a relevance that weighs
 * meaning (cosine similarity), the question's telling words found in the sentence (IDF-weighted coverage), BM25,
 * whether the sentence holds the kind of answer the question asks for, and whether it only says that the answer
 * is unknown. Thread-safe: it holds no state beyond the index.
 */
public final class Retriever {

    /** How many candidates each search contributes. */
    static final int CANDIDATES = 50;
    static final double W_DENSE = 0.70;
    static final double W_COVERAGE = 0.20;
    static final double W_BM25 = 0.10;
    /** Weight of a question term found only in the sentence before, relative to one in the sentence itself. */
    static final double CONTEXT_TERM_WEIGHT = 0.5;
    static final double NON_ANSWER_PENALTY = 0.25;

    /** Sentences that say the answer is not known: "it was not clear why", "He did not elaborate." */
    private static final Pattern NON_ANSWER = Pattern.compile("(?i)\\b(not (immediately )?clear|unclear"
            + "|no (further )?explanation|did not elaborate|declined to (comment|elaborate|say)|(is|was|remains) unknown)\\b");

    private final SentenceIndex index;
    private final Vocabulary vocabulary;

    public Retriever(SentenceIndex index) {
        this.index = index;
        this.vocabulary = new Vocabulary(index.articles().stream().flatMap(a -> a.sentences().stream()).toList());
    }

    public SentenceIndex index() {
        return index;
    }

    /** The candidates for a question, most relevant first. */
    Ranking rank(String question) {
        Embedding q = index.embed(QuestionWords.normalize(question));
        Map<String, Candidate> byId = new LinkedHashMap<>();
        List<Hit> dense = index.dense(q, CANDIDATES);
        for (int i = 0; i < dense.size(); i++) {
            Hit h = dense.get(i);
            Sentence s = index.sentence(h.id());
            if (s != null) {
                byId.put(h.id(), new Candidate(s, h.embedding(), i + 1, h.score(), 0, 0, 0, 0));
            }
        }
        double floor = dense.isEmpty() ? 0 : dense.get(dense.size() - 1).score();
        String keywords = QuestionWords.strip(question);
        List<Hit> lexical = index.lexical(keywords, CANDIDATES);
        double maxBm25 = lexical.isEmpty() ? 1 : lexical.get(0).score();
        for (int i = 0; i < lexical.size(); i++) {
            Hit h = lexical.get(i);
            Candidate c = byId.get(h.id());
            Sentence s = index.sentence(h.id());
            if (c != null) {
                byId.put(h.id(), new Candidate(s, c.embedding(), c.denseRank(), c.denseScore(), i + 1, h.score(), 0, 0));
            } else if (s != null) {
                byId.put(h.id(), new Candidate(s, null, 0, floor, i + 1, h.score(), 0, 0));
            }
        }
        QuestionType type = QuestionType.of(question);
        Set<String> terms = Vocabulary.terms(keywords);
        double termWeight = terms.stream().mapToDouble(vocabulary::idf).sum();
        double unknownWeight = terms.stream().filter(t -> !vocabulary.known(t)).mapToDouble(vocabulary::idf).sum();
        List<Candidate> ranked = new ArrayList<>();
        for (Candidate c : byId.values()) {
            ranked.add(score(c, type, terms, termWeight, maxBm25));
        }
        ranked.sort(Comparator.comparingDouble(Candidate::relevance).reversed());
        return new Ranking(ranked, termWeight > 0 ? unknownWeight / termWeight : 0, type);
    }

    private Candidate score(Candidate c, QuestionType type, Set<String> terms, double termWeight, double maxBm25) {
        String text = c.sentence().text();
        double coverage = 0;
        if (termWeight > 0) {
            Set<String> own = vocabulary.termsOf(c.sentence());
            Sentence before = index.neighbour(c.sentence(), -1);
            Set<String> context = before == null ? Set.of() : vocabulary.termsOf(before);
            for (String t : terms) {
                if (own.contains(t)) {
                    coverage += vocabulary.idf(t);
                } else if (context.contains(t)) {
                    coverage += CONTEXT_TERM_WEIGHT * vocabulary.idf(t);
                }
            }
            coverage /= termWeight;
        }
        double bm25 = maxBm25 > 0 ? c.lexicalScore() / maxBm25 : 0;
        double r = W_DENSE * c.denseScore() + W_COVERAGE * coverage + W_BM25 * bm25;
        r += type.answeredBy(text) ? type.matchBonus() : -type.missPenalty();
        if (NON_ANSWER.matcher(text).find()) {
            r -= NON_ANSWER_PENALTY;
        }
        return c.scored(coverage, r);
    }
}
