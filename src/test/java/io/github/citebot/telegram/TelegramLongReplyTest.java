package io.github.citebot.telegram;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.TelegramHtmlRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An answer longer than one Telegram message, end to end: a corpus of one article with sixteen long sentences
 * that all answer the question, and {@code top 16}, give an answer of about 6,000 characters.
 */
class TelegramLongReplyTest {

    static final String QUESTION = "What did the lighthouse keeper of Port Ellen record in the logbook every night?";

    @Test
    void a_reply_over_4096_characters_arrives_as_several_messages_cut_at_sentence_ends(@TempDir Path corpus) throws Exception {
        List<String> sentences = new ArrayList<>();
        for (String place : List.of("the north pier", "the old harbour", "the chapel cliff", "the herring market",
                "the customs house", "the signal tower", "the ferry slip", "the lifeboat station", "the coal quay",
                "the tide mill", "the rope walk", "the salt pans", "the boat yard", "the fish cellars", "the net lofts",
                "the sea wall")) {
            sentences.add("The lighthouse keeper of Port Ellen walked every night from the lamp room down to " + place
                    + ", carrying the logbook in which the lighthouse keeper of Port Ellen recorded the wind, the tide, "
                    + "the passing ships and the state of the great lamp, a habit that the lighthouse keeper of Port "
                    + "Ellen kept for forty years without missing a single night, according to the harbour records.");
        }
        Files.writeString(corpus.resolve("lighthouse.txt"), "The Lighthouse Keeper of Port Ellen\n\nHarbour Gazette\n\n"
                + String.join(" ", sentences) + "\n");

        try (CiteBot citebot = CiteBot.builder().corpus(corpus).top(16).build(); FakeBotApi api = new FakeBotApi()) {
            String full = new TelegramHtmlRenderer().render(citebot.ask(QUESTION));
            assertThat(full.length()).isGreaterThan(MessageSplitter.TELEGRAM_LIMIT);

            TelegramBot bot = new TelegramBot(citebot, TelegramBotTest.config(api), List.of(QUESTION));
            try {
                bot.start();
                int asked = api.sendText(201, QUESTION);
                assertThat(api.awaitAllTaken(Duration.ofSeconds(15))).isTrue();
                List<FakeBotApi.Sent> parts = api.awaitSent(201, 2, Duration.ofSeconds(15));
                Thread.sleep(300);
                parts = api.awaitSent(201, 2, Duration.ZERO);

                assertThat(parts.size()).isBetween(2, 3);
                assertThat(parts.get(0).replyTo()).isEqualTo(asked);
                assertThat(parts).allSatisfy(p -> assertThat(p.html().length()).isLessThanOrEqualTo(4096));
                // Every part but the last ends a sentence (with its citation markers).
                assertThat(parts.subList(0, parts.size() - 1))
                        .allSatisfy(p -> assertThat(p.text()).containsPattern("records\\. \\[\\d+\\]$"));
                String joined = String.join(" ", parts.stream().map(FakeBotApi.Sent::text).toList());
                assertThat(joined.replaceAll("\\s+", " ")).isEqualTo(FakeBotApi.parseHtml(full).replaceAll("\\s+", " "));
            } finally {
                bot.close();
            }
        }
    }
}
