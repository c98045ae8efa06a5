package io.github.citebot.index;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * A progress line for indexing a large corpus: sentences embedded, rate and time left, redrawn in place on
 * standard error at most a few times a second. Small jobs (below a threshold) print nothing.
 */
public final class ProgressLine implements IndexProgress {

    /** Fewer sentences to embed than this take a few seconds at most: no line. */
    public static final int DEFAULT_THRESHOLD = 2000;
    private static final long REDRAW_NANOS = 250_000_000L;

    private final PrintStream out;
    private final int threshold;
    private final LongSupplier clock;
    private long start;
    private long lastDraw;

    public ProgressLine(PrintStream out) {
        this(out, DEFAULT_THRESHOLD, System::nanoTime);
    }

    ProgressLine(PrintStream out, int threshold, LongSupplier clock) {
        this.out = out;
        this.threshold = threshold;
        this.clock = clock;
    }

    @Override
    public synchronized void update(int articles, int embedded, int total) {
        if (total < threshold) {
            return;
        }
        long now = clock.getAsLong();
        if (embedded == 0) {
            start = now;
            lastDraw = now;
            out.print(String.format(Locale.ROOT, "\rcitebot: %s, embedding %,d sentences...", articles(articles), total));
            out.flush();
            return;
        }
        if (embedded < total && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        out.print("\r" + line(articles, embedded, total, (now - start) / 1e9));
        if (embedded >= total) {
            out.println();
        }
        out.flush();
    }

    /** "citebot: 1,234 / 50,000 sentences embedded (12 articles), 480/s, 1m40s left" */
    static String line(int articles, int embedded, int total, double seconds) {
        double rate = seconds > 0 ? embedded / seconds : 0;
        String left = embedded >= total ? String.format(Locale.ROOT, "done in %s", duration(seconds))
                : rate > 0 ? duration((total - embedded) / rate) + " left" : "";
        return String.format(Locale.ROOT, "citebot: %,d / %,d sentences embedded (%s), %.0f/s, %s   ",
                embedded, total, articles(articles), rate, left);
    }

    private static String articles(int n) {
        return n + (n == 1 ? " article" : " articles");
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }
}
