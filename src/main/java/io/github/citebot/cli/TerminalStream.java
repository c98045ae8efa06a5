package io.github.citebot.cli;

import io.github.citebot.answer.TerminalText;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Standard error as the terminal sees it: every warning and error line (which may name a file or quote an
 * article) goes through {@link TerminalText#safe}, so no control character in it reaches the terminal live. The
 * line breaks {@code \n} and {@code \r} (a progress line redraws itself with it) pass as they are.
 */
final class TerminalStream extends OutputStream {

    private final OutputStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    TerminalStream(OutputStream target) {
        this.target = target;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (b == '\n' || b == '\r') {
            emit(pending.size());
            target.write(b);
        } else {
            pending.write(b);
        }
    }

    /** Writes what is pending, but for a character whose UTF-8 bytes have not all come yet. */
    @Override
    public synchronized void flush() throws IOException {
        emit(completeLength(pending.toByteArray()));
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void emit(int length) throws IOException {
        byte[] bytes = pending.toByteArray();
        target.write(TerminalText.safe(new String(bytes, 0, length, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        pending.reset();
        pending.write(bytes, length, bytes.length - length);
    }

    /** How many of the bytes end with a whole UTF-8 character: all but a trailing, unfinished sequence. */
    private static int completeLength(byte[] bytes) {
        for (int back = 1; back <= 3 && back <= bytes.length; back++) {
            int b = bytes[bytes.length - back] & 0xff;
            if (b < 0x80) {
                return bytes.length;
            }
            if (b >= 0xc0) { // a lead byte: how long its sequence is
                int need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
                return need > back ? bytes.length - back : bytes.length;
            }
        }
        return bytes.length;
    }
}
