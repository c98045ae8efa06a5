package io.github.citebot.retrieval;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words that make a sentence a question (who, did, didn't, would...) rather than say what it is about. They
 * are left out of the lexical search and of term coverage, where they would favour sentences that merely share
 * them ("it was not clear why...").
 */
final class QuestionWords {

    private static final Set<String> WORDS = Set.of("who", "whom", "whose", "what", "which", "when", "where", "why",
            "how", "do", "does", "did", "didn't", "didnt", "doesn't", "doesnt", "don't", "dont", "is", "isn't",
            "isnt", "are", "aren't", "arent", "was", "wasn't", "wasnt", "were", "weren't", "werent", "has", "hasn't",
            "hasnt", "have", "haven't", "havent", "had", "hadn't", "hadnt", "will", "won't", "wont", "would",
            "wouldn't", "wouldnt", "can", "can't", "cant", "could", "couldn't", "couldnt", "should", "shall", "may",
            "might", "must", "ever", "there", "tell", "me", "about", "please", "you", "know", "say", "said",
            // "What happened in Baltimore?" asks for the event itself: the verb is the question's form, not its topic
            // (the articles seldom use it, and as a word the corpus never uses it made the question look unanswerable)
            "happen", "happens", "happened", "happening", "occur", "occurs", "occurred", "occurring");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’-]+");

    /** Contractions typed without their apostrophe ("didnt"); none of them is a word of its own in a question. */
    private static final Pattern BARE_CONTRACTION = Pattern.compile("(?i)\\b(do|does|did|is|are|was|were|has|have|had"
            + "|would|could|should|must|ca|wo)(nt)\\b|\\b(what|who|where|how|that)(s)\\b");
    /** A question that ends without punctuation. */
    private static final Pattern UNFINISHED = Pattern.compile("[\\p{L}\\p{N}”\"')]\\s*$");

    private QuestionWords() {
    }

    /**
     * The question as it would be written with care, for the embedding model, which reads "didnt" and a missing
     * question mark differently from "didn't" and "?": the apostrophes of bare contractions restored
     * ("didnt" -> "didn't", "whats" -> "what's") and a question mark added when it ends without punctuation.
     */
    static String normalize(String question) {
        String q = BARE_CONTRACTION.matcher(question.strip()).replaceAll(m -> m.group(1) != null
                ? m.group(1) + "n't" : m.group(3) + "'" + m.group(4));
        return UNFINISHED.matcher(q).find() ? q + "?" : q;
    }

    /** The question without its question words; the question itself when nothing else is left. */
    static String strip(String question) {
        StringBuilder out = new StringBuilder();
        var m = WORD.matcher(question);
        while (m.find()) {
            String w = m.group();
            if (!WORDS.contains(w.toLowerCase(Locale.ROOT).replace('’', '\''))) {
                out.append(w).append(' ');
            }
        }
        return out.length() == 0 ? question : out.toString().strip();
    }
}
