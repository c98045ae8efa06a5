package io.github.citebot.retrieval;

/**
 * Log-odds and probabilities, one place for the conversion: the scorer's scores, answerability, the follow-up
 * mix and training all speak log-odds.
 */
public final class LogOdds {

    private LogOdds() {
    }

    /** The probability of log-odds {@code z}: the logistic function. */
    public static double probability(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** The log-odds of probability {@code p}, kept finite for 0 and 1. */
    public static double of(double p) {
        double q = Math.min(1 - 1e-6, Math.max(1e-6, p));
        return Math.log(q / (1 - q));
    }
}
