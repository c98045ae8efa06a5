package io.github.citebot.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders an answer as one line of JSON, in the format of DESIGN.md that score.py reads. Text is verbatim; every
 * control character in it is escaped, DEL and the C1 controls too (JSON itself leaves those raw), so a JSON line
 * shown on a terminal is as safe as the terminal renderers' text.
 */
public final class JsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setCharacterEscapes(new ControlEscapes());
    }

    /** JSON's own escapes, and {@code \\u} escapes for DEL and U+0080 to U+009F, which JSON leaves raw. */
    private static final class ControlEscapes extends CharacterEscapes {
        private final int[] ascii = CharacterEscapes.standardAsciiEscapesForJSON();

        ControlEscapes() {
            ascii[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return ch >= 0x80 && ch <= 0x9f ? new SerializedString(String.format("\\u%04x", ch)) : null;
        }
    }

    public String render(Answer answer) {
        return render(answer, null);
    }

    /** The answer to a question of a conversation, carrying the conversation's id (none when null). */
    public String render(Answer answer, String conversation) {
        ObjectNode root = JSON.createObjectNode();
        if (conversation != null) {
            root.put("conversation", conversation);
        }
        root.put("question", answer.question());
        if (answer.searched() != null) {
            root.put("searched", answer.searched());
        }
        root.put("answered", answer.answered());
        root.put("confidence", answer.confidence());
        root.put("answer", answer.text());
        ArrayNode citations = root.putArray("citations");
        for (Citation c : answer.citations()) {
            ObjectNode o = citations.addObject();
            o.put("n", c.n());
            o.put("source", c.source());
            putIfKnown(o, "outlet", c.outlet());
            o.put("title", c.title());
            putIfKnown(o, "url", c.url());
            putIfKnown(o, "published", c.published());
            o.put("sentence", c.sentence());
            if (!c.context().isEmpty()) {
                o.put("context", c.context());
            }
            o.put("score", c.score());
        }
        return write(root);
    }

    /** The line for a question that could not be answered because of bad input, such as a blank line. */
    public String renderError(String question, String message) {
        ObjectNode root = JSON.createObjectNode();
        root.put("question", question);
        root.put("error", message);
        return write(root);
    }

    /** Metadata that is not known is left out, never written as "unknown" or "". */
    private static void putIfKnown(ObjectNode o, String field, String value) {
        if (!value.isEmpty()) {
            o.put(field, value);
        }
    }

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
