package io.github.citebot.answer;

import java.util.List;
import java.util.Objects;

/**
 * An answer made of the articles' own sentences.
 *
 * @param question   the question as asked
 * @param answered   false when the articles do not answer it; then there are no citations
 * @param text       the answer text with {@code [n]} citation markers, or {@link #NO_ANSWER}
 * @param confidence the estimated probability, 0 to 1, that the first citation answers the question (for an
 *                   unanswered question: that the best sentence found would have); calibrated on held-out articles,
 *                   so that about p of the answers given with confidence p cite a right sentence first
 * @param searched   what was searched when it differs from the question (a follow-up read with the earlier turns
 *                   of its conversation), else null
 * @param citations  the cited sentences, most relevant first
 */
public record Answer(String question, boolean answered, String text, double confidence, String searched,
                     List<Citation> citations) {

    /** What citebot says when the articles do not answer a question. */
    public static final String NO_ANSWER = "The articles don't say.";

    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        if (!answered && !citations.isEmpty()) {
            throw new IllegalArgumentException("an unanswered question has no citations");
        }
        if (searched != null && searched.equals(question)) {
            searched = null;
        }
    }

    /** An answer to a question searched as it was asked. */
    public Answer(String question, boolean answered, String text, double confidence, List<Citation> citations) {
        this(question, answered, text, confidence, null, citations);
    }

    /** This answer to {@code question}, which was searched as {@code searched} (null: as asked). */
    public Answer asked(String question, String searched) {
        return new Answer(question, answered, text, confidence, searched, citations);
    }

    /** The answer to a question the articles do not answer. */
    public static Answer unanswered(String question, double confidence) {
        return new Answer(question, false, NO_ANSWER, confidence, List.of());
    }
}
