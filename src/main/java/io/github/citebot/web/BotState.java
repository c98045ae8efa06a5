package io.github.citebot.web;

import io.github.citebot.CiteBot;

import java.util.Optional;

/**
 * What the server answers from: a bot that may still be building. The server listens at once; until the index is
 * built, questions get 503 and {@code /api/health} tells how far indexing has come.
 */
public interface BotState {

    /** The bot once it is built, else empty; never waits. */
    Optional<CiteBot> bot();

    /** How far indexing has come while there is no bot yet. */
    Progress progress();

    /**
     * @param articles articles loaded
     * @param embedded sentences embedded so far
     * @param total    sentences to embed (those the embedding cache lacks); 0 until known
     */
    record Progress(int articles, int embedded, int total) {
    }

    /** A bot already built. */
    static BotState of(CiteBot bot) {
        Progress done = new Progress(bot.sources().size(), 0, 0);
        return new BotState() {
            @Override
            public Optional<CiteBot> bot() {
                return Optional.of(bot);
            }

            @Override
            public Progress progress() {
                return done;
            }
        };
    }
}
