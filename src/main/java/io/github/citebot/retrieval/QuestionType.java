package io.github.citebot.retrieval;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What kind of answer a question asks for, read from its wording, and whether a sentence has that kind of answer
 * in it: a reason for "why", a date for "when", an age for "how old", a number for "how many", a person or role
 * for "who".
 */
public enum QuestionType {
    REASON(false, "^(why|how come)\\b|\\b(reason|cause)s?\\b|\\bwhat (led|caused|prompted|kept)\\b",
            "\\b(because|due to|reasons?|caused?|connected (with|to)|related to|linked to|as a result|prevent\\w*"
                    + "|keep\\w* \\w+ (away|from)|citing|cited|in protest|show of|over (its|his|her|their|the)"
                    + "|accused of|for (alleged|allegedly)|in order to|so that|aimed at|blamed)\\b"),
    // "When X, what ...?" asks what, not when: "when" opens a clause there
    TIME(true, "^(when\\b(?!.*\\b(what|which|who|whom|whose|how|where|why)\\b)|(what|which) (date|day|time|year|month|century|decade)\\b)"
            + "|\\bwhat time\\b",
            // any year from 1000 on and its decade, a century, an era's year, a three-digit year after a preposition
            "\\b(january|february|march|april|may \\d+|june|july|august|september|october|november|december"
                    + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow"
                    + "|(last|next) (week|month|year)|(1\\d|20)\\d\\ds?|mid-\\w+|late \\d+|centur(y|ies)"
                    + "|\\d{1,4} ?(bc|bce|ad|ce)|(in|since|until|till|from|around|circa|before|after) \\d{3})\\b"),
    AGE(true, "^how old\\b|\\bwhat age\\b", "\\b(\\d+-year-old|\\d+ years old|aged \\d+|born)\\b"),
    QUANTITY(true, "^how (many|much|often|long)\\b|\\bnumber of\\b",
            "\\b(\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|dozens?"
                    + "|hundreds?|thousands?|millions?|billions?)\\b"),
    PERSON(false, "^who(se|m)?\\b",
            "\\b(\\p{Lu}\\p{Ll}+ \\p{Lu}\\p{Ll}+|leader|spokes(man|woman|person)|lawmaker|expert|member|president"
                    + "|minister|chancellor|secretary|uncle|father|official)\\b"),
    MANNER(false, "^how (did|does|do|was|were|is|are|has|have|will|would|could|can)\\b",
            "\\b(via|through|informed|using|by (phone|telephone|letter|e-?mail|mail|video))\\b"),
    OTHER(false, null, null);

    /**
     * What may come before a question's question word: a preamble set off by a dash, or by a comma before a word
     * that carries on ("unrelated, but who..."; not "Kim, who took power..."), words that carry a conversation on
     * ("and when did it end?", "so why..."), a preposition ("in what year").
     */
    private static final Pattern OPENING = Pattern.compile("^(?:[^,;:–—-]{1,40}?(?:\\s[-–—]+\\s*"
            + "|[,;:]\\s*(?=(?:but|so|and|then|now|anyway)\\b)))?"
            + "(?:(?:and|so|but|or|then|also|well|ok|okay|now)\\b[\\s,]*)*"
            + "(?:(?:in|on|at|during|by|for|from|since|until|to|of|after|before)\\s+(?=(?:what|which|how)\\b))?");

    private final boolean unmistakable;
    private final Pattern question;
    private final Pattern answer;

    /**
     * @param unmistakable whether every sentence that holds this kind of answer shows it (a date, an age, a
     *                     number), so that a best sentence without it suggests the articles do not answer
     */
    QuestionType(boolean unmistakable, String question, String answer) {
        this.unmistakable = unmistakable;
        this.question = question == null ? null : Pattern.compile(question);
        this.answer = answer == null ? null : Pattern.compile(answer);
    }

    boolean unmistakable() {
        return unmistakable;
    }

    /**
     * The type of a question; {@link #OTHER} when its wording does not tell. A question whose wording does not
     * tell as it opens is read again from its question word on, past what {@link #OPENING} allows before it.
     */
    static QuestionType of(String question) {
        String q = question.strip().toLowerCase(Locale.ROOT);
        QuestionType t = read(q);
        return t == OTHER ? read(OPENING.matcher(q).replaceFirst("")) : t;
    }

    private static QuestionType read(String q) {
        for (QuestionType t : values()) {
            if (t.question != null && t.question.matcher(q).find()) {
                return t;
            }
        }
        return OTHER;
    }

    /** Whether the sentence holds an answer of this type; always false for {@link #OTHER}. */
    boolean answeredBy(String sentence) {
        if (answer == null) {
            return false;
        }
        // Names are matched in the original case; everything else case-insensitively.
        return answer.matcher(this == PERSON ? sentence : sentence.toLowerCase(Locale.ROOT)).find();
    }
}
