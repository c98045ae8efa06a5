package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.answer.PlainTextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** {@code citebot ask}: one answer, or one JSON answer per line of standard input. */
@Command(name = "ask", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answer a question from the articles.",
                "With --json and no QUESTION, read one question per line of standard input and write one JSON answer "
                        + "per line; a blank line gets an error object and the batch goes on."})
final class AskCommand implements Callable<Integer> {

    /** Control characters, which a transcript does not echo live to a terminal. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");

    @Mixin
    BotOptions options;

    @Option(names = "--json", description = "write the answer as one line of JSON")
    boolean json;

    @Parameters(arity = "0..1", paramLabel = "QUESTION", description = "the question; quote it")
    String question;

    @Override
    public Integer call() throws IOException {
        if (question == null && !json) {
            throw new CiteBotException("no question: use ask \"QUESTION\", or ask --json < FILE for one question a line");
        }
        if (question != null && question.isBlank()) {
            throw new CiteBotException("empty question: type a question about the articles");
        }
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        try (CiteBot bot = options.build()) {
            if (question != null) {
                Answer a = bot.ask(question);
                out.print(json ? new JsonRenderer().render(a) + "\n" : new PlainTextRenderer().render(a));
                return 0;
            }
            answerLines(bot, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), out, true);
            return 0;
        }
    }

    /**
     * Answers each line of the reader in turn, one block per input line, so that output matches input. With
     * {@code json}, one JSON line per input line (a blank line gets an error object); without, a transcript:
     * each question after "> ", then its answer as plain text (a blank line, the empty-question message), then
     * a blank line.
     */
    static void answerLines(CiteBot bot, BufferedReader in, PrintStream out, boolean json) throws IOException {
        JsonRenderer jsonRenderer = new JsonRenderer();
        PlainTextRenderer plain = new PlainTextRenderer();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (!json) {
                out.println("> " + CONTROL.matcher(line.strip()).replaceAll(" "));
            }
            if (json && line.isBlank()) {
                out.println(jsonRenderer.renderError(line.strip(), "empty question"));
                continue;
            }
            Answer a;
            try {
                a = bot.ask(line);
            } catch (CiteBotException e) {
                // An empty question, or the backend away: the batch goes on, later lines may be answered.
                out.println(json ? jsonRenderer.renderError(line, e.getMessage()) : "citebot: " + e.getMessage() + "\n");
                continue;
            }
            out.println(json ? jsonRenderer.render(a) : plain.render(a));
        }
    }
}
