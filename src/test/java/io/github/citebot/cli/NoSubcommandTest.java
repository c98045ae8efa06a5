package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.AnsiRenderer;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.PlainTextRenderer;
import io.github.citebot.answer.TerminalText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citebot} with no subcommand when standard input is not a terminal (as under the test runner). */
class NoSubcommandTest {

    private static final String QUESTIONS = "why didn't Kim go?\n\nWho won the 2030 World Cup?\n";

    @TempDir
    Path tmp;

    /** What a run printed and its exit code. */
    record Run(int exitCode, String out, String err) {
    }

    private static Run run(String stdin, String... args) {
        InputStream in = System.in;
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setIn(in);
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void should_answer_piped_lines_with_json_exactly_as_ask_json_does() {
        Run repl = run(QUESTIONS, "--json");
        Run ask = run(QUESTIONS, "ask", "--json");

        assertThat(repl.exitCode()).isZero();
        assertThat(repl.out()).isEqualTo(ask.out()).contains("\"answered\":true", "\"error\":\"empty question");
        assertThat(repl.out().lines()).hasSize(3);
    }

    @Test
    void should_answer_piped_lines_as_a_transcript_one_block_per_line_without_prompts() {
        Run repl = run(QUESTIONS);

        assertThat(repl.exitCode()).isZero();
        try (CiteBot bot = CiteBot.builder().build()) {
            PlainTextRenderer plain = new PlainTextRenderer();
            assertThat(repl.out()).isEqualTo("> why didn't Kim go?\n" + plain.render(bot.ask("why didn't Kim go?")) + "\n"
                    + "> \ncitebot: empty question: type a question about the articles\n\n"
                    + "> Who won the 2030 World Cup?\n" + plain.render(bot.ask("Who won the 2030 World Cup?")) + "\n");
        }
        assertThat(repl.out()).doesNotContain("citebot (");
    }

    @Test
    void should_run_piped_colon_commands_as_the_prompt_runs_typed_ones() {
        Run repl = run("why didn't Kim go?\n:why 2\n:sources\n:nope\n:quit\nWho won the 2030 World Cup?\n");

        assertThat(repl.exitCode()).isZero();
        try (CiteBot bot = CiteBot.builder().build()) {
            Answer kim = bot.ask("why didn't Kim go?");
            assertThat(repl.out()).isEqualTo("> why didn't Kim go?\n" + new PlainTextRenderer().render(kim) + "\n"
                    + "> :why 2\n" + new AnsiRenderer(false).renderEvidence(kim.citations().get(1), 0) + "\n"
                    + "> :sources\n" + SourcesCommand.render(bot.sources(), 0) + "\n"
                    + "> :nope\nunknown command :nope: type :help for the commands\n\n"
                    + "> :quit\n\n");
        }
        assertThat(run(":why 1\n", "ask", "--json").out()).as("ask has no commands: the line is a question")
                .contains("\"question\":\":why 1\",\"answered\":false");
    }

    @Test
    void should_echo_a_piped_question_without_its_control_characters() {
        Run repl = run("why didn't \u001b[2JKim go?\u0007\n");

        assertThat(repl.out()).startsWith("> " + TerminalText.safe("why didn't \u001b[2JKim go?\u0007") + "\n")
                .doesNotContain("\u001b", "\u0007");
    }

    @Test
    void should_fail_in_one_line_with_exit_code_2_when_the_corpus_is_missing() {
        Path missing = tmp.resolve("nowhere");

        Run repl = run("why?\n", "--corpus", missing.toString());

        assertThat(repl.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(repl.out()).isEmpty();
        assertThat(repl.err().lines()).hasSize(1).allMatch(l -> l.startsWith("citebot: ") && l.contains(missing.toString()));
    }

    @ParameterizedTest(name = "--history {0}, CITEBOT_HISTORY={1}, XDG_STATE_HOME={2} -> {3}")
    @CsvSource(nullValues = "-", value = {
            "/a/flag, /b/env, /c/state, /a/flag",
            "-,       /b/env, /c/state, /b/env",
            "-,       '',     /c/state, /c/state/citebot/history",
            "-,       -,      -,        /home/u/.citebot_history",
    })
    void should_find_the_history_file_from_the_flag_then_the_environment_then_home(
            String flag, String env, String state, String expected) {
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", "/home/u");
        if (env != null) {
            environment.put("CITEBOT_HISTORY", env);
        }
        if (state != null) {
            environment.put("XDG_STATE_HOME", state);
        }

        assertThat(Repl.historyFile(flag == null ? null : Path.of(flag), environment)).isEqualTo(Path.of(expected));
    }
}
