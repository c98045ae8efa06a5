package io.github.citebot.web;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.TerminalText;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.frontend.RateLimiter;
import io.github.citebot.index.BackendUnavailableException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * {@code citebot serve}: the chat page at {@code /} and the HTTP JSON API under {@code /api} (described by
 * {@code /api/openapi.json}), over a {@link CiteBot} that may still be building.
 *
 * <pre>{@code
 * try (WebServer server = WebServer.start(BotState.of(bot), WebServer.Settings.DEFAULTS.withPort(0))) {
 *     System.out.println("listening on " + server.uri());
 * }
 * }</pre>
 *
 * <p>Every error is a JSON object {@code {"status": 400, "error": "..."}} with that HTTP status, never a stack
 * trace. The page's own files, and every response, carry a Content-Security-Policy that allows no inline script;
 * cross-origin requests are refused unless {@link Settings#corsOrigin} names an origin.
 */
public final class WebServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    /** Largest request body accepted, in bytes: a question of {@link CiteBot#MAX_QUESTION_CHARS} in any script fits. */
    public static final int MAX_BODY_BYTES = 16 * 1024;
    /** Longest conversation id accepted. */
    public static final int MAX_CONVERSATION_ID = 100;
    /** Chats remembered at once, and how long an idle one is kept. */
    static final int MAX_CONVERSATIONS = 10_000;
    static final Duration CONVERSATION_IDLE = Duration.ofMinutes(30);

    /** The page loads only its own files and talks only to this server. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, String> SECURITY_HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer");

    /**
     * Where and how the server listens.
     *
     * @param host       the interface to listen on; loopback by default
     * @param port       the port; 0 for any free one
     * @param corsOrigin the one origin allowed to call the API from another site's pages, or null for none
     * @param burst      questions a client (by address) may ask at once
     * @param perSecond  questions a client may ask a second after its burst; 0 for no limit
     */
    public record Settings(String host, int port, String corsOrigin, int burst, double perSecond) {

        private static final java.util.regex.Pattern ORIGIN = java.util.regex.Pattern.compile(
                "https?://[A-Za-z0-9.-]+(?::\\d{1,5})?|https?://\\[[0-9A-Fa-f:.]+\\](?::\\d{1,5})?");

        public static final Settings DEFAULTS = new Settings("127.0.0.1", 8080, null, 10, 2);

        public Settings {
            Objects.requireNonNull(host, "host");
            if (port < 0 || port > 65535) {
                throw new CiteBotException("--port must be 0 to 65535, got " + port);
            }
            if (perSecond < 0 || (perSecond > 0 && burst < 1)) {
                throw new CiteBotException("the rate limit needs --rate >= 0 and --burst >= 1");
            }
            if (corsOrigin != null && !ORIGIN.matcher(corsOrigin).matches()) {
                // A browser sends the origin as scheme://host[:port]; anything else would never match one.
                throw new CiteBotException("--cors must be an origin such as https://example.org (scheme, host and "
                        + "port, no path), got " + TerminalText.safe(corsOrigin));
            }
        }

        public Settings withPort(int port) {
            return new Settings(host, port, corsOrigin, burst, perSecond);
        }

        public Settings withoutRateLimit() {
            return new Settings(host, port, corsOrigin, burst, 0);
        }

        /** True when the host is not a loopback address: the server is reachable from other machines. */
        public boolean beyondLoopback() {
            return !(host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]"));
        }
    }

    private final BotState state;
    private final Settings settings;
    private final RateLimiter<String> limiter;
    private final Conversations<Function<String, Answer>> chats = new Conversations<>(MAX_CONVERSATIONS, CONVERSATION_IDLE);
    private final ApiJson json = new ApiJson();
    /** Strict: a body with more after its object ({@code {...} trailing}) is not a JSON object, so 400. */
    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Javalin app;

    private WebServer(BotState state, Settings settings) {
        this.state = Objects.requireNonNull(state, "state");
        this.settings = settings;
        this.limiter = settings.perSecond() > 0 ? new RateLimiter<>(settings.burst(), settings.perSecond()) : null;
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/io/github/citebot/web/page"; // not .../web itself: the tests' package would shadow it
                files.location = Location.CLASSPATH;
                files.headers = SECURITY_HEADERS;
            });
            if (settings.corsOrigin() != null) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> rule.allowHost(settings.corsOrigin())));
            }
        });
        app.before(ctx -> SECURITY_HEADERS.forEach(ctx::header));
        app.post("/api/ask", this::ask);
        app.get("/api/sources", ctx -> ok(ctx, json.sources(bot().sources())));
        app.get("/api/context", this::context);
        app.get("/api/health", this::health);
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.warn("{} {}: {}", ctx.method(), ctx.path(), e.toString(), e);
            error(ctx, 500, "internal error");
        });
        app.error(404, ctx -> {
            if (!"application/json".equals(ctx.res().getContentType())) {
                error(ctx, 404, "not found: " + ctx.path());
            }
        });
    }

    /**
     * Starts listening.
     *
     * @throws CiteBotException when the port is in use or the host cannot be bound
     */
    public static WebServer start(BotState state, Settings settings) {
        WebServer server = new WebServer(state, settings);
        try {
            server.app.start(settings.host(), settings.port());
        } catch (JavalinBindException e) {
            server.app.stop();
            throw new CiteBotException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + whyNotBound(e), e);
        } catch (RuntimeException e) {
            server.app.stop();
            throw new CiteBotException("cannot listen on " + settings.host() + ":" + settings.port() + ": " + e.getMessage(), e);
        }
        return server;
    }

    /**
     * What the socket said: Javalin calls every bind failure "Port already in use", also an unknown host or an
     * address of another machine, where "give --port" would send the user the wrong way.
     */
    private static String whyNotBound(JavalinBindException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        if (root instanceof java.nio.channels.UnresolvedAddressException) {
            return "unknown host (give --host a name or address of this machine)";
        }
        String message = String.valueOf(root.getMessage());
        return message.contains("in use") ? message + " (port in use: give --port)"
                : message + " (give --host an address of this machine)";
    }

    /** The port listened on (the one chosen when the settings said 0). */
    public int port() {
        return app.port();
    }

    /** The address of the page, as a browser on this machine reaches it. */
    public URI uri() {
        String host = settings.host().equals("0.0.0.0") || settings.host().equals("::") ? "127.0.0.1" : settings.host();
        return URI.create("http://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /** Stops listening; requests being answered are finished first. */
    @Override
    public void close() {
        app.stop();
    }

    // ---- handlers -------------------------------------------------------------------------------------------

    private void ask(Context ctx) throws IOException {
        if (limiter != null) {
            RateLimiter.Decision rate = limiter.acquire(ctx.ip());
            if (!rate.allowed()) {
                long wait = rate.retryAfterSeconds();
                ctx.header("Retry-After", Long.toString(wait));
                throw new HttpResponseException(429, "too many questions from this address: try again in " + wait + " s");
            }
        }
        JsonNode body = body(ctx);
        JsonNode q = body.get("question");
        if (q != null && !q.isNull() && !q.isTextual()) {
            throw new HttpResponseException(400, "question must be a string: send {\"question\": \"...\"}");
        }
        if (q == null || q.isNull() || q.asText().isBlank()) {
            throw new HttpResponseException(400, "empty question: send {\"question\": \"...\"}");
        }
        String question = q.asText().strip();
        if (question.length() > CiteBot.MAX_QUESTION_CHARS) {
            throw new HttpResponseException(400, "question too long: " + question.length() + " characters, at most "
                    + CiteBot.MAX_QUESTION_CHARS);
        }
        JsonNode c = body.get("conversation");
        if (c != null && !c.isNull() && (!c.isTextual() || c.asText().length() > MAX_CONVERSATION_ID)) {
            throw new HttpResponseException(400, "conversation must be a string id of at most " + MAX_CONVERSATION_ID
                    + " characters");
        }
        CiteBot bot = bot();
        Function<String, Answer> chat = c == null || c.isNull() ? bot::ask : chats.get(c.asText(), () -> {
            // A conversation is thread-confined; two requests of one chat at once take turns.
            Conversation conversation = bot.conversation();
            return asked -> {
                synchronized (conversation) {
                    return conversation.ask(asked);
                }
            };
        });
        try {
            ok(ctx, json.answer(chat.apply(question)));
        } catch (BackendUnavailableException e) {
            ctx.header("Retry-After", "5");
            throw new HttpResponseException(503, BackendUnavailableException.MESSAGE);
        }
    }

    private void context(Context ctx) {
        String source = ctx.queryParam("source");
        String sentence = ctx.queryParam("sentence");
        if (source == null || sentence == null) {
            throw new HttpResponseException(400, "give source and sentence: /api/context?source=FILE&sentence=TEXT");
        }
        ok(ctx, json.context(bot().sources(), source, sentence).orElseThrow(() ->
                new HttpResponseException(404, "no such sentence in " + source)));
    }

    private void health(Context ctx) {
        state.bot().ifPresentOrElse(bot -> ok(ctx, json.ready(bot)), () -> {
            ctx.status(503);
            ctx.header("Retry-After", "1");
            ctx.contentType("application/json").result(json.indexing(state.progress()));
        });
    }

    /** The built bot, else 503 with how far indexing has come. */
    private CiteBot bot() {
        return state.bot().orElseThrow(() -> {
            BotState.Progress p = state.progress();
            return new HttpResponseException(503, p.total() == 0 ? "the index is being built: try again shortly"
                    : String.format(Locale.ROOT, "the index is being built (%,d/%,d sentences embedded): try again shortly",
                    p.embedded(), p.total()));
        });
    }

    /** The request's JSON object, read up to the size limit whatever Content-Length says. */
    private JsonNode body(Context ctx) throws IOException {
        if (ctx.req().getContentLengthLong() > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        byte[] bytes;
        try (InputStream in = ctx.req().getInputStream()) {
            bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (bytes.length > MAX_BODY_BYTES) {
            throw tooLarge();
        }
        try {
            JsonNode node = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // fall through: not JSON
        }
        throw new HttpResponseException(400, "the body must be a JSON object: {\"question\": \"...\", \"conversation\": \"optional id\"}");
    }

    private static HttpResponseException tooLarge() {
        return new HttpResponseException(413, "request body over " + MAX_BODY_BYTES + " bytes");
    }

    private static void ok(Context ctx, String body) {
        ctx.contentType("application/json").result(body);
    }

    private void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("application/json").result(json.error(status, message));
    }
}
