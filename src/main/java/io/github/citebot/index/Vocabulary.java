package io.github.citebot.index;

import io.github.citebot.corpus.Sentence;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

/**
 * The corpus's vocabulary as the BM25 index sees it (English analysis: lower case, stop words out, stemmed),
 * with how many sentences hold each term, so retrieval can weigh a question's words by how telling they are.
 */
public final class Vocabulary {

    /** The analysis shared by the BM25 index and retrieval; Lucene analyzers are safe to share between threads. */
    static final Analyzer ANALYZER = new EnglishAnalyzer();

    /** Two terms this long or longer, one the start of the other, count as one word ("rule" and "ruler"). */
    static final int MIN_SHARED_PREFIX = 4;

    private final NavigableMap<String, Integer> documentFrequency = new TreeMap<>();
    /** Each sentence's terms, analysed once here rather than at every question that finds it. */
    private final Map<String, Set<String>> sentenceTerms = new HashMap<>();
    private final int sentences;

    public Vocabulary(Collection<Sentence> corpus) {
        for (Sentence s : corpus) {
            Set<String> terms = terms(s.text());
            sentenceTerms.put(s.id(), Set.copyOf(terms));
            for (String t : terms) {
                documentFrequency.merge(t, 1, Integer::sum);
            }
        }
        this.sentences = corpus.size();
    }

    /** The analysed terms of a sentence of the corpus (of any other sentence, analysed now). */
    public Set<String> termsOf(Sentence s) {
        Set<String> terms = sentenceTerms.get(s.id());
        return terms != null ? terms : terms(s.text());
    }

    /** The analysed terms of a text, in order, without repeats. */
    public static Set<String> terms(String text) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream ts = ANALYZER.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                terms.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Inverse document frequency, as BM25 computes it; a term the corpus lacks gets the highest weight. */
    public double idf(String term) {
        int df = documentFrequency.getOrDefault(term, 0);
        return Math.log(1 + (sentences - df + 0.5) / (df + 0.5));
    }

    /**
     * Whether any sentence of the corpus holds the term or a form of it that the stemmer left apart: a term that
     * begins with it, or that it begins with ("ruler" is known when the corpus has "rule", "shown" with "show").
     */
    public boolean known(String term) {
        if (documentFrequency.containsKey(term)) {
            return true;
        }
        if (term.length() < MIN_SHARED_PREFIX) {
            return false;
        }
        String longer = documentFrequency.ceilingKey(term);
        if (longer != null && longer.startsWith(term)) {
            return true;
        }
        for (int end = term.length() - 1; end >= MIN_SHARED_PREFIX; end--) {
            if (documentFrequency.containsKey(term.substring(0, end))) {
                return true;
            }
        }
        return false;
    }
}
