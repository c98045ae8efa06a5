package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.answer.Answer;
import io.github.citebot.conversation.Conversation;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code citebot ask}: one answer, or one JSON answer per line of standard input. */
@Command(name = "ask", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answer a question from the articles.",
                "With --json and no QUESTION, read one question per line of standard input and write one JSON answer "
                        + "per line; a blank line gets an error object and the batch goes on. A line may be a JSON "
                        + "object {\"conversation\": \"c01\", \"question\": \"...\"}: its question is read with the "
                        + "earlier questions of the same conversation, and its answer carries the conversation back."})
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
        Conversations conversations = new Conversations(bot);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isBlank()) {
                if (json) {
                    out.println(jsonRenderer.renderError(line.strip(), "empty question"));
                }
                continue;
            }
            Turn turn = json && line.stripLeading().startsWith("{") ? Turn.read(line) : new Turn(null, line);
            if (turn.error() != null) {
                out.println(jsonRenderer.renderError(line.strip(), turn.error()));
                continue;
            }
            Answer a;
            try {
                a = turn.conversation() == null ? bot.ask(turn.question())
                        : conversations.of(turn.conversation()).ask(turn.question());
            } catch (BackendUnavailableException e) {
                // The batch goes on: this line gets an error, later ones may be answered once the backend is back.
                out.println(json ? jsonRenderer.renderError(turn.question(), e.getMessage())
                        : "citebot: " + e.getMessage() + "\n");
                continue;
            }
            out.println(json ? jsonRenderer.render(a, turn.conversation()) : plain.render(a));
        }
    }

    /**
     * One input line: a plain question, or with --json a JSON object {@code {"conversation": "c01", "question":
     * "..."}} whose question is read with the earlier lines of the same conversation.
     *
     * @param conversation the conversation's id, or null for a question on its own
     * @param error        why the line cannot be read, or null
     */
    private record Turn(String conversation, String question, String error) {

        private static final ObjectMapper JSON = new ObjectMapper();

        Turn(String conversation, String question) {
            this(conversation, question, null);
        }

        static Turn read(String line) {
            JsonNode node;
            try {
                node = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                return new Turn(null, line.strip(), "not a JSON object: " + e.getOriginalMessage());
            }
            JsonNode question = node.path("question");
            JsonNode conversation = node.path("conversation");
            if (!question.isTextual() || question.asText().isBlank()) {
                return new Turn(null, line.strip(), "no question: a JSON line needs a \"question\" string");
            }
            if (!conversation.isMissingNode() && !conversation.isNull() && !conversation.isValueNode()) {
                return new Turn(null, question.asText(), "\"conversation\" must be a string or a number");
            }
            return new Turn(conversation.isValueNode() && !conversation.isNull() ? conversation.asText() : null,
                    question.asText(), null);
        }
    }

    /** The batch's conversations by id; the least recently used is forgotten beyond {@value #MAX}. */
    private static final class Conversations extends LinkedHashMap<String, Conversation> {
        static final int MAX = 10_000;
        private final CiteBot bot;

        Conversations(CiteBot bot) {
            super(16, 0.75f, true);
            this.bot = bot;
        }

        Conversation of(String id) {
            return computeIfAbsent(id, k -> bot.conversation());
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
            return size() > MAX;
        }
    }
}
