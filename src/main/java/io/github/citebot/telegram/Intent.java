package io.github.citebot.telegram;

/**
 * What a message asks the bot to do.
 *
 * @param kind the request
 * @param text the question for {@link Kind#QUESTION}, the command for {@link Kind#UNKNOWN_COMMAND}, else ""
 */
record Intent(Kind kind, String text) {

    /** The requests the bot understands. */
    enum Kind { START, HELP, SOURCES, QUESTION, EMPTY_QUESTION, UNKNOWN_COMMAND, NOT_TEXT }

    static Intent of(Kind kind) {
        return new Intent(kind, "");
    }
}
