package io.github.citebot.conversation;

import io.github.citebot.corpus.Names;
import io.github.citebot.corpus.Sentence;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A follow-up rewritten with the conversation, without a language model: the question as typed, then the telling
 * words of the previous question and of the last question that stood alone (the topic; the questions between
 * them asked about other aspects of it), then the names that the previous answer's first sentence gives and no
 * question had ("Could he meet Kim there?" after "Which Chinese leader is going to Moscow?", answered with a
 * sentence naming Xi Jinping): "Could he meet Kim there? Chinese leader going Moscow Xi Jinping". The question
 * comes first and keeps most of the weight in both searches; the previous answer gives names only, as whole
 * sentences of earlier answers pull a search back to what was already said.
 */
final class HistoryQuery {

    /** The most names taken from the previous answer. */
    static final int MAX_NAMES = 3;

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");
    /** Words that tell nothing about a topic: question words, auxiliaries, pronouns, articles, prepositions. */
    private static final Set<String> FILLER = Set.of("who", "whom", "whose", "what", "which", "when", "where", "why",
            "how", "do", "does", "did", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
            "will", "would", "can", "could", "should", "shall", "may", "might", "must", "didn't", "doesn't", "don't",
            "isn't", "aren't", "wasn't", "weren't", "won't", "wouldn't", "can't", "couldn't", "whats", "what's",
            "the", "a", "an", "and", "or", "but", "so", "of", "to", "in", "on", "at", "for", "from", "by", "with",
            "about", "into", "than", "then", "there", "here", "this", "that", "these", "those", "it", "its", "he",
            "him", "his", "she", "her", "hers", "they", "them", "their", "we", "us", "our", "you", "your", "i", "me",
            "my", "any", "anything", "ever", "also", "too", "else", "more", "much", "many", "some", "get", "got",
            "go", "tell", "say", "said", "know", "happen", "happened", "different", "question", "unrelated",
            "not", "no", "yes", "just", "really", "still", "first", "one");
    /** A run of capitalised words, possibly joined by "of", "de", "von"...: "Kim Jong Un", "Bank of Korea". */
    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}\\p{N}’'.-]*(?:\\s+(?:(?:of|de|du|von|van|al"
            + "|bin)\\s+)?\\p{Lu}[\\p{L}\\p{N}’'.-]*)*");
    /** Capitalised words that name nothing: pronouns, articles, months and days, titles. */
    private static final Set<String> NOT_NAMES = Set.of("the", "a", "an", "he", "she", "it", "they", "we", "i", "his",
            "her", "their", "its", "this", "that", "mr", "mrs", "ms", "dr", "monday", "tuesday", "wednesday",
            "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
            "july", "august", "september", "october", "november", "december");
    private static final Pattern POSSESSIVE = Pattern.compile("(?:['’]s|['’.])$");

    private HistoryQuery() {
    }

    /** The question with the earlier turns, oldest first in {@code earlier}. */
    static String of(String question, List<Turn> earlier, Names names) {
        Set<String> seen = new LinkedHashSet<>(words(question));
        List<String> added = new java.util.ArrayList<>();
        for (int i = earlier.size() - 1; i >= 0; i--) {
            String asked = earlier.get(i).question();
            boolean topic = FollowUp.of(asked, earlier.subList(0, i), names) == FollowUp.STANDALONE;
            if (topic || i == earlier.size() - 1) { // what came between asked about other aspects
                for (String w : telling(asked)) {
                    if (seen.add(w.toLowerCase(Locale.ROOT))) {
                        added.add(w);
                    }
                }
            }
            if (topic) {
                break; // the topic: what came before it was another subject
            }
        }
        int taken = 0;
        for (String name : namesIn(earlier.get(earlier.size() - 1).cited())) {
            if (taken < MAX_NAMES && !seen.containsAll(words(name))) {
                added.add(name);
                seen.addAll(words(name));
                taken++;
            }
        }
        String q = question.strip();
        return added.isEmpty() ? q : q + " " + String.join(" ", added);
    }

    /** The question's words that tell its topic, in order, as typed. */
    static List<String> telling(String question) {
        return WORD.matcher(question).results().map(java.util.regex.MatchResult::group)
                .filter(w -> !FILLER.contains(w.toLowerCase(Locale.ROOT).replace('’', '\''))).toList();
    }

    private static List<String> words(String text) {
        return WORD.matcher(text).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
    }

    /**
     * The names in the first cited sentence, in order, without repeats. A capitalised first word counts only if
     * one of the cited sentences has it capitalised elsewhere too ("Rollo", not "Citing").
     */
    static Set<String> namesIn(List<Sentence> cited) {
        Set<String> names = new LinkedHashSet<>();
        if (cited.isEmpty()) {
            return names;
        }
        String first = cited.get(0).text();
        Matcher m = NAME.matcher(first);
        while (m.find()) {
            String[] words = m.group().split("\\s+");
            for (int i = 0; i < words.length; i++) {
                words[i] = POSSESSIVE.matcher(words[i]).replaceAll("");
            }
            int from = 0;
            if (m.start() == leadingSpace(first) && !capitalisedInside(words[0], cited)) {
                from = 1; // the sentence's first word, capitalised for that alone ("As Fortnow", "Citing")
            }
            while (from < words.length && (NOT_NAMES.contains(words[from].toLowerCase(Locale.ROOT))
                    || FILLER.contains(words[from].toLowerCase(Locale.ROOT)))) {
                from++;
            }
            String name = String.join(" ", java.util.Arrays.copyOfRange(words, from, words.length));
            if (name.length() > 1) { // not a lone letter ("the W and Z bosons")
                names.add(name);
            }
        }
        return names;
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && !Character.isLetterOrDigit(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean capitalisedInside(String word, List<Sentence> cited) {
        Pattern inside = Pattern.compile("\\S\\s+" + Pattern.quote(word) + "\\b");
        return cited.stream().anyMatch(s -> inside.matcher(s.text()).find());
    }
}
