package io.github.citebot.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.CiteBotException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ObjIntConsumer;

/**
 * Reads gold question files in score.py's format: {@code {"id", "question", "answerable", "gold": [...]}} a line;
 * and conversation files in score_conversations.py's: {@code {"id", "turns": [{"question", ...}, ...]}} a line.
 */
public final class GoldFiles {

    private GoldFiles() {
    }

    /** The questions of a gold file, in order. */
    public static List<String> questions(Path file) {
        return read(file).stream().map(Scoring.GoldQuestion::question).toList();
    }

    /**
     * The questions of each conversation of a conversation file, in order.
     *
     * @throws CiteBotException naming the file (and line) when it is missing, not JSON lines, or a conversation
     *     has no questions
     */
    public static List<List<String>> conversations(Path file) {
        List<List<String>> conversations = new ArrayList<>();
        forEachLine(file, (o, n) -> {
            String where = file + ":" + n;
            if (!o.path("turns").isArray() || o.path("turns").isEmpty()) {
                throw new CiteBotException(where + ": no \"turns\" (a conversation is {\"id\", \"turns\": [{\"question\"}, ...]})");
            }
            List<String> questions = new ArrayList<>();
            o.get("turns").forEach(turn -> questions.add(question(turn, where)));
            conversations.add(questions);
        });
        if (conversations.isEmpty()) {
            throw new CiteBotException("no conversations in " + file);
        }
        return conversations;
    }

    /**
     * The gold questions of a file, in order.
     *
     * @throws CiteBotException naming the file (and line) when it is missing or not JSON lines
     */
    public static List<Scoring.GoldQuestion> read(Path file) {
        List<Scoring.GoldQuestion> gold = new ArrayList<>();
        forEachLine(file, (o, n) -> {
            List<String> golds = new ArrayList<>();
            o.path("gold").forEach(x -> golds.add(x.asText()));
            gold.add(new Scoring.GoldQuestion(o.path("id").asText("line" + n), question(o, file + ":" + n),
                    o.path("answerable").asBoolean(true), golds));
        });
        if (gold.isEmpty()) {
            throw new CiteBotException("no questions in " + file); // else figures of zeros, exit code 0
        }
        return gold;
    }

    /** Each non-blank line of a JSON-lines file, with its number to name it in errors. */
    private static void forEachLine(Path file, ObjIntConsumer<JsonNode> reader) {
        if (!Files.isReadable(file)) {
            throw new CiteBotException("gold file not found or unreadable: " + file);
        }
        ObjectMapper mapper = new ObjectMapper();
        int n = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (!line.isBlank()) {
                    reader.accept(mapper.readTree(line), n);
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CiteBotException(file + ":" + n + ": not a JSON line: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CiteBotException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static String question(JsonNode o, String where) {
        if (!o.hasNonNull("question")) {
            throw new CiteBotException(where + ": no \"question\" field");
        }
        // A number would be asked as its digits, and a blank one stop the whole run with no line named.
        if (!o.get("question").isTextual() || o.get("question").asText().isBlank()) {
            throw new CiteBotException(where + ": \"question\" must be a non-empty string");
        }
        return o.get("question").asText();
    }
}
