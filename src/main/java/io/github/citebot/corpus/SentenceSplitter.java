package io.github.citebot.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a paragraph into sentences with the JDK's sentence {@link BreakIterator}, then mends the breaks it gets
 * wrong in news text: after abbreviations such as "U.N." or "Gen." in the middle of a sentence.
 */
public final class SentenceSplitter {

    /** Abbreviations that are never the end of a sentence: titles before a name. */
    private static final Set<String> TITLES = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "lt.",
            "sgt.", "capt.", "gov.", "sen.", "rep.", "rev.", "st.", "jr.", "sr.", "no.", "vs.", "e.g.", "i.e.",
            "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.");
    /** Acronyms written with dots ("U.N.", "U.S."), and initials ("J."). */
    private static final Pattern DOTTED = Pattern.compile("(?:\\p{Lu}\\.)+$");
    /** Words that start a new sentence even right after an acronym. */
    private static final Set<String> STARTERS = Set.of("The", "A", "An", "He", "She", "It", "They", "We", "I",
            "But", "And", "In", "On", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "There");

    /** The sentences of a paragraph, trimmed, in order. */
    public List<String> split(String paragraph) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            pending.append(paragraph, start, end);
            String rest = paragraph.substring(end).stripLeading();
            if (!rest.isEmpty() && continuesAfter(pending.toString().strip(), rest)) {
                continue;
            }
            addIfText(sentences, pending.toString());
            pending.setLength(0);
        }
        addIfText(sentences, pending.toString());
        return sentences;
    }

    private static boolean continuesAfter(String sentence, String rest) {
        int space = sentence.lastIndexOf(' ');
        String lastWord = sentence.substring(space + 1);
        if (TITLES.contains(lastWord.toLowerCase(Locale.ROOT))) {
            return true;
        }
        if (DOTTED.matcher(lastWord).find()) {
            String next = rest.split("\\s+", 2)[0];
            return !STARTERS.contains(next);
        }
        return false;
    }

    private static void addIfText(List<String> sentences, String text) {
        String s = text.strip();
        if (!s.isEmpty()) {
            sentences.add(s);
        }
    }
}
