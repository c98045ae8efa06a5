package io.github.citebot.eval;

import io.github.citebot.retrieval.Feature;
import io.github.citebot.retrieval.Features;
import io.github.citebot.retrieval.LinearScorer;
import io.github.citebot.retrieval.LogOdds;

import java.util.ArrayList;
import java.util.List;

/**
 * L2-regularised logistic regression fitted by Newton's method on standardised features: deterministic (no
 * random start, no sampling, rows in the order given), and a few iterations suffice for a few dozen features.
 * An absent feature counts as its mean, as {@link LinearScorer} reads it.
 */
final class LogisticRegression {

    /** The L2 penalty on the standardised weights (not on the bias); keeps correlated features from running away. */
    static final double L2 = 1.0;
    static final int MAX_ITERATIONS = 30;
    /** The largest change of a standardised weight in one step of the listwise fit. */
    static final double MAX_STEP = 2.0;
    static final double TOLERANCE = 1e-8;

    private LogisticRegression() {
    }

    /**
     * One training example; its weight multiplies its part of the loss (in a listwise fit, the first row's weight
     * is its question's).
     */
    record Row(Features features, boolean positive, double weight) {
        Row {
            if (!(weight > 0) || Double.isInfinite(weight)) {
                throw new IllegalArgumentException("a row's weight must be positive and finite, got " + weight);
            }
        }
    }

    /** The fitted model over the given features. */
    static LinearScorer fit(List<Feature> features, List<Row> rows) {
        int d = features.size();
        int n = rows.size();
        LinearScorer standard = standardiser(features, rows);
        double[][] x = new double[n][d + 1];
        double[] y = new double[n];
        double[] weight = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            weight[i] = r.weight();
            x[i][0] = 1;
            System.arraycopy(standardised(standard, r.features()), 0, x[i], 1, d);
            y[i] = r.positive() ? 1 : 0;
        }
        double[] w = newton(x, y, weight, d);
        List<LinearScorer.Term> terms = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            LinearScorer.Term t = standard.terms().get(j);
            terms.add(new LinearScorer.Term(t.feature(), t.mean(), t.scale(), w[j + 1]));
        }
        return new LinearScorer(w[0], terms);
    }

    /**
     * Platt scaling: the {@code a} and {@code b} of {@code sigmoid(a * z + b)}, fitted by the same weighted,
     * L2-regularised logistic regression on one standardised input, the log-odds {@code z} a model gave.
     *
     * @return {a, b}
     */
    static double[] platt(double[] z, boolean[] positive, double[] weight) {
        int n = z.length;
        double sum = 0, sq = 0;
        for (double v : z) {
            sum += v;
            sq += v * v;
        }
        double mean = n == 0 ? 0 : sum / n;
        double var = n == 0 ? 0 : sq / n - mean * mean;
        double scale = var > 1e-12 ? Math.sqrt(var) : 1;
        double[][] x = new double[n][];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = new double[] {1, (z[i] - mean) / scale};
            y[i] = positive[i] ? 1 : 0;
        }
        double[] w = newton(x, y, weight, 1);
        return new double[] {w[1] / scale, w[0] - w[1] * mean / scale};
    }

    /**
     * Newton's method on the weighted log-loss of rows {@code x} (a 1 for the bias first, unpenalised, then {@code d}
     * standardised features, penalised by {@link #L2}) against labels {@code y} of 0 or 1.
     */
    private static double[] newton(double[][] x, double[] y, double[] weight, int d) {
        int n = x.length;
        double[] w = new double[d + 1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += w[j] * x[i][j];
                }
                double p = LogOdds.probability(z);
                double g = weight[i] * (p - y[i]);
                double h = weight[i] * Math.max(p * (1 - p), 1e-10);
                for (int j = 0; j <= d; j++) {
                    grad[j] += g * x[i][j];
                    double hx = h * x[i][j];
                    for (int k = j; k <= d; k++) {
                        hess[j][k] += hx * x[i][k];
                    }
                }
            }
            for (int j = 1; j <= d; j++) {
                grad[j] += L2 * w[j];
                hess[j][j] += L2;
            }
            for (int j = 0; j <= d; j++) {
                for (int k = 0; k < j; k++) {
                    hess[j][k] = hess[k][j];
                }
            }
            if (newtonStep(w, hess, grad, Double.POSITIVE_INFINITY)) {
                break;
            }
        }
        return w;
    }

    /**
     * A listwise fit (conditional logit): per question, the softmax of the scores over its candidates should put
     * its mass on the candidates that hold the answer. Only differences within a question matter, so there is
     * no bias; the scores rank candidates, and {@code exp(score - best score)} is a candidate's odds against the
     * best one's.
     *
     * @param lists each question's candidates; questions without a right candidate are skipped
     */
    static LinearScorer fitListwise(List<Feature> features, List<List<Row>> lists) {
        int d = features.size();
        List<Row> all = lists.stream().flatMap(List::stream).toList();
        LinearScorer standard = standardiser(features, all);
        List<Question> questions = new ArrayList<>();
        for (List<Row> list : lists) {
            if (list.stream().noneMatch(Row::positive) || list.stream().allMatch(Row::positive)) {
                continue;
            }
            double[][] x = new double[list.size()][d];
            boolean[] y = new boolean[list.size()];
            for (int i = 0; i < list.size(); i++) {
                x[i] = standardised(standard, list.get(i).features());
                y[i] = list.get(i).positive();
            }
            questions.add(new Question(x, y, list.get(0).weight()));
        }
        double[] w = new double[d];
        double loss = listwise(questions, w, null, null);
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            listwise(questions, w, grad, hess);
            double[] step = solve(hess, grad);
            double longest = 0;
            for (double v : step) {
                longest = Math.max(longest, Math.abs(v));
            }
            double t = longest > MAX_STEP ? MAX_STEP / longest : 1;
            // The Hessian leaves out the gold term's curvature, so the step is a descent direction but may overshoot:
            // halve it until the loss goes down (a backtracking line search).
            double[] next = new double[d];
            double nextLoss = Double.POSITIVE_INFINITY;
            for (int halvings = 0; halvings < 30; halvings++, t /= 2) {
                for (int j = 0; j < d; j++) {
                    next[j] = w[j] - t * step[j];
                }
                nextLoss = listwise(questions, next, null, null);
                if (nextLoss <= loss) {
                    break;
                }
            }
            if (!(nextLoss <= loss)) {
                break; // no step lowers the loss: converged as far as doubles tell
            }
            System.arraycopy(next, 0, w, 0, d);
            boolean converged = loss - nextLoss < TOLERANCE * Math.max(1, Math.abs(loss));
            loss = nextLoss;
            if (converged) {
                break;
            }
        }
        List<LinearScorer.Term> terms = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            LinearScorer.Term t = standard.terms().get(j);
            terms.add(new LinearScorer.Term(t.feature(), t.mean(), t.scale(), w[j]));
        }
        return new LinearScorer(0, terms);
    }

    /** One question of a listwise fit: its candidates' standardised features, which hold the answer, its weight. */
    private record Question(double[][] x, boolean[] y, double weight) {
    }

    /**
     * The listwise loss at {@code w} (per question, weighted: the log of the softmax mass its gold candidates get,
     * negated, plus the L2 penalty), and when {@code grad} is not null its gradient and an approximate Hessian
     * (the covariance of the features under the softmax: the gold term's curvature is left out, which keeps it
     * positive definite; the loss is concave in w only for one gold candidate).
     */
    private static double listwise(List<Question> questions, double[] w, double[] grad, double[][] hess) {
        int d = w.length;
        double loss = 0;
        for (Question q : questions) {
            double[][] x = q.x();
            double[] s = new double[x.length];
            double max = Double.NEGATIVE_INFINITY, goldMax = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < d; j++) {
                    s[i] += w[j] * x[i][j];
                }
                max = Math.max(max, s[i]);
                if (q.y()[i]) {
                    goldMax = Math.max(goldMax, s[i]);
                }
            }
            double z = 0, goldZ = 0;
            for (int i = 0; i < x.length; i++) {
                z += Math.exp(s[i] - max);
                if (q.y()[i]) {
                    goldZ += Math.exp(s[i] - goldMax);
                }
            }
            loss += q.weight() * ((max + Math.log(z)) - (goldMax + Math.log(goldZ)));
            if (grad == null) {
                continue;
            }
            double[] mean = new double[d];
            double[] goldMean = new double[d];
            double[] p = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                p[i] = Math.exp(s[i] - max) / z;
                double share = q.y()[i] ? Math.exp(s[i] - goldMax) / goldZ : 0;
                for (int j = 0; j < d; j++) {
                    mean[j] += p[i] * x[i][j];
                    goldMean[j] += share * x[i][j];
                }
            }
            for (int j = 0; j < d; j++) {
                grad[j] += q.weight() * (mean[j] - goldMean[j]);
            }
            for (int i = 0; i < x.length; i++) {
                for (int j = 0; j < d; j++) {
                    double a = q.weight() * p[i] * (x[i][j] - mean[j]);
                    for (int k = j; k < d; k++) {
                        hess[j][k] += a * (x[i][k] - mean[k]);
                    }
                }
            }
        }
        for (int j = 0; j < d; j++) {
            loss += 0.5 * L2 * w[j] * w[j];
            if (grad != null) {
                grad[j] += L2 * w[j];
                hess[j][j] += L2;
                for (int k = 0; k < j; k++) {
                    hess[j][k] = hess[k][j];
                }
            }
        }
        return loss;
    }

    /** A model with zero weights that holds each feature's mean and spread over the rows. */
    private static LinearScorer standardiser(List<Feature> features, List<Row> rows) {
        List<LinearScorer.Term> terms = new ArrayList<>();
        for (Feature f : features) {
            double sum = 0, sq = 0;
            int present = 0;
            for (Row r : rows) {
                if (r.features().has(f)) {
                    double v = r.features().get(f);
                    sum += v;
                    sq += v * v;
                    present++;
                }
            }
            double mean = present == 0 ? 0 : sum / present;
            double var = present == 0 ? 0 : sq / present - mean * mean;
            terms.add(new LinearScorer.Term(f, mean, var > 1e-12 ? Math.sqrt(var) : 1, 0));
        }
        return new LinearScorer(0, terms);
    }

    private static double[] standardised(LinearScorer standard, Features f) {
        double[] x = new double[standard.terms().size()];
        for (int j = 0; j < x.length; j++) {
            LinearScorer.Term t = standard.terms().get(j);
            x[j] = f.has(t.feature()) ? (f.get(t.feature()) - t.mean()) / t.scale() : 0;
        }
        return x;
    }

    /**
     * One Newton step on the weights, no weight moving more than {@code maxStep}; true when the step was below
     * {@link #TOLERANCE} (converged).
     */
    private static boolean newtonStep(double[] w, double[][] hess, double[] grad, double maxStep) {
        double[] step = solve(hess, grad);
        double longest = 0;
        for (double v : step) {
            longest = Math.max(longest, Math.abs(v));
        }
        double damp = longest > maxStep ? maxStep / longest : 1;
        for (int j = 0; j < w.length; j++) {
            w[j] -= damp * step[j];
        }
        return damp * longest < TOLERANCE;
    }

    /** Solves a x = b for a symmetric positive definite a by Gaussian elimination with partial pivoting. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = java.util.Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] out = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * out[k];
            }
            out[r] = s / m[r][r];
        }
        return out;
    }
}
