package io.github.citebot.eval;

import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A gold file that cannot be evaluated is refused in one line naming the file and the line, before anything is asked. */
class GoldFilesTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "'{\"question\": \"why?\"}\n{\"question\": \"x\",}\n' | ':2: not a JSON line'",
            "'{\"question\": \"why?\"}\n{\"question\": 5}\n'      | ':2: \"question\" must be a non-empty string'",
            "'{\"question\": \"  \"}\n'                           | ':1: \"question\" must be a non-empty string'",
            "'\n\n'                                               | 'no questions in'"})
    void should_name_the_line_that_cannot_be_read(String text, String message) throws Exception {
        Path file = Files.writeString(dir.resolve("gold.jsonl"), text);

        assertThatThrownBy(() -> GoldFiles.read(file)).isInstanceOf(CiteBotException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining(message).hasMessageNotContaining("\n");
    }
}
