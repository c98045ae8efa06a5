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

/** Reads gold question files in score.py's format: {@code {"id", "question", "answerable", "gold": [...]}} a line. */
public final class GoldFiles {

    private GoldFiles() {
    }

    /** The questions of a gold file, in order. */
    public static List<String> questions(Path file) {
        return read(file).stream().map(Scoring.GoldQuestion::question).toList();
    }

    /**
     * The gold questions of a file, in order.
     *
     * @throws CiteBotException naming the file (and line) when it is missing or not JSON lines
     */
    public static List<Scoring.GoldQuestion> read(Path file) {
        if (!Files.isReadable(file)) {
            throw new CiteBotException("gold file not found or unreadable: " + file);
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Scoring.GoldQuestion> gold = new ArrayList<>();
        int n = 0;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode o = mapper.readTree(line);
                if (!o.hasNonNull("question")) {
                    throw new CiteBotException(file + ":" + n + ": no \"question\" field");
                }
                // A number would be asked as its digits, and a blank one stop the whole run with no line named.
                if (!o.get("question").isTextual() || o.get("question").asText().isBlank()) {
                    throw new CiteBotException(file + ":" + n + ": \"question\" must be a non-empty string");
                }
                List<String> golds = new ArrayList<>();
                o.path("gold").forEach(x -> golds.add(x.asText()));
                gold.add(new Scoring.GoldQuestion(o.path("id").asText("line" + n), o.get("question").asText(),
                        o.path("answerable").asBoolean(true), golds));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new CiteBotException(file + ":" + n + ": not a JSON line: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CiteBotException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (gold.isEmpty()) {
            throw new CiteBotException("no questions in " + file); // else figures of zeros, exit code 0
        }
        return gold;
    }
}
