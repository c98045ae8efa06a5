package io.github.citebot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a user meets it: exit codes, one-line errors, nothing but answers on stdout. */
class MainTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;
    private InputStream oldIn;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        oldIn = System.in;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
        System.setIn(oldIn);
    }

    @Test
    void should_exit_2_with_one_line_for_an_empty_question() {
        assertThat(Main.run("ask", "  ")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("empty question");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_exit_2_naming_a_missing_corpus_folder_without_a_stack_trace() {
        assertThat(Main.run("ask", "--corpus", dir.resolve("none").toString(), "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains(dir.resolve("none").toString()).doesNotContain("Exception");
    }

    @Test
    void should_say_where_an_option_given_before_the_command_belongs() {
        assertThat(Main.run("--corpus", dir.toString(), "ask", "why?")).isEqualTo(2);
        assertThat(err()).contains("put --corpus after the command: citebot ask --corpus");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_exit_2_for_a_top_below_one() {
        assertThat(Main.run("ask", "--top", "0", "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--top");
    }

    @Test
    void should_suggest_the_option_meant_by_a_typo() {
        assertThat(Main.run("ask", "--topp", "3", "why?")).isEqualTo(2);
        assertThat(err().lines().findFirst().orElseThrow()).startsWith("citebot: ").contains("'--topp'").endsWith("did you mean --top?");
    }

    @Test
    void should_say_to_quote_a_question_typed_as_several_words() {
        assertThat(Main.run("ask", "why", "did", "Kim", "go")).isEqualTo(2);
        assertThat(err().lines().findFirst().orElseThrow()).contains("put the question in quotes");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_exit_2_in_one_line_for_a_cache_that_is_a_file() throws Exception {
        Path file = java.nio.file.Files.writeString(dir.resolve("cache"), "not a folder");
        assertThat(Main.run("ask", "--cache", file.toString(), "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--cache").contains(file.toString());
        assertThat(out()).isEmpty();
    }

    @Test
    void should_name_an_unknown_command_and_list_the_commands() {
        assertThat(Main.run("why", "did", "kim", "go")).isEqualTo(2);
        assertThat(err()).contains("unknown command: why").contains("ask, eval, sources");
    }

    @Test
    void should_exit_2_for_an_unknown_option() {
        assertThat(Main.run("ask", "--frobnicate", "why?")).isEqualTo(2);
        assertThat(err()).contains("--frobnicate");
    }

    @Test
    void should_answer_one_json_line_per_input_line_and_go_on_after_a_blank_one() throws Exception {
        System.setIn(new ByteArrayInputStream("Who is Shin Kyung-min?\n\nWhat is the capital of France?\n"
                .getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("ask", "--json")).isEqualTo(0);
        List<String> lines = out().lines().toList();
        assertThat(lines).hasSize(3);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("answered").asBoolean()).isTrue();
        assertThat(first.get("citations").get(0).get("n").asInt()).isEqualTo(1);
        assertThat(first.get("citations").get(0).get("source").asText()).endsWith(".txt");
        assertThat(json.readTree(lines.get(1)).get("error").asText()).startsWith("empty question");
        JsonNode third = json.readTree(lines.get(2));
        assertThat(third.get("answered").asBoolean()).isFalse();
        assertThat(third.get("citations")).isEmpty();
    }

    @Test
    void should_print_numbered_citations_with_outlet_and_title() {
        assertThat(Main.run("ask", "Is Xi Jinping attending the events in Moscow?")).isEqualTo(0);
        assertThat(out()).contains("[1]").contains("North Korea’s Kim Jong-un Cancels Trip to Russia")
                .contains("Xi Jinping, however, has confirmed plans to attend");
    }

    @Test
    void should_list_sources_with_outlet_title_and_sentence_count() {
        assertThat(Main.run("sources")).isEqualTo(0);
        assertThat(out().lines()).hasSize(4);
        assertThat(out()).contains("002_c48c5f1812f82167.txt").contains("The Moscow Times").contains("Associated Press");
    }

    @Test
    void should_exit_2_naming_a_missing_gold_file() {
        assertThat(Main.run("eval", dir.resolve("gold.jsonl").toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("gold.jsonl");
    }

    @Test
    void should_refuse_an_eval_out_file_in_a_missing_folder_before_asking_anything() {
        assertThat(Main.run("eval", "src/test/resources/eval/dev.jsonl", "--out", dir.resolve("no/answers.jsonl").toString()))
                .isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("folder for --out not found").contains(dir.resolve("no").toString());
        assertThat(out()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"eval", "train"})
    void should_refuse_an_out_file_that_is_a_folder_before_the_work_starts(String command) {
        assertThat(Main.run(command, "src/test/resources/eval/dev.jsonl", "--out", dir.toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--out is a folder").contains(dir.toString());
        assertThat(out()).isEmpty();
    }

    @Test
    void should_refuse_a_bench_size_below_one_before_measuring() {
        assertThat(Main.run("bench", "--sizes", "1000,0")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--sizes").contains("got 0");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_time_follow_ups_beside_first_questions_and_the_same_follow_ups_asked_alone() throws Exception {
        Path chats = java.nio.file.Files.writeString(dir.resolve("chats.jsonl"),
                "{\"id\": \"c1\", \"turns\": [{\"question\": \"Why didn't Kim go to Moscow?\"}, {\"question\": \"Who said that?\"}]}\n"
                        + "{\"id\": \"c2\", \"turns\": [{\"question\": \"Who is Shin Kyung-min?\"}]}\n");

        assertThat(Main.run("bench", "--conversations", chats.toString(), "--json")).isEqualTo(0);

        JsonNode figures = new ObjectMapper().readTree(out()).get("conversations");
        assertThat(figures.get("conversations").asInt()).isEqualTo(2);
        assertThat(figures.get("follow_ups").asInt()).isEqualTo(1);
        for (String field : List.of("first_p50_ms", "follow_up_p50_ms", "follow_up_asked_alone_p50_ms", "follow_up_over_first_p50")) {
            assertThat(figures.get(field).asDouble()).as(field).isPositive();
        }
    }

    @Test
    void should_exit_2_naming_the_line_of_a_conversation_file_bench_cannot_read() throws Exception {
        Path chats = java.nio.file.Files.writeString(dir.resolve("chats.jsonl"), "{\"question\": \"why?\"}\n");

        assertThat(Main.run("bench", "--conversations", chats.toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains(chats + ":1").contains("turns");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_exit_2_naming_a_missing_keep_ranker_file() {
        assertThat(Main.run("train", "src/test/resources/eval/dev.jsonl", "--keep-ranker", dir.resolve("r.json").toString(),
                "--out", dir.resolve("out.json").toString())).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains(dir.resolve("r.json").toString()).doesNotContain("internal error");
    }

    @Test
    void should_say_that_a_prompt_option_given_before_a_command_belongs_to_the_prompt() {
        assertThat(Main.run("--history", dir.resolve("h").toString(), "ask", "why?")).isEqualTo(2);
        assertThat(err()).contains("--history is an option of the prompt").doesNotContain("put --history after");
    }

    @Test
    void should_say_that_a_prompt_option_given_after_a_command_belongs_to_the_prompt() {
        assertThat(Main.run("ask", "why", "--history", dir.resolve("h").toString())).isEqualTo(2);
        assertThat(err()).startsWith("citebot: ").contains("--history is an option of the prompt "
                + "(citebot with no command), not of ask");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_say_in_one_line_that_the_only_article_is_not_utf8() throws Exception {
        // Not FF FE first: that is a UTF-16 byte order mark, which the loader honours.
        java.nio.file.Files.write(dir.resolve("bad.txt"), new byte[] {'K', 'i', 'm', ' ', (byte) 0xff, (byte) 0xfe});
        assertThat(Main.run("ask", "--corpus", dir.toString(), "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("bad.txt is not valid UTF-8");
    }

    @Test
    void should_name_a_corpus_that_is_a_file_rather_than_a_folder() {
        assertThat(Main.run("ask", "--corpus", "README.md", "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("corpus is not a folder: README.md");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ask", "eval", "sources", "telegram", "bench"})
    void should_print_the_version_from_every_command(String command) {
        assertThat(Main.run(command, "--version")).isZero();
        assertThat(out()).startsWith("citebot ").contains("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0001", "\u001b", "\u001b\u0007\u007f", " \u0000 \t"})
    void should_exit_2_for_a_question_of_control_characters_only(String question) {
        assertThat(Main.run("ask", question)).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("empty question").doesNotContain("Exception");
        assertThat(out()).isEmpty();
    }

    @Test
    void should_give_one_json_line_per_input_line_in_order_splitting_at_newlines_only() throws Exception {
        System.setIn(new ByteArrayInputStream(("Who is Shin Kyung-min?\rstill the first line\n\u0001\n"
                + "\u001b\u0007\r\nWhat is the capital of France?\r\n").getBytes(StandardCharsets.UTF_8)));
        assertThat(Main.run("ask", "--json")).isEqualTo(0);
        List<String> lines = out().lines().toList();
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(4);
        assertThat(json.readTree(lines.get(0)).get("question").asText()).startsWith("Who is Shin Kyung-min?")
                .endsWith("still the first line");
        assertThat(json.readTree(lines.get(1)).get("error").asText()).startsWith("empty question");
        assertThat(json.readTree(lines.get(2)).get("error").asText()).startsWith("empty question");
        assertThat(json.readTree(lines.get(3)).get("question").asText()).isEqualTo("What is the capital of France?");
        assertThat(err()).isEmpty();
    }

    @Test
    void should_stop_answering_at_the_first_write_into_a_closed_pipe() throws Exception {
        byte[] questions = "Who is Shin Kyung-min?\n".repeat(2000).getBytes(StandardCharsets.UTF_8);
        ByteArrayInputStream in = new ByteArrayInputStream(questions);
        System.setIn(in);
        System.setOut(new PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        }, true, StandardCharsets.UTF_8));
        assertThat(Main.run("ask", "--json")).isZero();
        assertThat(in.available()).as("input left unread").isGreaterThan(questions.length / 2);
        assertThat(err()).isEmpty();
    }

    @Test
    void should_keep_control_characters_of_articles_and_file_names_from_the_terminal_but_not_from_json()
            throws Exception {
        String name = "evil\u001b]0;pwned\u0007.html";
        java.nio.file.Files.writeString(dir.resolve(name), "<html><head><title>Title &#x1b;[2J here</title></head>"
                + "<body><p>The mayor of Springfield opened the new bridge &#x1b;]0;pwned&#x07; on Monday.</p>"
                + "<p>The bridge cost twelve million dollars.</p></body></html>");
        java.nio.file.Files.write(dir.resolve("bad\u001b[2J.txt"), new byte[] {(byte) 0xff, (byte) 0xfe});
        assertThat(Main.run("sources", "--corpus", dir.toString())).isZero();
        assertThat(Main.run("ask", "--corpus", dir.toString(), "--no-cache", "Who opened the new bridge?")).isZero();
        assertThat(out()).contains("evil␛]0;pwned␇.html").contains("opened the new bridge ␛]0;pwned␇ on Monday");
        assertThat(err()).contains("bad␛[2J.txt");
        assertThat(out() + err()).doesNotContain("\u001b").doesNotContain("\u0007");
        out.reset();
        assertThat(Main.run("ask", "--corpus", dir.toString(), "--no-cache", "--json", "Who opened the new bridge?"))
                .isZero();
        JsonNode answer = new ObjectMapper().readTree(out());
        assertThat(answer.get("citations").get(0).get("sentence").asText()).contains("\u001b]0;pwned\u0007");
        assertThat(out()).doesNotContain("\u001b");
    }

    @Test
    void should_exit_2_with_a_clear_message_for_an_empty_cache_folder() {
        assertThat(Main.run("ask", "--cache", "", "why?")).isEqualTo(2);
        assertThat(err()).hasLineCount(1).contains("--cache needs a folder").doesNotContain("Exception");
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8).strip();
    }

    /** DJL's tokenizer loads JNA, which else runs ldconfig in a subprocess at every start to list library folders. */
    @Test
    void should_keep_jna_from_listing_the_library_folders_unless_a_list_is_given() {
        String given = System.getProperty(Main.JNA_LIBRARY_FOLDERS);
        try {
            System.clearProperty(Main.JNA_LIBRARY_FOLDERS);
            assertThat(Main.run("--version")).isZero();
            assertThat(System.getProperty(Main.JNA_LIBRARY_FOLDERS)).isEmpty();

            System.setProperty(Main.JNA_LIBRARY_FOLDERS, "/opt/lib");
            assertThat(Main.run("--version")).isZero();
            assertThat(System.getProperty(Main.JNA_LIBRARY_FOLDERS)).isEqualTo("/opt/lib");
        } finally {
            if (given == null) {
                System.clearProperty(Main.JNA_LIBRARY_FOLDERS);
            } else {
                System.setProperty(Main.JNA_LIBRARY_FOLDERS, given);
            }
        }
    }
}
