package io.github.citebot.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How well confidence matches the share of right answers: a reliability table in ten bins of confidence and the
 * expected calibration error (the bins' gaps between mean confidence and share right, weighted by their size).
 */
public final class Calibration {

    /** The number of equal-width confidence bins. */
    public static final int BINS = 10;

    /** One bin: {@code n} predictions with confidence in [lo, hi), their mean confidence and share right. */
    public record Bin(double lo, double hi, int n, double confidence, double accuracy) {
    }

    private final List<Bin> bins;
    private final double ece;
    private final int n;

    /** The table for predictions: confidences and whether each was right, in the same order. */
    public Calibration(double[] confidence, boolean[] right) {
        int[] count = new int[BINS];
        double[] conf = new double[BINS];
        double[] ok = new double[BINS];
        for (int i = 0; i < confidence.length; i++) {
            int b = Math.min(BINS - 1, (int) (confidence[i] * BINS));
            count[b]++;
            conf[b] += confidence[i];
            ok[b] += right[i] ? 1 : 0;
        }
        List<Bin> out = new ArrayList<>();
        double e = 0;
        for (int b = 0; b < BINS; b++) {
            if (count[b] > 0) {
                out.add(new Bin(b / (double) BINS, (b + 1) / (double) BINS, count[b], conf[b] / count[b], ok[b] / count[b]));
                e += count[b] * Math.abs(conf[b] / count[b] - ok[b] / count[b]);
            }
        }
        this.bins = List.copyOf(out);
        this.n = confidence.length;
        this.ece = n == 0 ? 0 : e / n;
    }

    public List<Bin> bins() {
        return bins;
    }

    /** The expected calibration error. */
    public double ece() {
        return ece;
    }

    /** The table as Markdown, with the ECE below it. */
    public String table() {
        StringBuilder b = new StringBuilder("| confidence | n | mean confidence | share right |\n| --- | --- | --- | --- |\n");
        for (Bin bin : bins) {
            b.append(String.format(Locale.ROOT, "| %.1f-%.1f | %d | %.3f | %.3f |%n", bin.lo(), bin.hi(), bin.n(),
                    bin.confidence(), bin.accuracy()));
        }
        return b.append(String.format(Locale.ROOT, "expected calibration error %.3f over %d%n", ece, n)).toString();
    }
}
