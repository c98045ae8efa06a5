package io.github.citebot.cli;

import io.github.citebot.CiteBotException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

/** The {@code citebot} command line; with no subcommand, the REPL. */
@Command(name = "citebot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Ask a folder of news articles; every answer is made of their own sentences, each cited.",
                "With no COMMAND: an interactive prompt (:help lists its commands); when standard input is not a "
                        + "terminal, each line of it is answered in turn, as ask does."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:internal error", "2:bad input (empty question, missing corpus, bad option, missing or malformed TELEGRAM_BOT_TOKEN, port in use)"})
public final class Main implements Callable<Integer> {

    /** Exit code for input the user can fix. */
    public static final int BAD_INPUT = 2;

    /** The commands, in the order help lists them. */
    private static final List<Class<?>> COMMANDS = List.of(AskCommand.class, EvalCommand.class, SourcesCommand.class,
            TelegramCommand.class, ServeCommand.class, BenchCommand.class, TrainCommand.class);

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT, description = "log progress and show stack traces")
    boolean verbose;

    @Mixin
    BotOptions options;

    @Option(names = "--json", description = "answer in JSON lines, as ask --json (:json toggles it at the prompt)")
    boolean json;

    @Option(names = "--history", paramLabel = "FILE",
            description = "the prompt's history file; default: $CITEBOT_HISTORY, else $XDG_STATE_HOME/citebot/history, else ~/.citebot_history")
    Path history;

    @Override
    public Integer call() throws IOException, InterruptedException {
        return Repl.start(options, json, history, System.getenv());
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code. */
    public static int run(String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        // Set before any logger exists: libraries log at warn unless --verbose; logs go to stderr.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showLogName", String.valueOf(verbose)); // "WARN - skipping ..."
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        skipLibraryFolderScan();
        // Warnings and errors name files and quote articles: none of their control characters reaches a terminal.
        PrintStream err = System.err;
        System.setErr(new PrintStream(new TerminalStream(err), true, StandardCharsets.UTF_8));
        try {
            return commandLine(verbose, args).execute(args);
        } finally {
            System.err.flush();
            System.setErr(err);
        }
    }

    /** The property JNA reads its list of the system's library folders from; unset, it lists them itself. */
    static final String JNA_LIBRARY_FOLDERS = "jna.platform.library.path";

    /**
     * Keeps JNA from running {@code ldconfig -p} (a subprocess, forked and executed) at every start: DJL's tokenizer
     * loads JNA to look for a CUDA runtime, and JNA lists the system's library folders through ldconfig first.
     * With an empty list a library is still found by name wherever the system's loader finds it. A value given
     * on the command line ({@code -Djna.platform.library.path=...}) is kept.
     */
    static void skipLibraryFolderScan() {
        if (System.getProperty(JNA_LIBRARY_FOLDERS) == null) {
            System.setProperty(JNA_LIBRARY_FOLDERS, "");
        }
    }

    /**
     * The command line for these arguments. When they start with a command's name, only that command is built:
     * picocli reads every option of every command it is given, and building all of them costs a one-shot ask
     * about 50 ms of its start.
     */
    static CommandLine commandLine(boolean verbose, String... args) {
        CommandLine cl = new CommandLine(new Main());
        String first = args.length > 0 ? args[0] : "";
        boolean named = COMMANDS.stream().anyMatch(c -> name(c).equals(first));
        for (Class<?> command : COMMANDS) {
            if (!named || name(command).equals(first)) {
                cl.addSubcommand(name(command), command);
            }
        }
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (verbose) {
                e.printStackTrace(line.getErr());
            }
            if (e instanceof CiteBotException) {
                line.getErr().println("citebot: " + e.getMessage());
                return BAD_INPUT;
            }
            line.getErr().println("citebot: internal error: " + e + (verbose ? "" : " (run with --verbose for details)"));
            return 1;
        });
        cl.setExecutionStrategy(parsed -> {
            // Options before a command would be silently ignored by it: say where they belong instead.
            if (parsed.subcommand() != null) {
                CommandLine.Model.CommandSpec command = parsed.subcommand().commandSpec();
                List<String> early = parsed.matchedOptions().stream().map(o -> o.longestName())
                        .filter(name -> !name.equals("--verbose")).toList();
                List<String> foreign = early.stream().filter(name -> command.findOption(name) == null).toList();
                if (!foreign.isEmpty()) {
                    throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(),
                            promptOption(foreign, command.name()));
                }
                if (!early.isEmpty()) {
                    throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), "put "
                            + String.join(", ", early) + " after the command: citebot " + command.name() + " "
                            + early.get(0) + " ...");
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((e, params) -> {
            PrintWriter err = e.getCommandLine().getErr();
            boolean strayWord = e instanceof CommandLine.UnmatchedArgumentException u && u.getCommandLine() == cl
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-");
            err.println("citebot: " + (strayWord ? "unknown command: " + ((CommandLine.UnmatchedArgumentException) e)
                    .getUnmatched().get(0) + " (the commands: " + String.join(", ", cl.getSubcommands().keySet())
                    + "; a question goes after ask)" : e.getMessage() + hint(cl, e)));
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return BAD_INPUT;
        });
        return cl;
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /**
     * What to do about an argument a command does not take: the prompt's option's place, the option meant (picocli's
     * own handler prints these suggestions, this one did not), or quotes round a question typed as several words.
     */
    private static String hint(CommandLine cl, CommandLine.ParameterException e) {
        String prompt = promptOptionHint(cl, e);
        if (!prompt.isEmpty() || !(e instanceof CommandLine.UnmatchedArgumentException u)) {
            return prompt;
        }
        if (u.getUnmatched().stream().anyMatch(arg -> arg.startsWith("-"))) {
            List<String> meant = u.getSuggestions();
            return meant.isEmpty() ? "" : "; did you mean " + String.join(" or ", meant.subList(0, Math.min(3, meant.size()))) + "?";
        }
        return u.getCommandLine().getCommandName().equals("ask")
                ? "; put the question in quotes, as one argument: citebot ask \"why did Kim go?\"" : "";
    }

    /** For an option a command does not know but the prompt does (--history): where it belongs. */
    private static String promptOptionHint(CommandLine cl, CommandLine.ParameterException e) {
        if (!(e instanceof CommandLine.UnmatchedArgumentException u) || u.getCommandLine() == cl) {
            return "";
        }
        List<String> prompts = u.getUnmatched().stream().map(arg -> arg.split("=", 2)[0])
                .filter(name -> name.startsWith("-") && cl.getCommandSpec().findOption(name) != null).distinct().toList();
        return prompts.isEmpty() ? "" : "; " + promptOption(prompts, u.getCommandLine().getCommandName());
    }

    private static String promptOption(List<String> options, String command) {
        return String.join(", ", options) + " is an option of the prompt (citebot with no command), not of " + command;
    }
}
