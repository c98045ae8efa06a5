package io.github.citebot.telegram;

import io.github.citebot.CiteBotException;
import org.telegram.telegrambots.meta.TelegramUrl;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How the Telegram bot runs: its token, the Bot API it talks to, which chats it serves and how much load it
 * takes. {@link #fromEnvironment} reads the deployment's environment variables; tests build one directly.
 *
 * @param token        the bot token from @BotFather; never shown by {@link #toString} or in any message
 * @param apiUrl       the Bot API server: scheme, host and port only (the library adds {@code /bot<token>/<method>})
 * @param allowedChats the chats answered; empty means every chat
 * @param limits       the pool, rate limit and retry settings
 */
public record TelegramConfig(String token, TelegramUrl apiUrl, Set<Long> allowedChats, Limits limits) {

    /** The bot token variable (required). */
    public static final String TOKEN_VARIABLE = "TELEGRAM_BOT_TOKEN";
    /** The Bot API base URL variable (optional). */
    public static final String API_URL_VARIABLE = "TELEGRAM_API_URL";
    /** The allow-list variable: comma-separated chat ids (optional). */
    public static final String ALLOWED_CHATS_VARIABLE = "TELEGRAM_ALLOWED_CHATS";

    /** A token as @BotFather issues them: the bot's numeric id, a colon, then a secret of letters, digits, - and _. */
    private static final Pattern TOKEN = Pattern.compile("\\d{1,20}:[A-Za-z0-9_-]{30,60}");

    public TelegramConfig {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(apiUrl, "apiUrl");
        allowedChats = Set.copyOf(allowedChats);
        Objects.requireNonNull(limits, "limits");
        if (!TOKEN.matcher(token).matches()) {
            throw new CiteBotException(TOKEN_VARIABLE + " is malformed: expected the form 123456789:AAE... that @BotFather gives");
        }
    }

    /**
     * The configuration from environment variables ({@code System.getenv()} in production).
     *
     * @throws CiteBotException with a one-line message (never holding the token) when a variable is missing or bad
     */
    public static TelegramConfig fromEnvironment(Map<String, String> env) {
        String token = env.getOrDefault(TOKEN_VARIABLE, "").strip();
        if (token.isEmpty()) {
            throw new CiteBotException(TOKEN_VARIABLE + " is not set: export the token @BotFather gave your bot");
        }
        String url = env.getOrDefault(API_URL_VARIABLE, "").strip();
        TelegramUrl api;
        try {
            api = url.isEmpty() ? TelegramUrl.DEFAULT_URL : apiUrl(url);
        } catch (CiteBotException e) {
            // Someone may paste a full method URL, token included: never echo it.
            throw new CiteBotException(redact(e.getMessage(), token));
        }
        return new TelegramConfig(token, api, allowedChats(env.getOrDefault(ALLOWED_CHATS_VARIABLE, "")), Limits.DEFAULTS);
    }

    /** The same configuration with other limits. */
    public TelegramConfig withLimits(Limits limits) {
        return new TelegramConfig(token, apiUrl, allowedChats, limits);
    }

    /** The same configuration with another allow-list. */
    public TelegramConfig withAllowedChats(Set<Long> chats) {
        return new TelegramConfig(token, apiUrl, chats, limits);
    }

    /** Whether the bot answers in this chat. */
    public boolean allows(long chatId) {
        return allowedChats.isEmpty() || allowedChats.contains(chatId);
    }

    /** The text with the token (and its secret half on its own) replaced, for anything that may reach a log. */
    public String redact(String text) {
        return redact(text, token);
    }

    private static String redact(String text, String token) {
        if (text == null) {
            return "";
        }
        String secret = token.substring(token.indexOf(':') + 1);
        return text.replace(token, "<token>").replace(secret, "<token>");
    }

    /** The Bot API address as a URL, for messages. */
    public String apiAddress() {
        return apiUrl.getSchema() + "://" + apiUrl.getHost() + ":" + apiUrl.getPort();
    }

    @Override
    public String toString() {
        return "TelegramConfig[token=<hidden>, apiUrl=" + apiAddress() + ", allowedChats=" + allowedChats
                + ", limits=" + limits + "]";
    }

    static TelegramUrl apiUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new CiteBotException(API_URL_VARIABLE + " is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new CiteBotException(API_URL_VARIABLE + " must look like http://host:port or https://host, got " + text);
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new CiteBotException(API_URL_VARIABLE + " must be scheme://host[:port] with no path, query or user: "
                    + "the Telegram library adds /bot<token>/<method> itself and cannot keep a path (got " + text + ")");
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    static Set<Long> allowedChats(String text) {
        Set<Long> chats = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            String id = part.strip();
            if (id.isEmpty()) {
                continue;
            }
            try {
                chats.add(Long.parseLong(id));
            } catch (NumberFormatException e) {
                throw new CiteBotException(ALLOWED_CHATS_VARIABLE + ": '" + id + "' is not a chat id (use numbers such as 123456789 or -1001234567890, comma-separated)");
            }
        }
        return chats;
    }

    /**
     * The load and fault settings.
     *
     * @param workers          threads answering questions
     * @param queued           questions waiting for a thread before polling pauses
     * @param burst            questions a chat may send at once before the rate limit applies
     * @param perSecond        questions a second a chat may send after its burst
     * @param maxBackoff       the longest wait between retries when the Bot API is unreachable
     * @param drainTimeout     how long shutting down waits for the answers already taken
     */
    public record Limits(int workers, int queued, int burst, double perSecond, Duration maxBackoff,
                         Duration drainTimeout) {

        /** Eight threads (an answer takes milliseconds, sending it a network round trip), 5 questions at once, then 1 a second per chat. */
        public static final Limits DEFAULTS = new Limits(8, 256, 5, 1.0, Duration.ofSeconds(30), Duration.ofSeconds(30));

        public Limits {
            if (workers < 1 || queued < 1 || burst < 1 || !(perSecond > 0)) {
                throw new IllegalArgumentException("workers, queued, burst and perSecond must be positive");
            }
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(drainTimeout, "drainTimeout");
        }

        /** These limits with another rate limit. */
        public Limits withRate(int burst, double perSecond) {
            return new Limits(workers, queued, burst, perSecond, maxBackoff, drainTimeout);
        }

        /** These limits with another longest retry wait. */
        public Limits withMaxBackoff(Duration maxBackoff) {
            return new Limits(workers, queued, burst, perSecond, maxBackoff, drainTimeout);
        }
    }
}
