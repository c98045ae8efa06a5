package io.github.citebot.index.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The questions of the dev set ({@code src/test/resources/eval/dev.jsonl}, a copy of the shared one), in order. */
final class DevQuestions {

    static final Path FILE = Path.of("src/test/resources/eval/dev.jsonl");

    private DevQuestions() {
    }

    static List<String> load() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> questions = new ArrayList<>();
        for (String line : Files.readAllLines(FILE)) {
            if (!line.isBlank()) {
                questions.add(json.readTree(line).get("question").asText());
            }
        }
        return questions;
    }
}
