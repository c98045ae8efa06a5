package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.web.BotState;
import io.github.citebot.web.WebServer;
import io.javalin.util.JavalinLogger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code citebot serve}: the web chat page and the HTTP JSON API, until stopped (Ctrl-C or SIGTERM). */
@Command(name = "serve", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Serve the chat page at / and the HTTP JSON API under /api (described at /api/openapi.json) "
                + "until stopped with Ctrl-C or SIGTERM. Listens at once; questions get 503 until the articles are indexed."})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    BotOptions options;

    @Option(names = "--host", paramLabel = "HOST", description = "the interface to listen on; default: ${DEFAULT-VALUE} "
            + "(this machine only; 0.0.0.0 for every interface)")
    String host = WebServer.Settings.DEFAULTS.host();

    @Option(names = "--port", paramLabel = "PORT", description = "the port; 0 for any free one; default: ${DEFAULT-VALUE}")
    int port = WebServer.Settings.DEFAULTS.port();

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "let pages from this origin (https://example.org) call "
            + "the API; default: none")
    String cors;

    @Option(names = "--rate", paramLabel = "N", description = "questions a second each client address may ask after its "
            + "burst; 0 for no limit; default: ${DEFAULT-VALUE}")
    double rate = WebServer.Settings.DEFAULTS.perSecond();

    @Option(names = "--burst", paramLabel = "N", description = "questions a client address may ask at once; default: ${DEFAULT-VALUE}")
    int burst = WebServer.Settings.DEFAULTS.burst();

    @Override
    public Integer call() throws InterruptedException {
        WebServer.Settings settings = new WebServer.Settings(host, port, cors, burst, rate);
        // A bad corpus fails here, in a moment, and a port in use next, before the model loads; the index is then
        // built behind the listening server.
        int articles = new CorpusLoader().load(options.corpus()).size();
        // The server reports its own failures, in one line ("port in use"); Javalin would log them again.
        JavalinLogger.enabled = false;
        Building state = new Building();
        WebServer server = WebServer.start(state, settings);
        BackgroundBot bot = BackgroundBot.start(articles, options::liveBuilder);
        state.bot = bot;
        CountDownLatch stopped = new CountDownLatch(1);
        GracefulStop stop = GracefulStop.install(() -> {
            // Finishes the requests being answered, then releases the index.
            server.close();
            bot.close();
            System.err.println("citebot: server stopped");
            stopped.countDown();
        });
        if (settings.beyondLoopback()) {
            System.err.println("citebot: listening on " + host + ", reachable from other machines; --host 127.0.0.1 keeps it to this one");
        }
        System.err.println("citebot: serving " + articles + " articles at " + server.uri() + " (API: " + server.uri()
                + "api/openapi.json); Ctrl-C or SIGTERM stops it");
        try {
            bot.get(); // a corpus or model that cannot be indexed ends the server with the build's error
        } catch (RuntimeException e) {
            stop.cancel();
            server.close();
            bot.close();
            throw e;
        }
        stopped.await();
        return 0;
    }

    /** The bot being built, once its build has started. */
    private static final class Building implements BotState {
        volatile BackgroundBot bot;

        @Override
        public Optional<CiteBot> bot() {
            BackgroundBot b = bot;
            return b == null ? Optional.empty() : b.now();
        }

        @Override
        public Progress progress() {
            BackgroundBot b = bot;
            BackgroundBot.Status s = b == null ? new BackgroundBot.Status(0, 0, 0) : b.status();
            return new Progress(s.articles(), s.embedded(), s.total());
        }
    }
}
