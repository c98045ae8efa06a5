package io.github.citebot.answer;

/**
 * Text from articles, file names and users made safe for a terminal: no control character reaches it live, so
 * an escape sequence in an article (or an HTML entity such as {@code &#x1b;]0;...&#x07;}) cannot set the
 * window title, clear the screen or fake a line. Every renderer and printer that writes such text to a terminal
 * passes it through here; JSON output and the index keep the verbatim text.
 *
 * <pre>{@code
 * out.println("unknown command " + TerminalText.safe(word));
 * }</pre>
 */
public final class TerminalText {

    private TerminalText() {
    }

    /**
     * The text on one line, with its control characters made visible: white space controls (tab, line breaks)
     * become a space, the other C0 controls and DEL their Unicode control pictures ({@code ESC} as {@code ␛}),
     * and the C1 controls (which some terminals obey as well) and the bidi overrides and isolates {@code U+FFFD}.
     */
    public static String safe(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char shown = visible(c);
            if (shown != c && out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (out != null) {
                out.append(shown);
            }
        }
        return out == null ? text : out.toString();
    }

    /**
     * Lines of text, such as a rendered answer or a message of several lines: as {@link #safe}, the {@code \n}
     * between the lines kept.
     */
    public static String safeLines(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int start = 0;
        for (int end = text.indexOf('\n'); end >= 0; start = end + 1, end = text.indexOf('\n', start)) {
            out.append(safe(text.substring(start, end))).append('\n');
        }
        return out.append(safe(text.substring(start))).toString();
    }

    private static char visible(char c) {
        if (c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r') {
            return ' ';
        }
        if (c < 0x20) {
            return (char) (0x2400 + c); // ␀ .. ␟
        }
        if (c == 0x7f) {
            return '\u2421'; // ␡
        }
        if (c >= 0x80 && c <= 0x9f) {
            return '\ufffd';
        }
        // Bidi embeddings, overrides and isolates reorder the rest of the line on the screen, so a file name or
        // a sentence could show text other than what it holds ("Trojan Source"); marks (U+200E, U+200F) are kept.
        if ((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
            return '\ufffd';
        }
        return c;
    }
}
