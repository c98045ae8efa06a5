package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.ProgressLine;
import io.github.citebot.corpus.Article;
import io.github.citebot.telegram.TelegramBot;
import io.github.citebot.telegram.TelegramConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code citebot telegram}: runs the Telegram bot until the process is stopped (Ctrl-C or SIGTERM). */
@Command(name = "telegram", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answer questions on Telegram (long polling) until stopped with Ctrl-C or SIGTERM.",
                "Environment: TELEGRAM_BOT_TOKEN (required), TELEGRAM_API_URL (optional Bot API server, "
                        + "scheme://host[:port] without a path), TELEGRAM_ALLOWED_CHATS (optional comma-separated chat ids)."})
final class TelegramCommand implements Callable<Integer> {

    /** Questions the bundled articles answer, shown by /start when no --example is given. */
    static final List<String> SEEDS_EXAMPLES = List.of("Why didn't Kim Jong Un go to Moscow?",
            "Would it have been Kim's first trip abroad?", "Who said the decision was connected to internal affairs?");

    @Mixin
    BotOptions options;

    @Option(names = "--example", paramLabel = "QUESTION",
            description = "an example question /start shows (repeat up to 3 times); default: three questions about the bundled articles, or one per article title")
    List<String> examples;

    @Override
    public Integer call() throws InterruptedException {
        // Configuration first: a missing token fails in milliseconds, before the model loads.
        TelegramConfig config = TelegramConfig.fromEnvironment(System.getenv());
        CiteBot citebot = options.liveBuilder(new ProgressLine(System.err)).build();
        TelegramBot bot = new TelegramBot(citebot, config, examples != null && !examples.isEmpty() ? examples
                : defaultExamples(citebot.sources()));
        CountDownLatch stopped = new CountDownLatch(1);
        GracefulStop stop = GracefulStop.install(() -> {
            // Stops polling, answers what was already taken, then releases the index.
            bot.close();
            citebot.close();
            System.err.println("citebot: Telegram bot stopped");
            stopped.countDown();
        });
        try {
            bot.start();
        } catch (RuntimeException e) {
            stop.cancel();
            bot.close();
            citebot.close();
            throw e;
        }
        System.err.println("citebot: @" + bot.username() + " answers on Telegram from " + citebot.sources().size()
                + " articles; Ctrl-C or SIGTERM stops it");
        stopped.await();
        return 0;
    }

    private List<String> defaultExamples(List<Article> articles) {
        if (options.bundled()) {
            return SEEDS_EXAMPLES;
        }
        return articles.stream().limit(3).map(a -> "What do the articles say about \u201c" + a.title() + "\u201d?").toList();
    }
}
