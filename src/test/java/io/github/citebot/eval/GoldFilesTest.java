package io.github.citebot.eval;

import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A gold file that cannot be evaluated is refused in one line naming the file and the line, before anything is asked. */
class GoldFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "gold          | '{\"question\": \"why?\"}\n{\"question\": \"x\",}\n' | ':2: not a JSON line'",
            "gold          | '{\"question\": \"why?\"}\n{\"question\": 5}\n'      | ':2: \"question\" must be a non-empty string'",
            "gold          | '{\"question\": \"  \"}\n'                           | ':1: \"question\" must be a non-empty string'",
            "gold          | '\n\n'                                               | 'no questions in'",
            "conversations | '{\"id\": \"c1\", \"turns\": [{\"question\": \"why?\"}]}\n{\"id\": \"c2\"}\n' | ':2: no \"turns\"'",
            "conversations | '{\"id\": \"c1\", \"turns\": []}\n'                | ':1: no \"turns\"'",
            "conversations | '{\"id\": \"c1\", \"turns\": [{\"question\": \"\"}]}\n' | ':1: \"question\" must be a non-empty string'",
            "conversations | '{\"question\": \"why?\"}\n'                          | ':1: no \"turns\"'",
            "conversations | '\n'                                                  | 'no conversations in'"})
    void should_name_the_line_that_cannot_be_read(String kind, String text, String message) throws Exception {
        Path file = Files.writeString(dir.resolve(kind + ".jsonl"), text);

        assertThatThrownBy(() -> {
            if (kind.equals("gold")) {
                GoldFiles.read(file);
            } else {
                GoldFiles.conversations(file);
            }
        }).isInstanceOf(CiteBotException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message).hasMessageNotContaining("\n");
    }

    @Test
    void should_read_each_conversation_s_questions_in_order() throws Exception {
        Path file = Files.writeString(dir.resolve("conversations.jsonl"),
                "{\"id\": \"c1\", \"turns\": [{\"question\": \"Why didn't Kim go?\", \"answerable\": true}, "
                        + "{\"question\": \"Who said that?\"}]}\n\n{\"id\": \"c2\", \"turns\": [{\"question\": \"And Merkel?\"}]}\n");

        assertThat(GoldFiles.conversations(file))
                .containsExactly(List.of("Why didn't Kim go?", "Who said that?"), List.of("And Merkel?"));
    }
}
