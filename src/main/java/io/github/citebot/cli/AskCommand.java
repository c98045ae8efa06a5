package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.index.BackendUnavailableException;
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

/** {@code citebot ask}: one answer, or one JSON answer per line of standard input. */
@Command(name = "ask", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answer a question from the articles.",
                "With --json and no QUESTION, read one question per line of standard input and write one JSON answer "
                        + "per line; a blank line gets an error object and the batch goes on."})
final class AskCommand implements Callable<Integer> {

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
     * Answers each line of the reader in turn. With {@code json}, one JSON line per input line, and a blank line
     * gets an error object so output lines match input lines; without, each answer as plain text followed by a
     * blank line, and blank input lines are skipped.
     */
    static void answerLines(CiteBot bot, BufferedReader in, PrintStream out, boolean json) throws IOException {
        JsonRenderer jsonRenderer = new JsonRenderer();
        PlainTextRenderer plain = new PlainTextRenderer();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                if (json) {
                    out.println(jsonRenderer.renderError(line.strip(), "empty question"));
                }
                continue;
            }
            Answer a;
            try {
                a = bot.ask(line);
            } catch (BackendUnavailableException e) {
                // The batch goes on: this line gets an error, later ones may be answered once the backend is back.
                out.println(json ? jsonRenderer.renderError(line, e.getMessage()) : "citebot: " + e.getMessage() + "\n");
                continue;
            }
            out.println(json ? jsonRenderer.render(a) : plain.render(a));
        }
    }
}
