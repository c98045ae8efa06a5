package io.github.citebot.conversation;

import io.github.citebot.corpus.Names;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How much a question leans on the conversation before it, read from its wording alone: a pronoun with nothing in
 * the question to stand for ("who said that?", "what was he accused of?"), an opening that carries on ("and
 * Merkel?", "so why..."), a word that points back ("too", "else"), or so few words that something must be
 * missing ("why?", "how many?", "any new weapons?"), or too few telling words and no name to stand on its own
 * ("where does the name come from?": whose name?). A question that says it changes the subject ("different
 * question - ...", "unrelated, but ...") and one with none of these marks stand alone: a new subject is never
 * dragged back to the old one.
 */
enum FollowUp {
    /** Searched as typed, as if it were the first question. */
    STANDALONE(0),
    /**
     * Asks a whole question, but of something it does not name ("where does the name come from?", "how much was
     * the bill?"): the conversation tells where to look, the question as typed whether the articles answer it.
     */
    VAGUE(0.5),
    /** Leans on the conversation but names something of its own ("what did Kim say about his trip?"). */
    PARTLY(0.5),
    /** Cannot be understood without the conversation. */
    FULLY(1);

    /** At most this many words, and a question must be leaning on what came before. */
    static final int SHORT_WORDS = 3;
    /** At most this many telling words and no name: too little to say what it is about. */
    static final int FEW_TELLING_WORDS = 2;

    private static final Pattern SHIFT = Pattern.compile("^\\W*(?:(?:a |on a |on an )?(?:different|unrelated|new"
            + "|another|separate|other|off-topic)\\W+(?:\\w+\\W+)?(?:question|topic|subject|note|thing)\\b"
            + "|unrelated\\b|off topic\\b|changing (?:the )?subject\\b|by the way\\b)");
    private static final Pattern CARRY_ON = Pattern.compile("^\\W*(?:and|so|but|or|also|then|what about|how about)\\b");
    private static final Pattern POINTS_BACK = Pattern.compile("\\b(?:too|also|else|again|either|instead|the same"
            + "|the other|other one)\\W*$|\\b(?:else|either)\\b");
    /** Pronouns that stand for something named earlier. "That" and "this" only as pronouns: "who said that?". */
    private static final Set<String> PRONOUNS = Set.of("he", "him", "his", "she", "her", "hers", "it", "its", "they",
            "them", "their", "theirs", "there", "then", "these", "those");
    /**
     * "That", "this", "these", "those" pointing back: last, before a verb ("what was that?", "that happened"), or
     * after a verb or preposition ("does that protection last", "about those") rather than after a noun ("the
     * vikings that settled").
     */
    private static final Pattern DEMONSTRATIVE = Pattern.compile("\\b(?:that|this|these|those)\\b(?=\\W*$|\\s*[?.!,]"
            + "|\\s+(?:is|was|are|were|be|been|mean|means|meant|happen|happened|happens)\\b)"
            + "|\\b(?:do|does|did|is|was|are|were|has|have|had|will|would|can|could|about|of|in|to|for|from|with|after"
            + "|before|by|on|at|like|than|said|say|says|what|how|why|when|where|who)\\s+(?:that|these|those)\\b");
    /** A capitalised word that is not the question's first: something the question names itself. */
    private static final Pattern NAMES = Pattern.compile("(?<=\\S\\s{1,3})(?!I\\b)\\p{Lu}[\\p{L}\\p{N}'’-]*");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}'’-]+");

    private final double weight;

    FollowUp(double weight) {
        this.weight = weight;
    }

    /** How much of the search goes to the conversation, 0 to 1. */
    double weight() {
        return weight;
    }

    /**
     * How the question leans on the earlier turns; always {@link #STANDALONE} when there are none.
     *
     * @param names the words the articles write as names, so that one typed in lower case still names something
     */
    static FollowUp of(String question, List<Turn> earlier, Names names) {
        if (earlier.isEmpty()) {
            return STANDALONE;
        }
        String q = question.strip().toLowerCase(Locale.ROOT);
        if (SHIFT.matcher(q).find()) {
            return STANDALONE;
        }
        List<String> words = WORD.matcher(q).results().map(m -> m.group().replace('’', '\'')).toList();
        if (words.size() <= SHORT_WORDS || CARRY_ON.matcher(q).find() || POINTS_BACK.matcher(q).find()) {
            return FULLY;
        }
        boolean pronoun = words.stream().anyMatch(PRONOUNS::contains) || DEMONSTRATIVE.matcher(q).find();
        boolean capitalised = NAMES.matcher(question.strip()).find();
        if (!pronoun) {
            // only a capital says a short question names a new subject: "what about wine?" may be a new subject
            // or a word of the old one whatever the corpus writes it as
            return HistoryQuery.telling(question).size() <= FEW_TELLING_WORDS && !capitalised ? VAGUE : STANDALONE;
        }
        return capitalised || words.stream().anyMatch(names::contains) ? PARTLY : FULLY;
    }
}
