package io.github.citebot.index.elasticsearch;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The questions of the shared dev set ({@code ../shared/eval/dev.jsonl}), in order. */
final class DevQuestions {

    static final Path FILE = Path.of("../shared/eval/dev.jsonl");

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
