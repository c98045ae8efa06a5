package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.AnsiRenderer;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.answer.PlainTextRenderer;
import io.github.citebot.answer.TerminalText;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.completer.ArgumentCompleter;
import org.jline.reader.impl.completer.NullCompleter;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.spi.SystemStream;
import org.jline.terminal.spi.TerminalProvider;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.jline.utils.InfoCmp.Capability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The interactive prompt of {@code citebot}: a question a line, answered with numbered citations, plus a few
 * {@code :commands}. Line editing and history come from JLine. The bot may still be indexing when the prompt
 * appears; the first question waits for it, showing how far indexing has come.
 */
final class Repl {

    static final List<String> COMMANDS = List.of(":help", ":sources", ":why", ":new", ":json", ":quit");

    static final String HELP = """
            Type a question about the articles, or a command:
              :sources   the articles: source id, outlet, sentence count, title
              :why N     why citation N of the last answer was chosen: its dense and BM25 ranks and scores
              :new       start a new conversation: the next question does not follow on from earlier ones
              :json      switch JSON output on or off
              :help      this help
              :quit      leave (Ctrl-D too); Ctrl-C abandons the line being typed
            """;

    /**
     * Where answers go and how they look.
     *
     * @param writer   answers and command output
     * @param terminal whether the writer is the terminal (answers wrapped to its width) or redirected (plain text)
     * @param colour   whether to use ANSI colours and emphasis
     */
    record Output(PrintWriter writer, boolean terminal, boolean colour) {
    }

    private final LineReader reader;
    private final Terminal terminal;
    private final List<Article> articles;
    private final BackgroundBot bot;
    private final Output output;
    private final PrintWriter out;
    private final AnsiRenderer ansi;
    private final boolean live;
    private volatile boolean running;
    private final Session session;

    /** What the :commands read and change; the prompt on a terminal and piped input keep one each. */
    static final class Session {
        boolean json;
        Answer last;
        /**
         * This session's conversation, so that "who said that?" follows on; made with the first question at the
         * prompt (piped lines stand alone, as ask's do, and have none).
         */
        Conversation conversation;

        Session(boolean json) {
            this.json = json;
        }
    }

    /**
     * @param reader   reads lines from the terminal
     * @param articles the articles being indexed, for the prompt and {@code :sources}
     * @param bot      the bot, built or being built
     * @param output   where answers go
     * @param json     whether to start with JSON output
     */
    Repl(LineReader reader, List<Article> articles, BackgroundBot bot, Output output, boolean json) {
        this.reader = reader;
        this.terminal = reader.getTerminal();
        this.articles = List.copyOf(articles);
        this.bot = bot;
        this.output = output;
        this.out = output.writer();
        this.ansi = new AnsiRenderer(output.colour());
        this.session = new Session(json);
        // A dumb terminal cannot redraw its line: there the prompt shows the progress as of when it was drawn.
        this.live = !terminal.getType().startsWith(Terminal.TYPE_DUMB);
    }

    /**
     * {@code citebot} with no subcommand: the REPL when standard input is a terminal; otherwise each line of
     * standard input answered in turn, without prompts, as {@code ask} answers it.
     *
     * @param history the history file given on the command line, or null for the default
     * @param env     the environment: NO_COLOR, CITEBOT_HISTORY, XDG_STATE_HOME, HOME
     * @return the exit code
     */
    static int start(BotOptions options, boolean json, Path history, Map<String, String> env)
            throws IOException, InterruptedException {
        if (!isTerminal(SystemStream.Input)) {
            try (CiteBot bot = options.build()) {
                PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                // The :commands work piped as typed (":why 1" after a question explains its citation, ":quit"
                // stops), so a file of what one would type gives what one would see.
                PrintWriter writer = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8));
                Session session = new Session(json);
                AnsiRenderer plain = new AnsiRenderer(false);
                AskCommand.answerLines(bot, new InputStreamReader(System.in, StandardCharsets.UTF_8), stdout, session,
                        line -> {
                            boolean more = command(line, session, writer, bot::sources, 0, plain);
                            writer.flush();
                            return more;
                        });
            }
            return 0;
        }
        // The articles load in a moment and a bad corpus fails here, before any prompt; the model and the
        // embeddings take longer and are built behind the prompt. dumb(true): fall back without a warning.
        List<Article> loaded = new CorpusLoader().load(options.corpus());
        boolean stdoutTerminal = isTerminal(SystemStream.Output);
        try (BackgroundBot bot = BackgroundBot.start(loaded.size(), options::liveBuilder);
             Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            boolean colour = stdoutTerminal && env.getOrDefault("NO_COLOR", "").isEmpty()
                    && !Terminal.TYPE_DUMB.equals(terminal.getType());
            Output output = stdoutTerminal ? new Output(terminal.writer(), true, colour)
                    : new Output(new PrintWriter(System.out, true, StandardCharsets.UTF_8), false, false);
            return new Repl(lineReader(terminal, historyFile(history, env)), loaded, bot, output, json).run();
        }
    }

    /** The history file: --history, else $CITEBOT_HISTORY, else $XDG_STATE_HOME/citebot/history, else ~/.citebot_history. */
    static Path historyFile(Path option, Map<String, String> env) {
        if (option != null) {
            return option;
        }
        String file = env.getOrDefault("CITEBOT_HISTORY", "");
        if (!file.isBlank()) {
            return Path.of(file);
        }
        String state = env.getOrDefault("XDG_STATE_HOME", "");
        if (!state.isBlank()) {
            return Path.of(state, "citebot", "history");
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".citebot_history");
    }

    /**
     * A line reader on the terminal with its history in the file, completing the :commands. A history file that
     * cannot be read (a folder, not UTF-8, no permission) is reported on standard error and the prompt keeps
     * its history for this session only.
     */
    static LineReader lineReader(Terminal terminal, Path history) {
        // Questions are prose: an apostrophe is not an open quote, a backslash no escape, "!" no history event.
        DefaultParser prose = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
        LineReaderBuilder builder = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("citebot")
                .parser(prose)
                .completer(new ArgumentCompleter(new StringsCompleter(COMMANDS), NullCompleter.INSTANCE))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true);
        if (readable(history)) {
            builder.variable(LineReader.HISTORY_FILE, history);
        }
        return builder.build();
    }

    /** Whether the history file is missing (it will be made) or readable as UTF-8 lines; if not, says so. */
    private static boolean readable(Path history) {
        try {
            if (Files.exists(history)) {
                Files.readAllLines(history, StandardCharsets.UTF_8);
            }
            return true;
        } catch (IOException e) {
            String why = e instanceof CharacterCodingException ? "not valid UTF-8"
                    : Files.isDirectory(history) ? "a folder" : e.getMessage();
            System.err.println("citebot: cannot use the history file " + TerminalText.safe(history.toString()) + " ("
                    + TerminalText.safe(why) + "): this session's lines will not be saved");
            return false;
        }
    }

    /**
     * Reads and answers lines until Ctrl-D or :quit.
     *
     * @return the exit code, 0
     * @throws RuntimeException the build's exception when the bot could not be built (a bad model, say)
     */
    int run() throws InterruptedException {
        running = true;
        bot.onProgress(this::progressed);
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(new AbovePrompt(reader), true, StandardCharsets.UTF_8));
        terminal.writer().println("citebot: ask the articles a question. :help for commands, Ctrl-D to leave.");
        try {
            while (true) {
                if (bot.failed()) {
                    bot.get(); // throws the build's exception
                }
                String line;
                try {
                    line = reader.readLine(prompt());
                } catch (UserInterruptException e) {
                    continue; // Ctrl-C abandons the line (or the build failed: checked above)
                } catch (EndOfFileException e) {
                    terminal.writer().println();
                    return 0;
                }
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                if (line.startsWith(":")) {
                    if (!command(line)) {
                        return 0;
                    }
                } else {
                    ask(line);
                }
                out.println();
                out.flush();
            }
        } finally {
            System.setErr(stderr);
            running = false;
            bot.onProgress(() -> { });
            terminal.flush();
        }
    }

    /**
     * Standard error while the prompt is up: each line (a warning from reloading the articles, say) is printed
     * above the prompt and the line being typed, instead of into them.
     */
    private static final class AbovePrompt extends OutputStream {
        private final LineReader reader;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        AbovePrompt(LineReader reader) {
            this.reader = reader;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                reader.printAbove(TerminalText.safe(line.toString(StandardCharsets.UTF_8).stripTrailing()));
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    private void ask(String question) throws InterruptedException {
        CiteBot b = bot.ready() ? bot.get() : await();
        if (b == null) {
            return;
        }
        try {
            if (session.conversation == null) {
                session.conversation = b.conversation();
            }
            session.last = session.conversation.ask(question);
        } catch (CiteBotException e) {
            // A passing problem, such as the search backend being away: say so and keep the prompt.
            out.println("citebot: " + TerminalText.safe(e.getMessage()));
            return;
        }
        if (session.json) {
            out.println(new JsonRenderer().render(session.last));
        } else {
            out.print(output.terminal() ? ansi.render(session.last, terminal.getWidth())
                    : new PlainTextRenderer().render(session.last));
        }
    }

    /** Waits for the bot, showing the progress; Ctrl-C gives up waiting and returns null. */
    private CiteBot await() throws InterruptedException {
        PrintWriter tw = terminal.writer();
        tw.print("indexing: " + bot.status().describe());
        if (!live) {
            tw.println();
        }
        tw.flush();
        Thread waiter = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> waiter.interrupt());
        try {
            return bot.get(s -> {
                if (live) {
                    tw.print("\rindexing: " + s.describe());
                    terminal.puts(Capability.clr_eol);
                    tw.flush();
                }
            });
        } catch (InterruptedException e) {
            if (live) {
                tw.print('\r');
                terminal.puts(Capability.clr_eol);
            }
            tw.println("(interrupted)");
            return null;
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            if (live) {
                tw.print('\r');
                terminal.puts(Capability.clr_eol);
            }
            tw.flush();
        }
    }

    /** Runs a :command; false when it is :quit. */
    private boolean command(String line) {
        return command(line, session, out, this::articles, output.terminal() ? terminal.getWidth() : 0, ansi);
    }

    /**
     * Runs a :command of a session, typed or piped; false when it is :quit.
     *
     * @param width the terminal's width to wrap to, or 0 for none
     */
    static boolean command(String line, Session session, PrintWriter out, Supplier<List<Article>> articles, int width,
                           AnsiRenderer ansi) {
        String[] words = line.split("\\s+", 2);
        String arg = words.length > 1 ? words[1].strip() : "";
        switch (words[0]) {
            case ":quit", ":q", ":exit" -> {
                return false;
            }
            case ":help" -> out.print(HELP);
            case ":sources" -> out.print(SourcesCommand.render(articles.get(), width));
            case ":why" -> why(arg, session.last, out, width, ansi);
            case ":new" -> {
                if (session.conversation != null) {
                    session.conversation.reset();
                }
                session.last = null;
                out.println("new conversation: the next question starts afresh");
            }
            case ":json" -> {
                session.json = !session.json;
                out.println("JSON output " + (session.json ? "on" : "off"));
            }
            default -> out.println("unknown command " + TerminalText.safe(words[0]) + ": type :help for the commands");
        }
        return true;
    }

    private static void why(String arg, Answer last, PrintWriter out, int width, AnsiRenderer ansi) {
        if (last == null) {
            out.println(":why explains a citation of the last answer: ask a question first");
            return;
        }
        List<Citation> citations = last.citations();
        if (citations.isEmpty()) {
            out.println("the last answer has no citations");
            return;
        }
        int n;
        try {
            n = arg.isEmpty() ? 1 : Integer.parseInt(arg);
        } catch (NumberFormatException e) {
            out.println("usage: :why N, where N is a citation number of the last answer (1 to " + citations.size() + ")");
            return;
        }
        if (n < 1 || n > citations.size()) {
            out.println("no citation " + n + ": the last answer has citations 1 to " + citations.size());
            return;
        }
        out.print(ansi.renderEvidence(citations.get(n - 1), width));
    }

    /** The articles being answered from: the live corpus's once the bot is built (it may have reloaded since). */
    private List<Article> articles() {
        return bot.now().map(CiteBot::sources).orElse(articles);
    }

    /** "citebot (4 articles)> ", with the indexing progress in the brackets until the bot is ready. */
    private String prompt() {
        int n = articles().size();
        String what = bot.ready() || bot.failed() ? n + (n == 1 ? " article" : " articles") : bot.status().describe();
        AttributedStringBuilder p = new AttributedStringBuilder()
                .styled(AttributedStyle.BOLD, "citebot").append(" (" + what + ")> ");
        return output.colour() ? p.toAnsi(terminal) : p.toString();
    }

    /** On the build thread: redraw the prompt with the new progress, or stop the line being read if the build failed. */
    private void progressed() {
        if (bot.failed()) {
            // Interrupt the line being read, so run() reports the failure; again until it does, because a
            // readLine only just starting may not listen yet (an interrupt outside readLine is ignored).
            while (running) {
                terminal.raise(Terminal.Signal.INT);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        } else if (live && reader.isReading() && reader instanceof LineReaderImpl impl) {
            try {
                impl.setPrompt(prompt());
                reader.callWidget(LineReader.REDISPLAY); // redraws only what changed, erasing a longer old prompt
            } catch (IllegalStateException notReadingAnyMore) {
                // the line was accepted meanwhile; the next prompt shows the new status
            }
        }
    }

    /** The width of the terminal standard output goes to, or 0 when it goes elsewhere (a file, a pipe). */
    static int terminalWidth() {
        // Asked of the provider: a system Terminal, once closed, would close standard output with it.
        for (String provider : List.of("jni", "exec")) {
            try {
                TerminalProvider p = TerminalProvider.load(provider);
                return p.isSystemStream(SystemStream.Output) ? Math.max(0, p.systemStreamWidth(SystemStream.Output)) : 0;
            } catch (IOException | RuntimeException | LinkageError e) {
                // try the next provider
            }
        }
        return 0;
    }

    /** Whether the stream is a terminal, asked of JLine's native provider, else of its exec provider. */
    private static boolean isTerminal(SystemStream stream) {
        for (String provider : List.of("jni", "exec")) {
            try {
                return TerminalProvider.load(provider).isSystemStream(stream);
            } catch (IOException | RuntimeException | LinkageError e) {
                // try the next provider
            }
        }
        return System.console() != null;
    }
}
