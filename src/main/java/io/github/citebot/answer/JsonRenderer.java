package io.github.citebot.answer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Renders an answer as one line of JSON, in the format of DESIGN.md that score.py reads. */
public final class JsonRenderer {

    private static final ObjectMapper JSON = new ObjectMapper();

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
            o.put("outlet", c.outlet());
            o.put("title", c.title());
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

    private static String write(ObjectNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
