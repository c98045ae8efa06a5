package io.github.citebot.index;

import io.github.citebot.CiteBotException;

/**
 * The search backend (a networked store such as Elasticsearch) did not answer a search, even after retrying for
 * a moment. It is passing: the same question asked again once the backend is back gets its answer, with no
 * restart. Front-ends show {@link #MESSAGE} to the user and carry on.
 */
public final class BackendUnavailableException extends CiteBotException {

    /** What the user is told. */
    public static final String MESSAGE = "search backend unavailable, try again shortly";

    public BackendUnavailableException(Throwable cause) {
        super(MESSAGE, cause);
    }
}
