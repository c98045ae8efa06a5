package io.github.citebot;

/**
 * A problem the user can fix (a missing corpus folder, an unreadable file, a blank question), with a one-line
 * message that names the offending input. Front-ends print the message, not the stack trace.
 */
public class CiteBotException extends RuntimeException {

    public CiteBotException(String message) {
        super(message);
    }

    public CiteBotException(String message, Throwable cause) {
        super(message, cause);
    }
}
