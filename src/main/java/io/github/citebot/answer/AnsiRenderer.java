package io.github.citebot.answer;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Renders an answer for a terminal: what was searched when it differs from the question, the answer, then each citation's outlet and title and its sentence, words
 * wrapped to the terminal's width under a hanging indent. With colour on, citation numbers, outlets and titles
 * are emphasised with ANSI styles; with colour off (NO_COLOR, a dumb terminal) the layout is the same. Every
 * word of the answer's text goes through {@link TerminalText}: only this renderer's own styles reach the
 * terminal live.
 *
 * <pre>{@code
 * String screen = new AnsiRenderer(true).render(answer, terminal.getWidth());
 * }</pre>
 */
public final class AnsiRenderer {

    /** Indent of a citation's sentence and evidence under its header line. */
    private static final String INDENT = "    ";
    private static final Pattern MARKER = Pattern.compile("\\[\\d+]\\W*");

    private static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
    private static final AttributedStyle NUMBER = AttributedStyle.BOLD.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle OUTLET = AttributedStyle.BOLD;
    private static final AttributedStyle TITLE = AttributedStyle.DEFAULT.italic();
    private static final AttributedStyle FAINT = AttributedStyle.DEFAULT.faint();
    private static final AttributedStyle REFUSAL = AttributedStyle.DEFAULT.foreground(AttributedStyle.YELLOW);

    private final boolean colour;

    /** @param colour whether to emit ANSI styles; false gives the same layout as plain text */
    public AnsiRenderer(boolean colour) {
        this.colour = colour;
    }

    /**
     * The answer and its citations.
     *
     * @param width the terminal's width in columns; 0 or less does not wrap
     */
    public String render(Answer answer, int width) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (answer.searched() != null) {
            wrap(out, "searched: " + answer.searched(), "", FAINT, width);
        }
        wrap(out, answer.text(), "", answer.answered() ? PLAIN : REFUSAL, width);
        for (Citation c : answer.citations()) {
            out.append('\n');
            header(out, c, width);
            if (!c.context().isEmpty()) {
                wrap(out, "(" + c.context() + ")", INDENT, FAINT, width);
            }
            wrap(out, c.sentence(), INDENT, PLAIN, width);
        }
        return finish(out);
    }

    /**
     * Why a citation was chosen: its rank and score in the dense (embedding) search and in the BM25 search, and
     * the final score after fusion and re-ranking.
     *
     * @param width the terminal's width in columns; 0 or less does not wrap
     */
    public String renderEvidence(Citation c, int width) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        header(out, c, width);
        wrap(out, c.sentence(), INDENT, FAINT, width);
        Citation.Evidence e = c.evidence();
        evidenceLine(out, "dense search", e.denseRank(), "cosine similarity", e.denseScore());
        evidenceLine(out, "BM25 search", e.lexicalRank(), "BM25 score", e.lexicalScore());
        out.append(INDENT).append(String.format(Locale.ROOT, "%-14s", "final score"))
                .styled(OUTLET, String.format(Locale.ROOT, "%.3f", c.score()))
                .append(" (after fusion and re-ranking)\n");
        return finish(out);
    }

    private static void evidenceLine(AttributedStringBuilder out, String search, int rank, String scoreName,
                                     double score) {
        out.append(INDENT).append(String.format(Locale.ROOT, "%-14s", search));
        if (rank <= 0) {
            out.styled(FAINT, "not among its results").append('\n');
            return;
        }
        out.styled(OUTLET, "rank " + rank)
                .append(String.format(Locale.ROOT, ", %s %.3f%n", scoreName, score));
    }

    /** "[n] Outlet, "Title", date (source) url" (each part only when known), its continuation lines indented like the sentences. */
    private static void header(AttributedStringBuilder out, Citation c, int width) {
        Line line = new Line(out, "", INDENT, width);
        line.word("[" + c.n() + "]", NUMBER);
        if (!c.outlet().isEmpty()) {
            line.words(c.outlet() + ",", OUTLET);
        }
        line.words("\"" + c.title() + "\"" + (c.published().isEmpty() ? "" : ","), TITLE);
        if (!c.published().isEmpty()) {
            line.word(c.published(), FAINT);
        }
        line.word("(" + c.source() + ")", FAINT);
        if (!c.url().isEmpty()) {
            line.word(c.url(), FAINT);
        }
        out.append('\n');
    }

    /** Appends the text's words, wrapped at the width under the indent; citation markers get the number style. */
    private static void wrap(AttributedStringBuilder out, String text, String indent, AttributedStyle style, int width) {
        Line line = new Line(out, indent, indent, width);
        for (String word : text.strip().split("\\s+")) {
            line.word(word, MARKER.matcher(word).matches() ? NUMBER : style);
        }
        out.append('\n');
    }

    /**
     * Plain text wrapped at word boundaries (never inside a word) to the width: the first line starts with
     * {@code first}, the lines it wraps onto with {@code indent}. A width of 0 or less does not wrap.
     */
    public static String wrap(String first, String text, String indent, int width) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        new Line(out, first, indent, width).words(text.strip(), PLAIN);
        return out.toString();
    }

    private String finish(AttributedStringBuilder out) {
        AttributedString s = out.toAttributedString();
        return colour ? s.toAnsi() : s.toString();
    }

    /** One paragraph being laid out: words go on the current line until the next would pass the width. */
    private static final class Line {
        private final AttributedStringBuilder out;
        private final String indent;
        private final int width;
        private int column;
        private boolean empty = true;

        /** @param first the indent of the first line; {@code indent}, of the lines it wraps onto */
        Line(AttributedStringBuilder out, String first, String indent, int width) {
            this.out = out;
            this.indent = indent;
            this.width = width <= 0 ? Integer.MAX_VALUE : width;
            out.append(first);
            this.column = first.length();
        }

        void words(String text, AttributedStyle style) {
            for (String w : text.split("\\s+")) {
                word(w, style);
            }
        }

        void word(String text, AttributedStyle style) {
            if (text.isEmpty()) {
                return;
            }
            String word = TerminalText.safe(text);
            int length = new AttributedString(word).columnLength();
            if (!empty && column + 1 + length > width) {
                out.append('\n').append(indent);
                column = indent.length();
                empty = true;
            }
            if (!empty) {
                out.append(' ');
                column++;
            }
            out.styled(style, word);
            column += length;
            empty = false;
        }
    }
}
