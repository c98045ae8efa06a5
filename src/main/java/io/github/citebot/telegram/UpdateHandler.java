package io.github.citebot.telegram;

import io.github.citebot.CiteBotException;
import io.github.citebot.answer.TelegramHtmlRenderer;
import io.github.citebot.frontend.RateLimiter;
import io.github.citebot.index.BackendUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the bot does with one update, on an answering thread: reads what the message asks ({@link MessageRouter}),
 * applies the chat's rate limit and the allow-list, then replies: an answer in the chat's conversation ({@link Chats}) rendered by
 * {@link TelegramHtmlRenderer} with "typing..." shown meanwhile, or one of the bot's own {@link Replies}.
 */
final class UpdateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateHandler.class);

    private final Chats chats;
    private final TelegramConfig config;
    private final Replies replies;
    private final RateLimiter<Long> limiter;
    private final MessageRouter router;
    private final TelegramClient client;
    private final Sender sender;
    private final TelegramHtmlRenderer renderer = new TelegramHtmlRenderer();

    UpdateHandler(Chats chats, TelegramConfig config, Replies replies, RateLimiter<Long> limiter, MessageRouter router,
                 TelegramClient client, Sender sender) {
        this.chats = chats;
        this.config = config;
        this.replies = replies;
        this.limiter = limiter;
        this.router = router;
        this.client = client;
        this.sender = sender;
    }

    /** Answers one update, or stays silent when it is not for the bot. */
    void handle(Update update) {
        if (!update.hasMessage()) {
            return; // edited messages, channel posts and the rest are not questions
        }
        Message message = update.getMessage();
        Intent intent = router.route(message).orElse(null);
        if (intent == null) {
            return;
        }
        long chat = message.getChatId();
        Integer replyTo = message.getMessageId();
        RateLimiter.Decision rate = limiter.acquire(chat);
        if (!rate.allowed()) {
            if (rate.firstRefusal()) {
                sender.send(chat, replyTo, replies.slowDown()); // once per flood
            }
            return;
        }
        if (!config.allows(chat)) {
            LOG.info("chat {} is not in {}: refused", chat, TelegramConfig.ALLOWED_CHATS_VARIABLE);
            sender.send(chat, replyTo, replies.notAllowed());
            return;
        }
        if (intent.kind() == Intent.Kind.QUESTION) {
            Message replied = message.getReplyToMessage();
            answer(chat, replyTo, replied == null ? null : replied.getMessageId(), intent.text());
            return;
        }
        String reply = switch (intent.kind()) {
            case START -> replies.start(message.getFrom() == null ? null : message.getFrom().getFirstName());
            case HELP -> replies.help();
            case SOURCES -> replies.sources();
            case NOT_TEXT -> replies.notText();
            case EMPTY_QUESTION -> replies.emptyQuestion();
            case UNKNOWN_COMMAND -> replies.unknownCommand(intent.text());
            case QUESTION -> throw new IllegalStateException("a question is answered above");
        };
        sender.send(chat, replyTo, reply);
    }

    /**
     * Answers a question in its chat's conversation (or, as a reply to one of the bot's answers, in that answer's),
     * with "typing..." shown in the chat meanwhile.
     */
    private void answer(long chat, Integer replyTo, Integer repliedTo, String question) {
        CompletableFuture<Boolean> typing;
        try {
            typing = client.executeAsync(SendChatAction.builder().chatId(chat).action("typing").build());
        } catch (TelegramApiException e) {
            typing = CompletableFuture.completedFuture(false);
        }
        CompletableFuture<Boolean> shown = typing;
        try {
            chats.answer(chat, repliedTo, question, answer -> {
                try {
                    // Let the typing action land first, or it would show after the answer.
                    shown.get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.debug("typing action to chat {} failed: {}", chat, config.redact(e.toString()));
                }
                List<Integer> sent = new ArrayList<>();
                sender.send(chat, replyTo, renderer.render(answer), sent::add);
                return sent;
            });
        } catch (BackendUnavailableException e) {
            sender.send(chat, replyTo, replies.backendUnavailable());
        } catch (CiteBotException e) {
            LOG.warn("a question in chat {} failed: {}", chat, config.redact(e.getMessage()));
            sender.send(chat, replyTo, replies.failed());
        }
    }
}
