package io.github.citebot.answer;

/**
 * Renders an answer as Telegram HTML (parse mode {@code HTML}): the question quoted, what was searched when it
 * differs from it, the answer with its {@code [n]} markers, then one line per citation naming the outlet, the
 * title (a link to the article where its address is known) and the date.
 *
 * <p>Every string that comes from the question or the corpus goes through {@link #escape}, so a question such
 * as {@code <b>&amp;} or a title holding {@code <} is shown as typed and can never break the message. The
 * result may be longer than one Telegram message; splitting it is the sender's job.
 */
public final class TelegramHtmlRenderer {

    public String render(Answer answer) {
        StringBuilder out = new StringBuilder("<blockquote>").append(escape(answer.question())).append("</blockquote>\n");
        if (answer.searched() != null) {
            out.append("<i>searched: ").append(escape(answer.searched())).append("</i>\n");
        }
        out.append(escape(answer.text()));
        if (!answer.citations().isEmpty()) {
            out.append("\n\n<b>Sources</b>");
        }
        for (Citation c : answer.citations()) {
            out.append("\n[").append(c.n()).append("] ").append(source(c.outlet(), c.title(), c.url(), c.published()));
        }
        return out.toString();
    }

    /**
     * "Outlet, <i>Title</i>, date" with the title linked to the article's address; each part only where known.
     * Shared by the answers and the bot's list of sources.
     */
    public static String source(String outlet, String title, String url, String published) {
        StringBuilder out = new StringBuilder();
        if (!outlet.isEmpty()) {
            out.append(escape(outlet)).append(", ");
        }
        String italic = "<i>" + escape(title) + "</i>";
        out.append(url.isEmpty() ? italic : "<a href=\"" + escape(url) + "\">" + italic + "</a>");
        if (!published.isEmpty()) {
            out.append(", ").append(escape(published));
        }
        return out.toString();
    }

    /**
     * Text made safe for Telegram's HTML parse mode: {@code & < > "} become the four named entities Telegram
     * accepts; everything else is left as it is.
     */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            switch (ch) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
