package io.github.citebot.cli;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.WatchedCorpus;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.embedding.Models;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.ExternalTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Drives the REPL through a JLine dumb terminal over piped streams, as a user at a keyboard would, with the real
 * model and index over the bundled articles.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS) // a REPL that never returns fails its test instead of hanging the build
class ReplTest {

    private static final String QUESTION = "why didn't Kim go?";
    private static final String CTRL_C = "\u0003";
    private static final String CTRL_D = "\u0004";
    private static final String CTRL_P = "\u0010";
    private static final String PROMPT_END = ")> ";
    /** Control sequences (CSI, including private modes such as bracketed paste) and two-character escapes. */
    private static final Pattern ESCAPES = Pattern.compile("\u001B(\\[[0-?]*[ -/]*[@-~]|[=>@-Z\\\\-_])");

    private static EmbeddingModel model;
    private static CiteBot bot;

    @TempDir
    Path tmp;

    @BeforeAll
    static void buildBot() {
        model = Models.bundled();
        bot = CiteBot.builder().embeddingModel(model).build();
    }

    @AfterAll
    static void closeBot() {
        bot.close();
    }

    /** What a user saw and the REPL's exit code. */
    record Session(String screen, int exitCode) {
    }

    private Session type(String... keys) throws Exception {
        return type(tmp.resolve("history"), keys);
    }

    /**
     * Runs a session, typing each of the keys strings once the REPL shows its next prompt, as a person would; the
     * last one must end the session.
     */
    private Session type(Path history, String... keys) throws Exception {
        try (Live live = new Live(history, BackgroundBot.of(bot))) {
            for (int i = 0; i < keys.length; i++) {
                int prompts = i + 1;
                live.waitUntil(screen -> count(screen, PROMPT_END) >= prompts);
                live.type(keys[i]);
            }
            int code = live.exitCode();
            return new Session(live.screen(), code);
        }
    }

    /** A REPL running on its own thread on a virtual terminal: keys go in, the screen comes out. */
    private static final class Live implements AutoCloseable {
        private final PipedOutputStream keyboard = new PipedOutputStream();
        private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
        private final ExecutorService runner = Executors.newSingleThreadExecutor();
        private final Future<Integer> session;

        Live(Path history, BackgroundBot b) throws IOException {
            PipedInputStream keys = new PipedInputStream(keyboard, 1 << 16);
            session = runner.submit(() -> repl(keys, screen, history, b));
        }

        void type(String keys) throws IOException {
            keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
            keyboard.flush();
        }

        String screen() {
            return seen(screen);
        }

        void waitUntil(Predicate<String> onScreen) throws InterruptedException {
            waitFor(() -> onScreen.test(screen()));
        }

        int exitCode() throws Exception {
            return session.get(60, TimeUnit.SECONDS);
        }

        @Override
        public void close() throws IOException {
            runner.shutdownNow();
            keyboard.close();
        }
    }

    /** The text on the screen: without the terminal's escape sequences and carriage returns before newlines. */
    private static String seen(ByteArrayOutputStream screen) {
        return ESCAPES.matcher(screen.toString(StandardCharsets.UTF_8)).replaceAll("").replace("\r\n", "\n");
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /**
     * Runs the REPL on a virtual xterm: JLine's own line discipline over the streams, which echoes what is typed
     * and turns Ctrl-C into an interrupt signal as a real terminal does.
     */
    private static int repl(InputStream keys, OutputStream screen, Path history, BackgroundBot b) throws Exception {
        try (Terminal t = new ExternalTerminal("citebot-test", "xterm-256color", keys, screen, StandardCharsets.UTF_8)) {
            Repl.Output output = new Repl.Output(t.writer(), true, false);
            return new Repl(Repl.lineReader(t, history), bot.sources(), b, output, false).run();
        }
    }

    private static String collapse(String s) {
        return s.replaceAll("\\s+", " ");
    }

    @Test
    void should_answer_with_numbered_citations_explain_one_list_sources_and_leave_on_ctrl_d() throws Exception {
        Session s = type(QUESTION + "\n", ":why 1\n", ":sources\n", CTRL_D);

        assertThat(s.exitCode()).isZero();
        assertThat(s.screen()).contains("citebot (4 articles)> ");
        Answer expected = bot.ask(QUESTION);
        assertThat(expected.citations()).isNotEmpty();
        Citation first = expected.citations().get(0);
        String seen = collapse(s.screen());
        assertThat(seen).contains("[1] " + first.outlet() + ", \"" + collapse(first.title()) + "\"")
                .contains(collapse(first.sentence()));
        Citation.Evidence e = first.evidence();
        assertThat(s.screen())
                .containsPattern("dense search +" + (e.denseRank() > 0
                        ? "rank " + e.denseRank() + ", cosine similarity " + String.format(Locale.ROOT, "%.3f", e.denseScore())
                        : "not among its results"))
                .containsPattern("BM25 search +" + (e.lexicalRank() > 0
                        ? "rank " + e.lexicalRank() + ", BM25 score " + String.format(Locale.ROOT, "%.3f", e.lexicalScore())
                        : "not among its results"))
                .containsPattern("final score +" + String.format(Locale.ROOT, "%.3f", first.score()).replace(".", "\\."));
        assertThat(seen).contains(collapse(SourcesCommand.render(bot.sources(), 0))); // wrapped to the virtual terminal
    }

    @Test
    void should_abandon_the_line_on_ctrl_c_and_keep_reading() throws Exception {
        Session s;
        try (Live live = new Live(tmp.resolve("history"), BackgroundBot.of(bot))) {
            live.waitUntil(screen -> count(screen, PROMPT_END) >= 1);
            live.type("Kim Moscow parade");
            // Ctrl-C once the line is on the screen, as a person presses it: the terminal raises the interrupt at
            // once, so sent together with the text it could overtake the text still being read.
            live.waitUntil(screen -> screen.contains("Kim Moscow parade"));
            live.type(CTRL_C);
            live.waitUntil(screen -> count(screen, PROMPT_END) >= 2);
            live.type(":help\n");
            live.waitUntil(screen -> count(screen, PROMPT_END) >= 3);
            live.type(CTRL_D);
            s = new Session(live.screen(), live.exitCode());
        }

        assertThat(s.exitCode()).isZero();
        assertThat(s.screen()).doesNotContain("[1]").contains(":why N");
        assertThat(Files.readString(tmp.resolve("history"))).contains(":help").doesNotContain("Kim Moscow parade");
    }

    @Test
    void should_quit_on_colon_quit_without_reading_further() throws Exception {
        Session s = type(":quit\n" + QUESTION + "\n" + CTRL_D);

        assertThat(s.exitCode()).isZero();
        assertThat(s.screen()).doesNotContain("[1]");
    }

    @Test
    void should_hint_in_one_line_at_an_unknown_command_and_ignore_blank_lines() throws Exception {
        Session s = type("\n", "   \n", ":frobnicate now\n", CTRL_D);

        String afterBanner = s.screen().substring(s.screen().indexOf('\n') + 1);
        assertThat(afterBanner.replace("citebot (4 articles)> ", "").strip().lines().filter(l -> !l.isBlank()))
                .containsExactly(":frobnicate now", "unknown command :frobnicate: type :help for the commands");
    }

    /** Text pasted into the terminal (bracketed paste): taken as it is, control characters included. */
    private static String paste(String text) {
        return "\u001b[200~" + text + "\u001b[201~";
    }

    @Test
    void should_show_a_pasted_escape_sequence_in_an_unknown_command_without_obeying_it() throws Exception {
        Session s = type(paste(":foo\u001b]0;x\u0007") + "\n", CTRL_D);

        assertThat(s.screen()).contains("unknown command :foo␛]0;x␇: type :help").doesNotContain("\u0007");
    }

    @Test
    void should_take_a_line_of_control_characters_as_an_empty_question_and_go_on() throws Exception {
        Session s = type(paste("\u0001\u0002") + "\n", QUESTION + "\n", CTRL_D);

        assertThat(s.exitCode()).isZero();
        assertThat(s.screen()).contains("citebot: empty question").contains("[1]");
    }

    @Test
    void should_warn_and_run_without_saved_history_when_the_history_file_cannot_be_read() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("history-folder"));
        Path truncated = Files.write(tmp.resolve("truncated"), new byte[] {'h', 'i', '\n', (byte) 0xe2, (byte) 0x82});
        java.io.PrintStream err = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            for (Path history : List.of(folder, truncated)) {
                Session s = type(history, QUESTION + "\n", CTRL_D);
                assertThat(s.exitCode()).isZero();
                assertThat(s.screen()).contains("[1]");
            }
        } finally {
            System.setErr(err);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("citebot: cannot use the history file " + folder
                                + " (a folder): this session's lines will not be saved",
                        "citebot: cannot use the history file " + truncated
                                + " (not valid UTF-8): this session's lines will not be saved");
        assertThat(Files.readAllBytes(truncated)).hasSize(5);
    }

    @Test
    void should_let_the_model_finish_loading_before_a_user_who_quits_at_once_is_let_go() throws Exception {
        // The real model, loading in the background (as ./citebot does): leaving the prompt at once must not
        // let the process exit while ONNX Runtime is still building the session (that crashed the JVM).
        BackgroundBot loading = BackgroundBot.start(4, p -> CiteBot.builder().model("fp32").noCache().progress(p));
        PipedOutputStream keyboard = new PipedOutputStream();
        PipedInputStream keys = new PipedInputStream(keyboard);
        keyboard.write(":quit\n".getBytes(StandardCharsets.UTF_8));
        assertThat(repl(keys, new ByteArrayOutputStream(), tmp.resolve("history"), loading)).isZero();

        loading.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && (t.getName().equals("citebot-model-loader") || t.getName().equals("citebot-index")));
    }

    @Test
    void should_toggle_json_output_with_the_same_line_as_ask_json() throws Exception {
        Session s = type(":json\n", QUESTION + "\n", ":json\n", CTRL_D);

        assertThat(s.screen()).contains("JSON output on", "JSON output off")
                .contains(new JsonRenderer().render(bot.ask(QUESTION)) + "\n");
    }

    @Test
    void should_say_what_is_wrong_with_a_why_it_cannot_answer() throws Exception {
        Session before = type(":why 1\n", CTRL_D);
        assertThat(before.screen()).contains(":why explains a citation of the last answer: ask a question first");

        int cited = bot.ask(QUESTION).citations().size();
        Session after = type(QUESTION + "\n", ":why 99\n", ":why one\n", CTRL_D);
        assertThat(after.screen()).contains("no citation 99: the last answer has citations 1 to " + cited)
                .contains("usage: :why N");
    }

    @Test
    void should_keep_the_history_across_a_restart() throws Exception {
        Path history = tmp.resolve("state").resolve("citebot-history");
        type(history, QUESTION + "\n", CTRL_D);

        // A new session on the same file: Ctrl-P recalls the last line, Enter asks it again.
        Session second = type(history, CTRL_P + "\n", CTRL_D);

        Citation first = bot.ask(QUESTION).citations().get(0);
        assertThat(collapse(second.screen())).contains(collapse(first.sentence()));
        assertThat(Files.readAllLines(history)).isNotEmpty().allMatch(l -> l.endsWith(":" + QUESTION));
    }

    @Test
    void should_show_the_indexing_progress_while_the_first_question_waits_for_the_index() throws Exception {
        try (Held held = Held.start(); Live live = new Live(tmp.resolve("history"), held.building())) {
            live.type(QUESTION + "\n");
            String waiting = "indexing: 4 articles, 0/" + bot.sentenceCount() + " sentences embedded";
            live.waitUntil(screen -> screen.contains(waiting));
            assertThat(held.building().ready()).isFalse();

            held.release();
            Citation first = bot.ask(QUESTION).citations().get(0);
            live.waitUntil(screen -> collapse(screen).contains(collapse(first.sentence())));
            live.type(CTRL_D);
            assertThat(live.exitCode()).isZero();
            String seen = collapse(live.screen());
            assertThat(seen.lastIndexOf("citebot (4 articles)> ")).isGreaterThan(seen.indexOf(collapse(first.sentence())));
        }
    }

    @Test
    void should_stop_waiting_for_the_index_on_ctrl_c_and_prompt_again() throws Exception {
        try (Held held = Held.start(); Live live = new Live(tmp.resolve("history"), held.building())) {
            live.type(QUESTION + "\n");
            live.waitUntil(screen -> screen.contains("indexing: "));
            live.type(CTRL_C);
            // The prompt is redrawn with the progress while waiting, so count only prompts after the interruption.
            live.waitUntil(screen -> screen.contains("(interrupted)\n")
                    && screen.substring(screen.indexOf("(interrupted)\n")).contains(PROMPT_END));

            assertThat(live.screen()).doesNotContain("[1]");
            assertThat(held.building().ready()).isFalse();
            live.type(CTRL_D);
            assertThat(live.exitCode()).isZero();
        }
    }

    @Test
    void should_show_articles_added_to_a_watched_corpus_in_the_prompt_and_in_sources() throws Exception {
        try (WatchedCorpus corpus = WatchedCorpus.start(tmp.resolve("corpus"), model);
             Live live = new Live(tmp.resolve("history"), BackgroundBot.of(corpus.bot()))) {
            live.waitUntil(screen -> screen.contains("citebot (1 article)> "));
            corpus.add("volcano.txt", WatchedCorpus.VOLCANO);

            live.type(":sources\n");
            live.waitUntil(screen -> screen.contains("citebot (2 articles)> "));
            assertThat(live.screen()).contains("volcano.txt").contains("parade.txt");
            live.type(CTRL_D);
            assertThat(live.exitCode()).isZero();
        }
    }

    @Test
    void should_print_a_failed_reload_warning_above_the_prompt_and_keep_answering_from_the_old_index() throws Exception {
        try (WatchedCorpus corpus = WatchedCorpus.start(tmp.resolve("corpus"), model);
             Live live = new Live(tmp.resolve("history"), BackgroundBot.of(corpus.bot()))) {
            live.waitUntil(screen -> screen.contains("citebot (1 article)> "));
            live.type("Where was the parade");
            // Nothing left to index: the reload fails and the old index stays.
            Files.delete(corpus.folder().resolve("parade.txt"));
            live.waitUntil(screen -> screen.contains("reloading after a change failed"));
            live.type("?\n");
            live.waitUntil(screen -> screen.contains("[1]"));

            String screen = live.screen();
            String warning = screen.lines().filter(l -> l.contains("reloading after a change failed")).findFirst()
                    .orElseThrow();
            assertThat(warning).doesNotContain(PROMPT_END).doesNotContain("parade");
            assertThat(screen).contains("Red Square");
            live.type(CTRL_D);
            assertThat(live.exitCode()).isZero();
        }
    }

    /** A build of the bundled articles that stops after loading them, before embedding, until released. */
    private record Held(CountDownLatch latch, BackgroundBot building) implements AutoCloseable {

        static Held start() {
            CountDownLatch latch = new CountDownLatch(1);
            // No cache: every sentence is embedded, so the progress counts all of them.
            return new Held(latch, BackgroundBot.start(bot.sources().size(), progress -> CiteBot.builder()
                    .embeddingModel(model).noCache().progress((articles, embedded, total) -> {
                        progress.update(articles, embedded, total);
                        if (embedded == 0) {
                            await(latch);
                        }
                    })));
        }

        void release() {
            latch.countDown();
        }

        @Override
        public void close() {
            release();
            building.close();
        }
    }

    @Test
    void should_stop_with_the_build_error_when_the_model_cannot_be_loaded() throws Exception {
        Path missing = tmp.resolve("no-model");
        BackgroundBot failing = BackgroundBot.start(4, p -> CiteBot.builder().model(missing).progress(p));
        // Nobody types: the failure must end the prompt by itself.
        PipedInputStream idle = new PipedInputStream(new PipedOutputStream());

        assertThatThrownBy(() -> repl(idle, new ByteArrayOutputStream(), tmp.resolve("history"), failing))
                .isInstanceOf(CiteBotException.class)
                .hasMessageStartingWith("model directory not found: " + missing);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(20);
        }
    }

    @Test
    void should_read_a_follow_up_with_the_question_before_it_until_colon_new() throws Exception {
        Session s = type("Which Chinese leader will attend the events in Moscow?\n", "Has he visited North Korea?\n",
                ":new\n", "Has he visited North Korea?\n", CTRL_D);

        String screen = s.screen();
        assertThat(screen).containsOnlyOnce("searched: Has he visited North Korea? Chinese")
                .contains("new conversation: the next question starts afresh");
        assertThat(screen.substring(screen.indexOf("new conversation"))).doesNotContain("searched:");
    }
}
