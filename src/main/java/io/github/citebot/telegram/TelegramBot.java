package io.github.citebot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.frontend.RateLimiter;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.util.DefaultGetUpdatesGenerator;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * citebot on Telegram: long-polls the Bot API with the TelegramBots library and hands each update to a
 * {@link UpdateHandler}, which answers it in the chat's conversation ({@link CiteBot#conversation}).
 *
 * <pre>{@code
 * try (CiteBot citebot = CiteBot.builder().build();
 *      TelegramBot bot = new TelegramBot(citebot, TelegramConfig.fromEnvironment(System.getenv()), examples)) {
 *     bot.start();          // returns once polling runs; answers come on the bot's own threads
 *     ...                   // until the process is told to stop
 * }
 * }</pre>
 *
 * <p>The polling thread only hands updates over: answers are computed and sent on a bounded pool, and when the
 * pool and its queue are full, polling waits (Telegram keeps the updates meanwhile). {@link #close} stops polling,
 * then waits for every update already taken to be answered, then tells Telegram those updates are done, so
 * nothing taken is lost and nothing is answered twice after a restart.
 */
public final class TelegramBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TelegramBot.class);

    /** The commands registered with setMyCommands, as Telegram's menu shows them. */
    static final List<BotCommand> COMMANDS = List.of(
            new BotCommand("ask", "Ask a question about the articles"),
            new BotCommand("sources", "The articles I answer from"),
            new BotCommand("help", "How to ask"),
            new BotCommand("start", "What I am, with example questions"));

    /** Tries of a call the bot can serve without (setMyCommands) before it goes on without it. */
    static final int COSMETIC_TRIES = 3;

    /** The longest a getUpdates call is held open by the Bot API, in seconds. */
    private static final int POLL_SECONDS = 50;

    private final CiteBot citebot;
    private final TelegramConfig config;
    private final Replies replies;
    private final ApiWatch watch;
    private final OkHttpClient sendHttp;
    private final OkHttpClient pollHttp;
    private final TelegramClient client;
    private final Sender sender;
    private final ScheduledExecutorService pollThread;
    private final TelegramBotsLongPollingApplication polling;
    private final ThreadPoolExecutor pool;
    private final Semaphore slots;
    private final Object takeLock = new Object();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger lastTaken = new AtomicInteger();
    private boolean taking = true; // guarded by takeLock
    private volatile UpdateHandler handler;
    private volatile User me;
    private volatile BotSession session;

    /**
     * A bot answering from {@code citebot}; nothing is contacted before {@link #start}.
     *
     * @param examples example questions for /start (the first three are shown)
     */
    public TelegramBot(CiteBot citebot, TelegramConfig config, List<String> examples) {
        this.citebot = Objects.requireNonNull(citebot, "citebot");
        this.config = Objects.requireNonNull(config, "config");
        this.replies = new Replies(citebot::sources, examples);
        TelegramConfig.Limits limits = config.limits();
        this.watch = new ApiWatch(config.apiAddress(), config::redact);
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(limits.workers() * 2); // a send and a typing action per worker
        this.sendHttp = new OkHttpClient.Builder().dispatcher(dispatcher).addInterceptor(watch)
                .connectTimeout(Duration.ofSeconds(10)).readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofSeconds(60)).build();
        this.pollHttp = new OkHttpClient.Builder().addInterceptor(watch).connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(POLL_SECONDS + 25)).build();
        this.client = new OkHttpTelegramClient(sendHttp, config.token(), config.apiUrl());
        this.sender = new Sender(client, new MessageSplitter(), limits.maxBackoff(), config::redact);
        this.pollThread = Executors.newSingleThreadScheduledExecutor(named("citebot-telegram-poll"));
        int maxBackoff = (int) Math.min(Integer.MAX_VALUE, limits.maxBackoff().toMillis());
        this.polling = new TelegramBotsLongPollingApplication(ObjectMapper::new, () -> pollHttp, () -> pollThread,
                // The library's default gives up growing at 15 minutes and then waits 15 minutes a try.
                () -> new ExponentialBackOff.Builder().setInitialIntervalMillis(Math.min(500, maxBackoff))
                        .setMultiplier(2).setMaxIntervalMillis(maxBackoff).setMaxElapsedTimeMillis(Integer.MAX_VALUE)
                        .build());
        this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named("citebot-telegram-answer"));
        this.slots = new Semaphore(limits.workers() + limits.queued());
    }

    /**
     * Introduces the bot to the Bot API (getMe, setMyCommands) and starts polling. While the Bot API is
     * unreachable it waits and tries again. Only getMe and polling are needed to answer: a setMyCommands that
     * keeps failing (a proxy, a self-hosted server without it) is tried a few times, then reported once, and
     * the bot serves without its command menu.
     *
     * @throws CiteBotException when Telegram rejects the token, or the bot is closed before it could start
     */
    public void start() {
        me = untilDone("getMe", () -> client.execute(new GetMe()));
        handler = new UpdateHandler(new Chats(citebot, Clock.systemUTC()), config, replies, new RateLimiter<>(config.limits().burst(),
                config.limits().perSecond()), new MessageRouter(me.getId(), me.getUserName() == null ? "" : me.getUserName()),
                client, sender);
        optional("setMyCommands", () -> client.execute(SetMyCommands.builder().commands(COMMANDS).build()));
        session = untilDone("polling", () -> {
            try {
                return polling.registerBot(config.token(), config::apiUrl,
                        new DefaultGetUpdatesGenerator(List.of("message")), this::take);
            } catch (TelegramApiException e) {
                unregisterQuietly();
                throw e;
            }
        });
        LOG.info("@{} polls {} for updates", me.getUserName(), config.apiAddress());
    }

    /** The bot's username, once {@link #start} has returned. */
    public String username() {
        return me == null ? null : me.getUserName();
    }

    /**
     * Stops polling, answers every update already taken (waiting up to the drain timeout), confirms them to the
     * Bot API and releases threads and connections. Safe to call twice and from a shutdown hook.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        watch.quiet();
        BotSession s = session;
        if (s != null) {
            s.stop();
        }
        // Abort the getUpdates held open: what it would bring is not taken, so Telegram keeps it for the next start.
        pollHttp.dispatcher().cancelAll();
        synchronized (takeLock) {
            taking = false;
        }
        pool.shutdown();
        try {
            if (!pool.awaitTermination(config.limits().drainTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{} answers were still running after {}; stopping anyway", pool.getActiveCount(),
                        config.limits().drainTimeout());
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
        acknowledge();
        try {
            polling.close();
        } catch (Exception e) {
            LOG.debug("closing the polling application: {}", config.redact(e.toString()));
        }
        pollThread.shutdownNow();
        for (OkHttpClient http : List.of(sendHttp, pollHttp)) {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }

    /**
     * Called on the polling thread: hands each update to the pool, waiting for room when it is full. It must not
     * throw: an exception here would end the library's polling task for good.
     */
    private void take(List<Update> updates) {
        try {
            takeEach(updates);
        } catch (RuntimeException e) {
            LOG.error("could not take {} updates: {}", updates.size(), config.redact(e.toString()));
        }
    }

    private void takeEach(List<Update> updates) {
        for (Update update : updates) {
            try {
                slots.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (takeLock) {
                if (!taking) {
                    slots.release();
                    return; // stopping: not taken, so not confirmed; Telegram delivers it again after a restart
                }
                lastTaken.accumulateAndGet(update.getUpdateId(), Math::max);
                pool.execute(() -> {
                    try {
                        handler.handle(update);
                    } catch (RuntimeException e) {
                        LOG.warn("update {} failed: {}", update.getUpdateId(), config.redact(e.toString()));
                    } finally {
                        slots.release();
                    }
                });
            }
        }
    }

    /** Confirms the updates taken, so a restart does not answer them again. */
    private void acknowledge() {
        int last = lastTaken.get();
        if (last == 0) {
            return;
        }
        try {
            client.execute(GetUpdates.builder().offset(last + 1).limit(1).timeout(0).build());
        } catch (TelegramApiException e) {
            LOG.warn("could not confirm the last updates to Telegram ({}); a restart may answer them again",
                    config.redact(e.getMessage()));
        }
    }

    /** An action retried while the Bot API is unreachable or busy (429); a rejected token ends it. */
    private <T> T untilDone(String what, ApiCall<T> call) {
        long pause = 500;
        while (true) {
            if (closed.get()) {
                throw new CiteBotException("stopped before the Telegram bot could start");
            }
            try {
                return call.run();
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                if (Integer.valueOf(401).equals(code) || Integer.valueOf(404).equals(code)) {
                    throw new CiteBotException("Telegram rejects " + TelegramConfig.TOKEN_VARIABLE + " (" + code
                            + " from " + what + "): check the token @BotFather gave you");
                }
                if (!Integer.valueOf(429).equals(code) || e.getParameters() == null) {
                    throw new CiteBotException("Telegram refused " + what + ": " + config.redact(e.getMessage()));
                }
                sleep(Duration.ofSeconds(e.getParameters().getRetryAfter()).toMillis());
            } catch (TelegramApiException e) {
                // Unreachable: ApiWatch has said so once; try again until it is back.
                sleep(pause);
                pause = Math.min(pause * 2, config.limits().maxBackoff().toMillis());
            }
        }
    }

    /**
     * A call the bot can do without: retried {@link #COSMETIC_TRIES} times while it fails for a passing reason
     * (unreachable, 429, a 5xx), then a warning and on; a refusal (another 4xx) is reported at once.
     */
    private void optional(String what, ApiCall<?> call) {
        long pause = 500;
        for (int tries = 1; ; tries++) {
            if (closed.get()) {
                throw new CiteBotException("stopped before the Telegram bot could start");
            }
            try {
                call.run();
                return;
            } catch (TelegramApiException e) {
                Integer code = e instanceof TelegramApiRequestException r ? r.getErrorCode() : null;
                // A body that is no Bot API answer (a proxy's error page) comes without a code, or with 0.
                boolean refused = code != null && code >= 400 && code < 500 && code != 429;
                if (refused || tries >= COSMETIC_TRIES) {
                    LOG.warn("Telegram did not take {} ({}); the bot answers anyway, without it", what,
                            config.redact(String.valueOf(e.getMessage())));
                    return;
                }
                sleep(pause);
                pause = Math.min(pause * 2, config.limits().maxBackoff().toMillis());
            }
        }
    }

    private void unregisterQuietly() {
        try {
            polling.unregisterBot(config.token());
        } catch (TelegramApiException ignored) {
            // not registered
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CiteBotException("interrupted while waiting for the Telegram Bot API");
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** A Bot API call. */
    @FunctionalInterface
    private interface ApiCall<T> {
        T run() throws TelegramApiException;
    }
}
