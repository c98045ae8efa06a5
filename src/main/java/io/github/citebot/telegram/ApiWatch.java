package io.github.citebot.telegram;

import okhttp3.Interceptor;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches every call to the Bot API and says, once per episode, what an operator needs to know: the API went
 * unreachable or came back, another process polls with the same token (409 Conflict), or Telegram rejects the
 * token. The library itself only logs a stack trace per retry, with no hint of the cause. Nothing here logs a
 * URL, since the library puts the token in every URL.
 */
final class ApiWatch implements Interceptor {

    private static final Logger LOG = LoggerFactory.getLogger(ApiWatch.class);

    private final String address;
    /** When (System.nanoTime) the API was seen unreachable, or {@link #UP}. */
    private final AtomicLong downSince = new AtomicLong(UP);
    private static final long UP = Long.MIN_VALUE;
    private final AtomicBoolean conflict = new AtomicBoolean();
    private final AtomicBoolean rejected = new AtomicBoolean();
    private final AtomicBoolean quiet = new AtomicBoolean();
    private final java.util.function.UnaryOperator<String> redact;

    ApiWatch(String address, java.util.function.UnaryOperator<String> redact) {
        this.address = address;
        this.redact = redact;
    }

    /** From now on failures are expected (the bot is stopping): say nothing. */
    void quiet() {
        quiet.set(true);
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        List<String> path = chain.request().url().pathSegments();
        String method = path.isEmpty() ? "" : path.get(path.size() - 1);
        Response response;
        long started = System.nanoTime();
        try {
            response = chain.proceed(chain.request());
        } catch (IOException e) {
            if (downSince.compareAndSet(UP, System.nanoTime()) && !quiet.get()) {
                LOG.warn("Telegram Bot API at {} is unreachable ({}); the bot keeps running and resumes by itself "
                        + "when it is back", address, redact.apply(e.toString()));
            }
            throw e;
        }
        // Only a call made after the outage was seen proves the API is back: one already under way when the
        // server went away may still bring its answer.
        long since = downSince.get();
        if (since != UP && started - since > 0 && downSince.compareAndSet(since, UP) && !quiet.get()) {
            LOG.warn("Telegram Bot API at {} is reachable again", address);
        }
        if (!method.equalsIgnoreCase("getUpdates")) {
            return response;
        }
        int code = response.code();
        if (code == 409 && conflict.compareAndSet(false, true)) {
            LOG.error("Telegram answered getUpdates with 409 Conflict: another process is polling with this bot token "
                    + "(or a webhook is set). Stop the other instance; this one keeps retrying.");
        } else if ((code == 401 || code == 404) && rejected.compareAndSet(false, true)) {
            LOG.error("Telegram rejects the bot token ({}): it was revoked or changed; set TELEGRAM_BOT_TOKEN anew and "
                    + "restart", code);
        } else if (response.isSuccessful() && conflict.compareAndSet(true, false)) {
            LOG.warn("No more 409 Conflict: this instance receives the updates again");
        }
        return response;
    }
}
