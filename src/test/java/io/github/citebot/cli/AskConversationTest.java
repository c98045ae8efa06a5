package io.github.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.SharedBot;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** `ask --json` with JSON object lines: questions of one conversation follow on, others stay apart. */
class AskConversationTest {

    @Test
    void should_read_json_lines_of_a_conversation_in_turn_and_carry_the_conversation_back() throws Exception {
        List<JsonNode> out = run("""
                {"conversation": "a", "question": "Which Chinese leader will attend the events in Moscow?"}
                {"conversation": "b", "question": "Why didn't Kim go to Moscow?"}
                {"conversation": "a", "question": "Has he visited North Korea?"}
                Has he visited North Korea?
                {"question": 3}
                {"question": "Why didn't Kim go?"} trailing
                """);

        assertThat(out).hasSize(6);
        assertThat(out.get(2).path("conversation").asText()).isEqualTo("a");
        assertThat(out.get(2).path("searched").asText()).startsWith("Has he visited North Korea? Chinese");
        assertThat(out.get(2).path("citations").get(0).path("sentence").asText()).contains("Xi");
        assertThat(out.get(3).has("conversation")).isFalse();
        assertThat(out.get(3).has("searched")).isFalse();
        assertThat(out.get(4).path("error").asText()).contains("question");
        assertThat(out.get(5).path("error").asText()).startsWith("not a JSON object");
    }

    private static List<JsonNode> run(String input) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        AskCommand.answerLines(SharedBot.seeds(), new BufferedReader(new StringReader(input)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }
}
