package io.github.citebot.eval;

import io.github.citebot.answer.Answer;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One row per corpus and ranker: score.py's figures and the share of answerable questions refused, as Markdown. */
public final class EvalReport {

    /** The table's header. */
    public static final String HEADER = "| corpus | ranker | questions | hit@1 | hit@3 | mrr | refusal | answerable refused "
            + "| citations/answer | furniture | unfaithful |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |";

    private EvalReport() {
    }

    /** The share of answerable questions answered with no citation. */
    public static double answerableRefused(List<Scoring.GoldQuestion> gold, Map<String, Answer> answers) {
        long answerable = gold.stream().filter(Scoring.GoldQuestion::answerable).count();
        long refused = gold.stream().filter(Scoring.GoldQuestion::answerable).filter(g -> {
            Answer a = answers.get(Scoring.norm(g.question()));
            return a == null || !a.answered();
        }).count();
        return answerable == 0 ? 0 : refused / (double) answerable;
    }

    /** One row of the table. */
    public static String row(String corpus, String ranker, List<Scoring.GoldQuestion> gold, Map<String, Object> figures,
                             double answerableRefused) {
        return String.format(Locale.ROOT, "| %s | %s | %d | %.3f | %.3f | %.3f | %.3f | %.3f | %.2f | %s | %s |", corpus,
                ranker, gold.size(), (double) figures.get("hit@1"), (double) figures.get("hit@3"),
                (double) figures.get("mrr"), (double) figures.get("refusal_accuracy"), answerableRefused,
                (double) figures.get("citations_per_answer"), figures.get("furniture_citations"),
                figures.get("unfaithful_citations"));
    }

    /**
     * The calibration of answers: among those answered, confidence against whether the first citation holds
     * the gold.
     */
    public static Calibration calibration(List<Scoring.GoldQuestion> gold, Map<String, Answer> answers) {
        List<double[]> pairs = new java.util.ArrayList<>();
        for (Scoring.GoldQuestion g : gold) {
            Answer a = answers.get(Scoring.norm(g.question()));
            if (a != null && a.answered()) {
                pairs.add(new double[] {a.confidence(), g.answerable() && Scoring.supports(g, a.citations().get(0).sentence()) ? 1 : 0});
            }
        }
        double[] p = pairs.stream().mapToDouble(x -> x[0]).toArray();
        boolean[] right = new boolean[pairs.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = pairs.get(i)[1] == 1;
        }
        return new Calibration(p, right);
    }
}
