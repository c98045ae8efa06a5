package io.github.citebot.corpus;

import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The words a corpus writes as names: capitalised inside its sentences and seldom in lower case ("Rollo",
 * "Huguenots", "Italian"; not "The", nor "May", which the corpus also writes as "may"). People type to a bot in lower
 * case ("did the huguenots settle there?"), and this is how such a question can still be read as naming something.
 */
public final class Names {

    /** A word is a name when the corpus capitalises it inside a sentence at least this many times... */
    static final int MIN_CAPITALISED = 2;
    /** ...and this many times as often as it writes it in lower case. */
    static final int CAPITALISED_RATIO = 4;

    /** A word: letters, with apostrophes and hyphens inside. */
    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}'’-]*");

    private final Set<String> names;

    private Names(Set<String> names) {
        this.names = names;
    }

    /** The names of these sentences. */
    public static Names of(Collection<Sentence> sentences) {
        Map<String, int[]> counts = new HashMap<>(); // lower-cased word -> {capitalised, lower case}
        for (Sentence s : sentences) {
            Matcher m = WORD.matcher(s.text());
            boolean first = true;
            while (m.find()) {
                String w = m.group();
                if (first) { // capitalised for opening the sentence: says nothing
                    first = false;
                    continue;
                }
                boolean capitalised = Character.isUpperCase(w.charAt(0));
                if (capitalised && w.chars().filter(Character::isLetter).allMatch(Character::isUpperCase)) {
                    continue; // an acronym or a shouted word: "NATO" is typed "nato" or "NATO" alike
                }
                counts.computeIfAbsent(key(w), k -> new int[2])[capitalised ? 0 : 1]++;
            }
        }
        return new Names(counts.entrySet().stream()
                .filter(e -> e.getValue()[0] >= MIN_CAPITALISED && e.getValue()[0] >= CAPITALISED_RATIO * e.getValue()[1])
                .map(Map.Entry::getKey)
                .collect(Collectors.toUnmodifiableSet()));
    }

    /** Whether the corpus writes this word, in any case, as a name. */
    public boolean contains(String word) {
        return names.contains(key(word));
    }

    private static String key(String word) {
        return word.toLowerCase(Locale.ROOT).replace('’', '\'');
    }
}
