package io.github.citebot.index.elasticsearch;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.transport.TransportException;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchRequestFailedException;
import io.github.citebot.CiteBotException;
import io.github.citebot.index.BackendUnavailableException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Runs a request to Elasticsearch, retrying it for a short while when the cluster cannot serve it for now (a node
 * gone, shards being moved to their replicas, a node still starting). A failure that outlasts the patience becomes
 * a {@link BackendUnavailableException}; a failure that retrying cannot cure (a bad request) is not retried.
 */
final class Retrying {

    /** A request to Elasticsearch, as the client's methods throw. */
    @FunctionalInterface
    interface Request<T> {
        T run() throws IOException;
    }

    private static final long FIRST_PAUSE_MILLIS = 50;
    private static final long LONGEST_PAUSE_MILLIS = 800;

    private final Duration patience;

    Retrying(Duration patience) {
        this.patience = patience;
    }

    /**
     * The request's result.
     *
     * @throws BackendUnavailableException when the cluster could not serve it within the patience
     * @throws CiteBotException            when Elasticsearch refused it for a reason retrying does not change
     */
    <T> T call(Request<T> request) {
        long deadline = System.nanoTime() + patience.toNanos();
        long pause = FIRST_PAUSE_MILLIS;
        while (true) {
            try {
                return request.run();
            } catch (IOException | RuntimeException e) {
                Throwable cause = unwrap(e);
                if (!passing(cause)) {
                    throw new CiteBotException("Elasticsearch refused a request: " + oneLine(cause), cause);
                }
                if (System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw new BackendUnavailableException(cause);
                }
                sleep(pause);
                pause = Math.min(LONGEST_PAUSE_MILLIS, pause * 2);
            }
        }
    }

    /** The store wraps the client's exceptions in its own; look at what the client threw. */
    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof ElasticsearchRequestFailedException || t instanceof UncheckedIOException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Whether the failure may pass: no connection, a node that cannot serve now, or a server error. */
    static boolean passing(Throwable e) {
        if (e instanceof ElasticsearchException es) {
            return es.status() >= 500 || es.status() == 429;
        }
        if (e instanceof TransportException te) {
            return te.statusCode() >= 500 || te.statusCode() == 429 || te.statusCode() <= 0;
        }
        return e instanceof IOException;
    }

    /** The failure's message on one line, for a user. */
    static String oneLine(Throwable e) {
        String m = e instanceof ElasticsearchException es && es.error() != null && es.error().reason() != null
                ? es.error().reason() : e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replaceAll("\\s+", " ").strip();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(e);
        }
    }
}
