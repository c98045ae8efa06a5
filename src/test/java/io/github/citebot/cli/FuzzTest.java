package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.SharedBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.AnsiRenderer;
import io.github.citebot.answer.PlainTextRenderer;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input, generated: random bytes, control characters, code points of every Unicode category and huge
 * lines, through the question path, the batch mode and the corpus loader. A fixed seed makes a failure
 * reproducible; each part stops after a couple of seconds, so CI time stays bounded.
 */
class FuzzTest {

    private static final long SEED = 20261202L;
    private static final long BUDGET_NANOS = 2_000_000_000L;
    /** A control character that a terminal would obey: any but the line break the renderers put there. */
    private static final Pattern LIVE_CONTROL = Pattern.compile("[\\p{Cc}&&[^\\n]]");

    private final Random random = new Random(SEED);

    @TempDir
    Path dir;

    @Test
    void should_answer_every_hostile_line_with_exactly_one_json_line_and_no_live_control_in_plain_text()
            throws Exception {
        CiteBot bot = SharedBot.seeds();
        PlainTextRenderer plain = new PlainTextRenderer();
        AnsiRenderer ansi = new AnsiRenderer(false);
        int tried = 0;
        long start = System.nanoTime();
        while (System.nanoTime() - start < BUDGET_NANOS) {
            List<String> lines = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                lines.add(hostileText(i == 0 && tried % 100 == 0 ? 10_000 : 80).replace("\n", " ").replace("\r\n", " "));
            }
            // As a file would hold them: \n between lines, some lines ending \r\n, lone \r kept inside lines.
            StringBuilder input = new StringBuilder();
            for (String line : lines) {
                input.append(line).append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            AskCommand.answerLines(bot, new StringReader(input.toString()), new PrintStream(bytes, true,
                    StandardCharsets.UTF_8), true);
            assertThat(bytes.toString(StandardCharsets.UTF_8).split("\n", -1)).as("one JSON line per input line")
                    .hasSize(lines.size() + 1);

            for (String line : lines) {
                Answer a;
                try {
                    a = bot.ask(line);
                } catch (CiteBotException e) {
                    continue; // an empty question: the one refusal the API promises
                }
                assertThat(plain.render(a)).doesNotContainPattern(LIVE_CONTROL);
                assertThat(ansi.render(a, 80)).doesNotContainPattern(LIVE_CONTROL);
            }
            tried += lines.size();
        }
        System.out.printf("fuzz: %,d questions in %.1f s%n", tried, (System.nanoTime() - start) / 1e9);
        assertThat(tried).isPositive();
    }

    @Test
    void should_load_hostile_files_or_refuse_them_with_a_clear_error_and_list_them_without_live_controls()
            throws Exception {
        int tried = 0;
        long start = System.nanoTime();
        String[] extensions = {".txt", ".md", ".html", ".htm"};
        while (System.nanoTime() - start < BUDGET_NANOS) {
            Path corpus = Files.createDirectory(dir.resolve("corpus" + tried));
            for (int i = 0; i < 3; i++) {
                String name = "f" + i + "\u001b]0;" + (char) ('a' + random.nextInt(26)) + "\u0007"
                        + extensions[random.nextInt(extensions.length)];
                byte[] content = random.nextBoolean() ? hostileText(2000).getBytes(StandardCharsets.UTF_8)
                        : randomBytes(2000);
                Files.write(corpus.resolve(name), content);
            }
            try {
                List<Article> articles = new CorpusLoader().load(corpus);
                assertThat(SourcesCommand.render(articles, 80)).doesNotContainPattern(LIVE_CONTROL);
            } catch (CiteBotException e) {
                assertThat(e.getMessage()).isNotBlank(); // no articles in it: a one-line error, as promised
            }
            tried += 3;
        }
        System.out.printf("fuzz: %,d files loaded in %.1f s%n", tried, (System.nanoTime() - start) / 1e9);
        assertThat(tried).isPositive();
    }

    /** Text mixing words, control characters, random code points of any category and invalid UTF-8. */
    private String hostileText(int length) {
        StringBuilder s = new StringBuilder();
        while (s.length() < length) {
            switch (random.nextInt(6)) {
                case 0 -> s.append("Why didn't Kim go to Moscow? ");
                case 1 -> s.append((char) random.nextInt(0x20)).append((char) (0x7f + random.nextInt(0x21)));
                case 2 -> s.append("\u001b[2J\u001b]0;pwned\u0007&#x1b;]0;x&#x07;");
                case 3 -> s.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1)); // lone surrogates too
                case 4 -> s.append(new String(randomBytes(8), StandardCharsets.UTF_8));
                default -> s.append(" \u00a0\u200b\u202e\ufeff ");
            }
        }
        return s.toString();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
