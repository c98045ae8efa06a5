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
import java.util.Set;

/**
 * The corpus's vocabulary as the BM25 index sees it (English analysis: lower case, stop words out, stemmed),
 * with how many sentences hold each term, so retrieval can weigh a question's words by how telling they are.
 */
public final class Vocabulary {

    /** The analysis shared by the BM25 index and retrieval; Lucene analyzers are safe to share between threads. */
    static final Analyzer ANALYZER = new EnglishAnalyzer();

    private final Map<String, Integer> documentFrequency = new HashMap<>();
    private final int sentences;

    public Vocabulary(Collection<Sentence> corpus) {
        for (Sentence s : corpus) {
            for (String t : terms(s.text())) {
                documentFrequency.merge(t, 1, Integer::sum);
            }
        }
        this.sentences = corpus.size();
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

    /** Whether any sentence of the corpus holds the term. */
    public boolean known(String term) {
        return documentFrequency.containsKey(term);
    }
}
