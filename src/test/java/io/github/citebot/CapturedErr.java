package io.github.citebot;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Captures what is written to System.err (where SLF4J's simple logger writes) instead of printing it, so that
 * the warnings a test provokes on purpose are checked rather than shown in the build's output.
 */
public final class CapturedErr implements AutoCloseable {

    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    public CapturedErr() {
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    }

    /** What was written so far. */
    public String text() {
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
