package io.github.citebot.telegram;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits Telegram HTML into messages no longer than a limit (Telegram's is {@value #TELEGRAM_LIMIT} characters).
 *
 * <p>It cuts at the best boundary in the later half of each message: a blank line, else a line end, else a
 * sentence end, else a space, else anywhere outside a tag or an entity. Tags open at a cut are closed at the end
 * of one part and opened again at the start of the next, so every part is valid HTML on its own. The length
 * counted is the HTML's, which is never less than the length Telegram counts after parsing it.
 */
final class MessageSplitter {

    /** The most characters in one Telegram text message. */
    static final int TELEGRAM_LIMIT = 4096;

    private static final int PARAGRAPH = 3;
    private static final int LINE = 2;
    private static final int SENTENCE = 1;
    private static final int WORD = 0;
    private static final int ANYWHERE = -1;

    /** Text just before a space that ends a sentence: a stop, closing quotes or tags, then citation markers. */
    private static final Pattern SENTENCE_END =
            Pattern.compile("[.!?…](?:[\"'”’)]|&quot;|</[a-z-]+>)*(?: \\[\\d+\\])*$");

    private final int limit;

    MessageSplitter(int limit) {
        if (limit < 64) {
            throw new IllegalArgumentException("limit must be at least 64 characters, got " + limit);
        }
        this.limit = limit;
    }

    MessageSplitter() {
        this(TELEGRAM_LIMIT);
    }

    /** The parts, in order; one part when the HTML fits. Blank parts are left out. */
    List<String> split(String html) {
        List<String> parts = new ArrayList<>();
        Deque<String> open = new ArrayDeque<>();
        int pos = 0;
        while (pos < html.length()) {
            String prefix = String.join("", open);
            if (prefix.length() + html.length() - pos <= limit) {
                add(parts, prefix + html.substring(pos));
                break;
            }
            int cut = bestCut(html, pos, prefix.length(), open);
            advance(html, pos, cut, open);
            add(parts, prefix + html.substring(pos, cut).stripTrailing() + closers(open));
            pos = cut;
            while (pos < html.length() && Character.isWhitespace(html.charAt(pos))) {
                pos++;
            }
        }
        return parts;
    }

    /** The farthest cut of the best kind found in the later half of the room; never {@code pos} itself. */
    private int bestCut(String html, int pos, int prefixLength, Deque<String> openAtPos) {
        int[] farthest = {pos, pos, pos, pos, pos}; // by kind + 1
        int closersLength = closers(openAtPos).length();
        Deque<String> open = new ArrayDeque<>(openAtPos);
        int i = pos;
        while (i < html.length() && prefixLength + (i - pos) + closersLength <= limit) {
            int kind = kindOfCut(html, pos, i);
            if (i > pos) {
                for (int k = ANYWHERE; k <= kind; k++) {
                    farthest[k + 1] = i;
                }
            }
            char ch = html.charAt(i);
            if (ch == '<') {
                int end = html.indexOf('>', i);
                String tag = html.substring(i, end + 1);
                if (tag.startsWith("</")) {
                    open.pollLast();
                } else {
                    open.addLast(tag);
                }
                closersLength = closers(open).length();
                i = end + 1;
            } else if (ch == '&' && html.indexOf(';', i) > i) {
                i = html.indexOf(';', i) + 1;
            } else {
                i++;
            }
        }
        int room = limit - prefixLength;
        for (int kind = PARAGRAPH; kind >= ANYWHERE; kind--) {
            if (farthest[kind + 1] - pos >= room / 2) {
                return farthest[kind + 1];
            }
        }
        if (farthest[0] == pos) {
            throw new IllegalStateException("cannot split: tags nest too deep for a " + limit + "-character message");
        }
        return farthest[0];
    }

    /** What kind of boundary a cut just before index {@code i} would be. */
    private static int kindOfCut(String html, int pos, int i) {
        char ch = html.charAt(i);
        if (Character.isLowSurrogate(ch)) {
            return ANYWHERE - 1; // never between the halves of one character
        }
        if (ch == '\n') {
            return i + 1 < html.length() && html.charAt(i + 1) == '\n' ? PARAGRAPH : LINE;
        }
        if (ch == ' ') {
            return SENTENCE_END.matcher(html.substring(Math.max(pos, i - 40), i)).find() ? SENTENCE : WORD;
        }
        return ANYWHERE;
    }

    /** Updates the open tags from {@code from} to {@code to}. */
    private static void advance(String html, int from, int to, Deque<String> open) {
        for (int i = html.indexOf('<', from); i >= 0 && i < to; i = html.indexOf('<', i + 1)) {
            String tag = html.substring(i, html.indexOf('>', i) + 1);
            if (tag.startsWith("</")) {
                open.pollLast();
            } else {
                open.addLast(tag);
            }
        }
    }

    /** The closing tags for the open ones, innermost first. */
    private static String closers(Deque<String> open) {
        StringBuilder out = new StringBuilder();
        for (var it = open.descendingIterator(); it.hasNext(); ) {
            String tag = it.next();
            int end = tag.length() - 1;
            for (int j = 1; j < tag.length(); j++) {
                if (tag.charAt(j) == ' ' || tag.charAt(j) == '>') {
                    end = j;
                    break;
                }
            }
            out.append("</").append(tag, 1, end).append('>');
        }
        return out.toString();
    }

    private static void add(List<String> parts, String part) {
        if (!part.replaceAll("<[^>]*>", "").isBlank()) {
            parts.add(part);
        }
    }
}
