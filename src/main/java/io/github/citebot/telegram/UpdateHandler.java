package io.github.citebot.telegram;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.index.BackendUnavailableException;
import io.github.citebot.answer.TelegramHtmlRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What the bot does with one update, on an answering thread: reads what the message asks ({@link MessageRouter}),
 * applies the chat's rate limit and the allow-list, then replies: an answer from {@link CiteBot#ask} rendered by
 * {@link TelegramHtmlRenderer} with "typing..." shown meanwhile, or one of the bot's own {@link Replies}.
 */
final class UpdateHandler {

    private static final Logger LOG = LoggerFactory.getLogger(UpdateHandler.class);

    private final CiteBot citebot;
    private final TelegramConfig config;
    private final Replies replies;
    private final ChatRateLimiter limiter;
    private final MessageRouter router;
    private final TelegramClient client;
    private final Sender sender;
    private final TelegramHtmlRenderer renderer = new TelegramHtmlRenderer();

    UpdateHandler(CiteBot citebot, TelegramConfig config, Replies replies, ChatRateLimiter limiter, MessageRouter router,
                 TelegramClient client, Sender sender) {
        this.citebot = citebot;
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
        switch (limiter.acquire(chat)) {
            case DROP -> {
                return;
            }
            case WARN -> {
                sender.send(chat, replyTo, replies.slowDown());
                return;
            }
            case ALLOW -> {
            }
        }
        if (!config.allows(chat)) {
            LOG.info("chat {} is not in {}: refused", chat, TelegramConfig.ALLOWED_CHATS_VARIABLE);
            sender.send(chat, replyTo, replies.notAllowed());
            return;
        }
        String reply = switch (intent.kind()) {
            case START -> replies.start(message.getFrom() == null ? null : message.getFrom().getFirstName());
            case HELP -> replies.help();
            case SOURCES -> replies.sources();
            case NOT_TEXT -> replies.notText();
            case EMPTY_QUESTION -> replies.emptyQuestion();
            case UNKNOWN_COMMAND -> replies.unknownCommand(intent.text());
            case QUESTION -> answer(chat, intent.text());
        };
        sender.send(chat, replyTo, reply);
    }

    /** The answer's HTML, with "typing..." shown in the chat meanwhile. */
    private String answer(long chat, String question) {
        CompletableFuture<Boolean> typing;
        try {
            typing = client.executeAsync(SendChatAction.builder().chatId(chat).action("typing").build());
        } catch (TelegramApiException e) {
            typing = CompletableFuture.completedFuture(false);
        }
        Answer answer;
        try {
            answer = citebot.ask(question);
        } catch (BackendUnavailableException e) {
            return replies.backendUnavailable();
        } catch (CiteBotException e) {
            LOG.warn("a question in chat {} failed: {}", chat, config.redact(e.getMessage()));
            return replies.failed();
        }
        try {
            // Let the typing action land first, or it would show after the answer.
            typing.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("typing action to chat {} failed: {}", chat, config.redact(e.toString()));
        }
        return renderer.render(answer);
    }
}
