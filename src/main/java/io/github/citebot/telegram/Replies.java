package io.github.citebot.telegram;

import io.github.citebot.corpus.Article;
import io.github.citebot.answer.TelegramHtmlRenderer;

import java.util.List;
import java.util.function.Supplier;

import static io.github.citebot.answer.TelegramHtmlRenderer.escape;

/** The bot's own messages, in Telegram HTML; every corpus or user string in them is escaped. */
final class Replies {

    /** The most articles /start lists; /sources lists them all. */
    static final int START_ARTICLES = 10;

    private final Supplier<List<Article>> corpus;
    private final List<String> examples;

    /**
     * @param corpus   the articles now, for /start and /sources (a watched corpus changes)
     * @param examples example questions /start shows (at most three are shown)
     */
    Replies(Supplier<List<Article>> corpus, List<String> examples) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("at least one example question is needed");
        }
        this.corpus = corpus;
        this.examples = List.copyOf(examples.subList(0, Math.min(3, examples.size())));
    }

    String start(String firstName) {
        List<Article> articles = corpus.get();
        StringBuilder out = new StringBuilder();
        out.append(firstName == null || firstName.isBlank() ? "Hello!" : "Hello, " + escape(firstName) + "!")
                .append(" I am <b>citebot</b>. Ask me about the news articles below: I answer only with their own ")
                .append("sentences, each numbered and cited, and say \u201cThe articles don't say.\u201d when they don't.\n\n")
                .append("<b>The articles</b>\n").append(articleLines(articles, START_ARTICLES));
        if (articles.size() > START_ARTICLES) {
            out.append("\u2026 and ").append(articles.size() - START_ARTICLES).append(" more: /sources\n");
        }
        out.append("\n<b>Try</b>");
        for (String example : examples) {
            out.append("\n\u2022 ").append(escape(example));
        }
        return out.append("\n\nIn a group, mention me, reply to me, or use /ask QUESTION. /help for more.").toString();
    }

    String help() {
        return "Send me a question in plain words; I answer with sentences from the articles, each with a number "
                + "[n] that points to its outlet and title.\n\n"
                + "/ask QUESTION \u2014 ask (in a group: or mention me, or reply to me)\n"
                + "/sources \u2014 the articles I know\n"
                + "/start \u2014 what I am, with example questions\n"
                + "/help \u2014 this message";
    }

    String sources() {
        List<Article> articles = corpus.get();
        return "<b>The articles</b> (" + articles.size() + ")\n" + articleLines(articles, articles.size());
    }

    String notText() {
        return "I can only read text. Send me a question about the articles, for example: " + escape(examples.get(0));
    }

    String emptyQuestion() {
        return "Ask a question after the command, for example: /ask " + escape(examples.get(0));
    }

    String unknownCommand(String command) {
        return "I don't know " + escape(command) + ". Try /help.";
    }

    String slowDown() {
        return "You are asking faster than I can answer well. Please slow down and ask again in a few seconds.";
    }

    /** The search backend (a networked store) is away for the moment; the question can be asked again. */
    String backendUnavailable() {
        return escape(io.github.citebot.index.BackendUnavailableException.MESSAGE) + ".";
    }

    /** For a question that failed for a reason of citebot's own; the reason goes to the log, not to the chat. */
    String failed() {
        return "Sorry, I could not answer that. Please try again later.";
    }

    String notAllowed() {
        return "Sorry, I only answer in the chats I was set up for.";
    }

    private static String articleLines(List<Article> articles, int most) {
        StringBuilder out = new StringBuilder();
        for (Article a : articles.subList(0, Math.min(most, articles.size()))) {
            out.append("\u2022 ").append(TelegramHtmlRenderer.source(a.outlet(), a.title(), a.url(), a.published()))
                    .append('\n');
        }
        return out.toString();
    }
}
