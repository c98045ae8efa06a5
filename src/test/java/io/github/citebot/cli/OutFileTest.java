package io.github.citebot.cli;

import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code --out FILE}: replaced whole, and a write that cannot be made leaves what was there. */
class OutFileTest {

    @TempDir
    Path dir;

    @Test
    void should_replace_the_file_whole_and_leave_nothing_beside_it() throws Exception {
        Path model = dir.resolve("ranker.json");
        Files.writeString(model, "{\"old\": true, \"padding\": \"" + "x".repeat(10_000) + "\"}");

        OutFile.write(model, "{\"new\": true}");

        assertThat(Files.readString(model)).isEqualTo("{\"new\": true}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(model);
        }
    }

    @Test
    void should_keep_the_old_file_when_the_new_one_cannot_take_its_place() throws Exception {
        Path model = dir.resolve("ranker.json");
        Files.writeString(model, "{\"old\": true}");
        Path occupied = dir.resolve("answers");
        Files.createDirectories(occupied.resolve("inside")); // a folder that is not empty cannot be replaced

        assertThatThrownBy(() -> OutFile.write(occupied, "{}")).isInstanceOf(CiteBotException.class)
                .hasMessageContaining("cannot write");
        assertThat(Files.readString(model)).isEqualTo("{\"old\": true}");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactlyInAnyOrder(model, occupied);
        }
    }
}
