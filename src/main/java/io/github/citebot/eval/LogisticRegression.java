package io.github.citebot.eval;

import io.github.citebot.retrieval.Feature;
import io.github.citebot.retrieval.Features;
import io.github.citebot.retrieval.LinearScorer;

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

    /** One training example. */
    record Row(Features features, boolean positive) {
    }

    /** The fitted model over the given features. */
    static LinearScorer fit(List<Feature> features, List<Row> rows) {
        int d = features.size();
        int n = rows.size();
        LinearScorer standard = standardiser(features, rows);
        double[][] x = new double[n][d + 1];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            x[i][0] = 1;
            System.arraycopy(standardised(standard, r.features()), 0, x[i], 1, d);
            y[i] = r.positive() ? 1 : 0;
        }
        double[] w = new double[d + 1];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] grad = new double[d + 1];
            double[][] hess = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j <= d; j++) {
                    z += w[j] * x[i][j];
                }
                double p = 1 / (1 + Math.exp(-z));
                double g = p - y[i];
                double h = Math.max(p * (1 - p), 1e-10);
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
        List<LinearScorer.Term> terms = new ArrayList<>();
        for (int j = 0; j < d; j++) {
            LinearScorer.Term t = standard.terms().get(j);
            terms.add(new LinearScorer.Term(t.feature(), t.mean(), t.scale(), w[j + 1]));
        }
        return new LinearScorer(w[0], terms);
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
        List<double[][]> xs = new ArrayList<>();
        List<boolean[]> ys = new ArrayList<>();
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
            xs.add(x);
            ys.add(y);
        }
        double[] w = new double[d];
        for (int it = 0; it < MAX_ITERATIONS; it++) {
            double[] grad = new double[d];
            double[][] hess = new double[d][d];
            for (int q = 0; q < xs.size(); q++) {
                double[][] x = xs.get(q);
                boolean[] y = ys.get(q);
                double[] s = new double[x.length];
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        s[i] += w[j] * x[i][j];
                    }
                    max = Math.max(max, s[i]);
                }
                double z = 0;
                for (int i = 0; i < x.length; i++) {
                    s[i] = Math.exp(s[i] - max);
                    z += s[i];
                }
                double[] mean = new double[d];
                for (int i = 0; i < x.length; i++) {
                    s[i] /= z;
                    for (int j = 0; j < d; j++) {
                        mean[j] += s[i] * x[i][j];
                    }
                }
                // The gold candidates count as one event: the log of their total probability. Their softmax
                // among themselves, from the raw scores (s now holds probabilities that may underflow).
                double goldMax = Double.NEGATIVE_INFINITY;
                double[] raw = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        raw[i] += w[j] * x[i][j];
                    }
                    if (y[i]) {
                        goldMax = Math.max(goldMax, raw[i]);
                    }
                }
                double goldZ = 0;
                for (int i = 0; i < x.length; i++) {
                    if (y[i]) {
                        goldZ += Math.exp(raw[i] - goldMax);
                    }
                }
                double[] goldMean = new double[d];
                for (int i = 0; i < x.length; i++) {
                    if (y[i]) {
                        double share = Math.exp(raw[i] - goldMax) / goldZ;
                        for (int j = 0; j < d; j++) {
                            goldMean[j] += share * x[i][j];
                        }
                    }
                }
                for (int j = 0; j < d; j++) {
                    grad[j] += mean[j] - goldMean[j];
                }
                // Hessian of log-sum-exp (the covariance under the softmax); the gold term's curvature is left out,
                // which keeps the step a descent direction (it is concave in w only for one gold candidate).
                for (int i = 0; i < x.length; i++) {
                    for (int j = 0; j < d; j++) {
                        double a = s[i] * (x[i][j] - mean[j]);
                        for (int k = j; k < d; k++) {
                            hess[j][k] += a * (x[i][k] - mean[k]);
                        }
                    }
                }
            }
            for (int j = 0; j < d; j++) {
                grad[j] += L2 * w[j];
                hess[j][j] += L2;
                for (int k = 0; k < j; k++) {
                    hess[j][k] = hess[k][j];
                }
            }
            // Newton without the gold term's curvature can overshoot: no weight moves more than MAX_STEP at once.
            if (newtonStep(w, hess, grad, MAX_STEP)) {
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
