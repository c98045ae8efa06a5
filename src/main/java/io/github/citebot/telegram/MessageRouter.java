package io.github.citebot.telegram;

import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads what a message asks of the bot. In a private chat every text is a question. In a group the bot speaks
 * only when spoken to: a message mentioning it, a reply to one of its messages, or a command ({@code /ask
 * QUESTION}, {@code /help}...) that is not addressed to another bot; everything else is none of its business.
 */
final class MessageRouter {

    private final long botId;
    private final String mention;
    private final Pattern mentionPattern;

    MessageRouter(long botId, String username) {
        this.botId = botId;
        this.mention = "@" + username.toLowerCase(Locale.ROOT);
        this.mentionPattern = Pattern.compile("(?i)" + Pattern.quote("@" + username) + "\\b[,:]?");
    }

    /** The request, or empty when the bot should stay silent. */
    Optional<Intent> route(Message message) {
        String type = message.getChat() == null ? "" : message.getChat().getType();
        boolean group = "group".equals(type) || "supergroup".equals(type);
        if (!group && !"private".equals(type)) {
            return Optional.empty(); // channels
        }
        String text = message.getText();
        if (text == null || text.isBlank()) {
            return group && !repliesToBot(message) ? Optional.empty() : Optional.of(Intent.of(Intent.Kind.NOT_TEXT));
        }
        text = text.strip();
        if (text.startsWith("/")) {
            return command(text, group);
        }
        if (!group || repliesToBot(message)) {
            return Optional.of(question(withoutMention(text)));
        }
        if (mentionPattern.matcher(text).find()) {
            return Optional.of(question(withoutMention(text)));
        }
        return Optional.empty();
    }

    private Optional<Intent> command(String text, boolean group) {
        int space = indexOfWhitespace(text);
        String word = space < 0 ? text : text.substring(0, space);
        String rest = space < 0 ? "" : text.substring(space).strip();
        String name = word.substring(1).toLowerCase(Locale.ROOT);
        boolean addressed = false;
        int at = name.indexOf('@');
        if (at >= 0) {
            if (!name.substring(at).equals(mention)) {
                return Optional.empty(); // for another bot in the group
            }
            name = name.substring(0, at);
            addressed = true;
        }
        return switch (name) {
            case "start" -> Optional.of(Intent.of(Intent.Kind.START));
            case "help" -> Optional.of(Intent.of(Intent.Kind.HELP));
            case "sources" -> Optional.of(Intent.of(Intent.Kind.SOURCES));
            case "ask" -> Optional.of(question(rest));
            default -> !group || addressed ? Optional.of(new Intent(Intent.Kind.UNKNOWN_COMMAND, word))
                    : Optional.empty();
        };
    }

    private boolean repliesToBot(Message message) {
        Message replied = message.getReplyToMessage();
        return replied != null && replied.getFrom() != null && replied.getFrom().getId() == botId;
    }

    private String withoutMention(String text) {
        return mentionPattern.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
    }

    private static Intent question(String text) {
        return text.isBlank() ? Intent.of(Intent.Kind.EMPTY_QUESTION) : new Intent(Intent.Kind.QUESTION, text);
    }

    private static int indexOfWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
