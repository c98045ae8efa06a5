package io.github.citebot.answer;

/**
 * Renders an answer as plain text: what was searched when it differs from the question, the answer with its
 * {@code [n]} markers, then one line per citation with the outlet, the title, the date and the address where
 * known, and the cited sentence (and the sentence it needs for context, in brackets). Control characters in the
 * text are made visible ({@link TerminalText}): the output may go to a terminal.
 */
public final class PlainTextRenderer {

    public String render(Answer answer) {
        StringBuilder out = new StringBuilder();
        if (answer.searched() != null) {
            out.append("searched: ").append(answer.searched()).append('\n');
        }
        out.append(answer.text()).append('\n');
        if (!answer.citations().isEmpty()) {
            out.append('\n');
        }
        for (Citation c : answer.citations()) {
            out.append('[').append(c.n()).append("] ");
            if (!c.outlet().isEmpty()) {
                out.append(c.outlet()).append(", ");
            }
            out.append('"').append(c.title()).append('"');
            if (!c.published().isEmpty()) {
                out.append(", ").append(c.published());
            }
            out.append(" (").append(c.source()).append(')');
            if (!c.url().isEmpty()) {
                out.append(' ').append(c.url());
            }
            out.append("\n    ");
            if (!c.context().isEmpty()) {
                out.append('(').append(c.context()).append(") ");
            }
            out.append(c.sentence()).append('\n');
        }
        return TerminalText.safeLines(out.toString());
    }
}
