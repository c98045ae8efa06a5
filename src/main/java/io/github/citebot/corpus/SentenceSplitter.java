package io.github.citebot.corpus;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits a paragraph into sentences with the JDK's sentence {@link BreakIterator}, then mends the breaks it gets
 * wrong in news text: after abbreviations such as "U.N." or "Gen." in the middle of a sentence. A sentence longer
 * than {@link #MAX_CHARS} (text without full stops, such as a list pasted as one line) is cut into pieces at
 * clause punctuation or white space, so that every piece stays citable. Linear in the paragraph's length.
 */
public final class SentenceSplitter {

    /** The longest piece cited as one sentence: well above news sentences, within what the embedding model reads. */
    public static final int MAX_CHARS = 600;

    /** Abbreviations that are never the end of a sentence: titles before a name. */
    private static final Set<String> TITLES = Set.of("mr.", "mrs.", "ms.", "dr.", "prof.", "gen.", "col.", "lt.",
            "sgt.", "capt.", "gov.", "sen.", "rep.", "rev.", "st.", "jr.", "sr.", "no.", "vs.", "e.g.", "i.e.",
            "jan.", "feb.", "aug.", "sept.", "oct.", "nov.", "dec.");
    /** Acronyms written with dots ("U.N.", "U.S."), and initials ("J."). */
    private static final Pattern DOTTED = Pattern.compile("(?:\\p{Lu}\\.)+$");
    /** Words that start a new sentence even right after an acronym. */
    private static final Set<String> STARTERS = Set.of("The", "A", "An", "He", "She", "It", "They", "We", "I",
            "But", "And", "In", "On", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "There");

    /** The sentences of a paragraph, trimmed, in order; each at most {@link #MAX_CHARS} long. */
    public List<String> split(String paragraph) {
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(paragraph);
        List<String> sentences = new ArrayList<>();
        int from = it.first();
        for (int end = it.next(); end != BreakIterator.DONE; end = it.next()) {
            int next = end;
            while (next < paragraph.length() && Character.isWhitespace(paragraph.charAt(next))) {
                next++;
            }
            if (next < paragraph.length() && continuesAfter(lastWord(paragraph, from, end), paragraph, next)) {
                continue;
            }
            addPieces(sentences, paragraph, from, end);
            from = end;
        }
        addPieces(sentences, paragraph, from, paragraph.length());
        return sentences;
    }

    /** Adds text[from, to) trimmed, cut where it is too long: at the last clause mark, else the last space. */
    private static void addPieces(List<String> sentences, String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        while (to - from > MAX_CHARS) {
            int cut = lastBreak(text, from, from + MAX_CHARS);
            sentences.add(text.substring(from, cut).strip());
            from = cut;
            while (from < to && Character.isWhitespace(text.charAt(from))) {
                from++;
            }
        }
        if (to > from) {
            sentences.add(text.substring(from, to));
        }
    }

    /** Where to cut text[from, limit): after clause punctuation in its second half, else at a space, else at limit. */
    private static int lastBreak(String text, int from, int limit) {
        int space = -1;
        for (int i = limit - 1; i > from + MAX_CHARS / 4; i--) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (i > from + MAX_CHARS / 2 && ",;:)—–".indexOf(text.charAt(i - 1)) >= 0) {
                    return i;
                }
                if (space < 0) {
                    space = i;
                }
            }
        }
        if (space > 0) {
            return space;
        }
        return Character.isLowSurrogate(text.charAt(limit)) ? limit - 1 : limit; // never split a character in two
    }

    /** The last word of text[from, to). */
    private static String lastWord(String text, int from, int to) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        int start = to;
        while (start > from && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        return text.substring(start, to);
    }

    /** Whether a sentence ending in lastWord goes on after a false break, the text going on at {@code next}. */
    private static boolean continuesAfter(String lastWord, String text, int next) {
        // A title ends a compound too: "Trinity-St. Paul's Church", "ex-Gov. Cuomo".
        String title = lastWord.substring(lastWord.lastIndexOf('-') + 1).toLowerCase(Locale.ROOT);
        if (TITLES.contains(title)) {
            return true;
        }
        if (DOTTED.matcher(lastWord).find()) {
            int wordEnd = next;
            while (wordEnd < text.length() && !Character.isWhitespace(text.charAt(wordEnd))) {
                wordEnd++;
            }
            return !STARTERS.contains(text.substring(next, wordEnd));
        }
        return false;
    }
}
