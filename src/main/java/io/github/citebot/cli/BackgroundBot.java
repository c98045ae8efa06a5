package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.IndexProgress;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A {@link CiteBot} being built on a background thread, so that a front-end can show its prompt (and a progress
 * line) while the model loads and the sentences are embedded; the first question waits for the build.
 */
final class BackgroundBot implements AutoCloseable {

    /** How often a waiting caller is told the progress. */
    private static final long TICK_MILLIS = 100;
    /**
     * The longest {@link #close} waits for a build it stopped: the model finishing loading and the batch being
     * embedded (a second or two).
     */
    private static final long STOP_MILLIS = 30_000;

    /**
     * How far the build has come.
     *
     * @param articles articles loaded
     * @param embedded sentences embedded so far
     * @param total    sentences to embed (those the embedding cache lacks), known once the cache has been read;
     *                 0 before
     */
    record Status(int articles, int embedded, int total) {

        /** For a progress line: "4 articles, 32/59 sentences embedded". */
        String describe() {
            String a = articles + (articles == 1 ? " article" : " articles");
            return total == 0 ? a + ", preparing the index"
                    : String.format(Locale.ROOT, "%s, %,d/%,d sentences embedded", a, embedded, total);
        }
    }

    private final CompletableFuture<CiteBot> bot;
    private volatile Thread builder;
    private volatile Status status;
    private volatile Runnable onProgress = () -> { };

    private BackgroundBot(int articles) {
        this.status = new Status(articles, 0, 0);
        this.bot = new CompletableFuture<>();
    }

    /**
     * Starts building on a daemon thread (a user who quits while it builds does not wait for it).
     *
     * @param articles the number of articles being indexed, for the progress line before the first update
     * @param builder  the bot's builder, given the progress listener to report to
     */
    static BackgroundBot start(int articles, Function<IndexProgress, CiteBot.Builder> builder) {
        BackgroundBot b = new BackgroundBot(articles);
        Thread t = new Thread(() -> {
            try {
                b.bot.complete(builder.apply(b::update).build());
            } catch (Throwable e) {
                b.bot.completeExceptionally(e);
            }
            b.onProgress.run();
        }, "citebot-index");
        t.setDaemon(true);
        b.builder = t;
        t.start();
        return b;
    }

    /** A bot already built. */
    static BackgroundBot of(CiteBot built) {
        BackgroundBot b = new BackgroundBot(built.sources().size());
        b.bot.complete(built);
        return b;
    }

    private void update(int articles, int embedded, int total) {
        status = new Status(articles, embedded, total);
        onProgress.run();
    }

    /** Called on the building thread after each progress update and once when the build ends, however it ends. */
    void onProgress(Runnable listener) {
        this.onProgress = Objects.requireNonNull(listener);
    }

    Status status() {
        return status;
    }

    /** True once the bot is built and can answer. */
    boolean ready() {
        return bot.isDone() && !bot.isCompletedExceptionally();
    }

    /** The bot if it is built, else empty; never waits. */
    Optional<CiteBot> now() {
        return ready() ? Optional.of(bot.join()) : Optional.empty();
    }

    /** True when the build has failed; {@link #get} then throws its exception. */
    boolean failed() {
        return bot.isCompletedExceptionally();
    }

    /**
     * The bot, waiting for the build; while it waits, {@code waiting} is given the status every tick.
     *
     * @throws RuntimeException the build's own exception (a {@link io.github.citebot.CiteBotException} for a bad
     *                          corpus or model) when it failed
     */
    CiteBot get(Consumer<Status> waiting) throws InterruptedException {
        while (true) {
            try {
                return bot.get(TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                waiting.accept(status);
            } catch (ExecutionException e) {
                throw rethrow(e.getCause());
            }
        }
    }

    /** The bot, waiting for it without reports. */
    CiteBot get() throws InterruptedException {
        return get(s -> { });
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException r) {
            throw r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        throw new IllegalStateException(cause);
    }

    /**
     * Closes the bot. A build still running is stopped and waited for: it saves what it has embedded, and the
     * model still loading finishes loading before it is closed, because the process exiting meanwhile would tear
     * ONNX Runtime down under the thread building its session (a JVM crash).
     */
    @Override
    public void close() {
        Thread t = builder;
        if (t != null && !bot.isDone()) {
            t.interrupt();
            try {
                t.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        bot.thenAccept(CiteBot::close);
    }
}
