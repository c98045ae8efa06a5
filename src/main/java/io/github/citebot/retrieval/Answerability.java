package io.github.citebot.retrieval;

/**
 * The last stage: the estimated probability that the best candidate answers the question, from its features and
 * the question's, and whether that is enough to answer. Trained on held-out-article predictions so that among
 * answers given with confidence near p, about p have a right first citation.
 */
public interface Answerability {

    /** The probability, 0 to 1, that the ranking's first candidate answers the question. */
    double probability(Ranking ranking);

    /** Whether to answer with that probability, or say the articles don't say. */
    boolean answers(double probability);

    /** A learned model's log-odds, answering at {@code minConfidence} or above. */
    static Answerability learned(Scorer logOdds, double minConfidence) {
        return new Answerability() {
            @Override
            public double probability(Ranking ranking) {
                return ranking.candidates().isEmpty() ? 0 : LogOdds.probability(logOdds.score(ranking.best()));
            }

            @Override
            public boolean answers(double probability) {
                return probability > 0 && probability >= minConfidence;
            }
        };
    }

    /** The baselines': always answer when there is anything to cite; the confidence says nothing. */
    static Answerability always() {
        return new Answerability() {
            @Override
            public double probability(Ranking ranking) {
                return ranking.candidates().isEmpty() ? 0 : 1;
            }

            @Override
            public boolean answers(double probability) {
                return probability > 0;
            }
        };
    }
}
