package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.answer.Answer;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.answer.PlainTextRenderer;
import io.github.citebot.answer.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

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
                out.flush();
                return 0;
            }
            answerLines(bot, new InputStreamReader(System.in, StandardCharsets.UTF_8), out, true);
            return 0;
        }
    }

    /**
     * Answers each line of the reader in turn, one block per input line, so that output matches input; lines end
     * at {@code \n} or {@code \r\n} only (a lone {@code \r} is part of its line). With {@code json}, exactly one
     * JSON line per input line: a line that is not a question (blank, control characters only) gets an error
     * object and the batch goes on. Without, a transcript: each question after "> ", then its answer as plain
     * text (or the error), then a blank line. Stops quietly at the first write that fails (the reader of the
     * output has gone, as {@code | head -1} does).
     */
    static void answerLines(CiteBot bot, Reader in, PrintStream out, boolean json) throws IOException {
        answerLines(bot, in, out, new Repl.Session(json), null);
    }

    /**
     * As {@link #answerLines(CiteBot, Reader, PrintStream, boolean)}, for the piped prompt: a line starting with
     * {@code :} is one of its commands, run instead of asked, and the session keeps the last answer for
     * {@code :why} and whether JSON is on.
     *
     * @param commands runs a :command line, false to stop reading (:quit); null where there are none (ask)
     */
    static void answerLines(CiteBot bot, Reader in, PrintStream out, Repl.Session session, Predicate<String> commands)
            throws IOException {
        JsonRenderer jsonRenderer = new JsonRenderer();
        PlainTextRenderer plain = new PlainTextRenderer();
        BufferedReader buffered = in instanceof BufferedReader b ? b : new BufferedReader(in);
        Conversations conversations = new Conversations(bot);
        for (String line = readLine(buffered); line != null; line = readLine(buffered)) {
            boolean json = session.json;
            if (!json) {
                out.println("> " + TerminalText.safe(line.strip()));
            }
            if (commands != null && line.strip().startsWith(":")) {
                boolean more = commands.test(line.strip());
                if (!json) {
                    out.println();
                }
                if (!more || out.checkError()) {
                    return;
                }
                continue;
            }
            Turn turn = json && line.stripLeading().startsWith("{") ? Turn.read(line) : new Turn(null, line);
            if (turn.error() != null) {
                out.println(jsonRenderer.renderError(line.strip(), turn.error()));
            } else {
                try {
                    Answer a = turn.conversation() == null ? bot.ask(turn.question())
                            : conversations.of(turn.conversation()).ask(turn.question());
                    session.last = a;
                    out.println(json ? jsonRenderer.render(a, turn.conversation()) : plain.render(a));
                } catch (CiteBotException e) {
                    // The batch goes on: a bad line, or the backend away for a moment, costs this line only.
                    out.println(json ? jsonRenderer.renderError(turn.question().strip(), e.getMessage())
                            : "citebot: " + TerminalText.safe(e.getMessage()) + "\n");
                }
            }
            if (out.checkError()) {
                return;
            }
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

        /** Strict: a line with more after its object is an error line, not the object's question answered. */
        private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    /** The next line without its {@code \n} or {@code \r\n}, or null at the end. */
    static String readLine(BufferedReader in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c = in.read();
        if (c < 0) {
            return null;
        }
        for (; c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        int end = line.length();
        return c == '\n' && end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
