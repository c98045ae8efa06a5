package io.github.citebot.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's {@code --help}: the usage, whole, and nothing from picocli about its own formatting. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "ask", "eval", "train", "sources", "telegram", "serve", "bench"})
    void should_print_the_usage_and_no_formatting_warning(String command) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            code = command.isEmpty() ? Main.run("--help") : Main.run(command, "--help");
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        String help = o.toString(StandardCharsets.UTF_8);
        assertThat(code).isZero();
        assertThat(help).startsWith("Usage: citebot").doesNotContain("%n");
        assertThat(e.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }
}
