package io.github.citebot.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.time.Duration;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;

/**
 * Sends HTML replies: split into messages Telegram accepts, the first one threaded to the question, each retried
 * after a 429's {@code retry_after} or, when the Bot API is unreachable, after a growing pause.
 */
final class Sender {

    private static final Logger LOG = LoggerFactory.getLogger(Sender.class);
    /** Tries per message before it is given up. */
    static final int ATTEMPTS = 5;

    private final TelegramClient client;
    private final MessageSplitter splitter;
    private final Duration maxBackoff;
    private final UnaryOperator<String> redact;

    Sender(TelegramClient client, MessageSplitter splitter, Duration maxBackoff, UnaryOperator<String> redact) {
        this.client = client;
        this.splitter = splitter;
        this.maxBackoff = maxBackoff;
        this.redact = redact;
    }

    /**
     * Sends {@code html} to a chat, as a reply to {@code replyTo} when it is not null.
     *
     * @return whether every part was delivered
     */
    boolean send(long chatId, Integer replyTo, String html) {
        return send(chatId, replyTo, html, id -> { });
    }

    /**
     * Sends {@code html} as {@link #send(long, Integer, String)} does, telling {@code delivered} the id of each
     * message sent (a long reply is several).
     */
    boolean send(long chatId, Integer replyTo, String html, IntConsumer delivered) {
        List<String> parts = splitter.split(html);
        for (int i = 0; i < parts.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> message = SendMessage.builder().chatId(chatId).text(parts.get(i))
                    .parseMode("HTML").linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build());
            if (i == 0 && replyTo != null) {
                message.replyParameters(ReplyParameters.builder().messageId(replyTo).allowSendingWithoutReply(true).build());
            }
            Message sent = deliver(chatId, message.build());
            if (sent == null) {
                return false; // later parts make no sense without this one
            }
            if (sent.getMessageId() != null) {
                delivered.accept(sent.getMessageId());
            }
        }
        return true;
    }

    /** The message as sent, or null when it could not be. */
    private Message deliver(long chatId, SendMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.execute(message);
            } catch (TelegramApiRequestException e) {
                Integer retryAfter = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
                if (Integer.valueOf(429).equals(e.getErrorCode()) && retryAfter != null && attempt < ATTEMPTS) {
                    LOG.info("Telegram asks to wait {} s before writing to chat {} again (429)", retryAfter, chatId);
                    if (!pause(Duration.ofSeconds(retryAfter))) {
                        return null;
                    }
                    continue;
                }
                LOG.warn("Telegram refused a message to chat {}: {}", chatId, redact.apply(e.getMessage()));
                return null;
            } catch (TelegramApiException e) {
                if (attempt >= ATTEMPTS) {
                    LOG.warn("Gave up a message to chat {} after {} tries: {}", chatId, ATTEMPTS,
                            redact.apply(String.valueOf(e.getCause() != null ? e.getCause() : e)));
                    return null;
                }
                long millis = Math.min(maxBackoff.toMillis(), 500L << (attempt - 1));
                if (!pause(Duration.ofMillis(millis))) {
                    return null;
                }
            }
        }
    }

    private static boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
