package io.github.citebot.telegram;

import io.github.citebot.CiteBot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 20 chats ask 10 questions each, all at once, through the real client and a {@link FakeBotApi}: every question
 * is answered exactly once, in its own chat, as a reply to itself. It prints the total time and the slowest reply
 * (a figure of this machine, not an assertion).
 */
class TelegramLoadTest {

    static final List<String> QUESTIONS = List.of("Why didn't Kim Jong Un go to Moscow?",
            "Would it have been Kim's first trip abroad?", "Who said the decision was connected to internal affairs?",
            "When is the Victory Day parade?", "Who announced that Kim would not come?",
            "What anniversary does Victory Day mark?", "Which leaders are coming to Moscow?",
            "What did Dmitry Peskov say?", "Did Kim order executions?", "What is the capital of Peru?");
    static final int CHATS = 20;

    static CiteBot citebot;

    @BeforeAll
    static void loadArticles() {
        citebot = CiteBot.builder().build();
    }

    @AfterAll
    static void closeArticles() {
        citebot.close();
    }

    @Test
    void twenty_chats_asking_ten_questions_at_once_each_get_every_answer_once_in_the_right_chat() throws Exception {
        try (FakeBotApi api = new FakeBotApi()) {
            // Ten at once per chat is above the default burst of 5; this test is about throughput, not the limiter.
            TelegramConfig config = TelegramBotTest.config(api)
                    .withLimits(TelegramConfig.Limits.DEFAULTS.withRate(QUESTIONS.size(), 1));
            TelegramBot bot = new TelegramBot(citebot, config, TelegramBotTest.EXAMPLES);
            try {
                bot.start();
                Map<Integer, String> askedText = new HashMap<>();
                Map<Integer, Long> askedChat = new HashMap<>();
                Map<Integer, Long> askedAt = new HashMap<>();
                long begin = System.nanoTime();
                for (String question : QUESTIONS) {
                    for (long chat = 1; chat <= CHATS; chat++) {
                        long at = System.nanoTime();
                        int id = api.sendText(1000 + chat, question);
                        askedText.put(id, question);
                        askedChat.put(id, 1000 + chat);
                        askedAt.put(id, at);
                    }
                }
                List<FakeBotApi.Sent> replies = new ArrayList<>();
                for (long chat = 1; chat <= CHATS; chat++) {
                    replies.addAll(api.awaitSent(1000 + chat, QUESTIONS.size(), Duration.ofSeconds(60)));
                }
                long end = replies.stream().mapToLong(FakeBotApi.Sent::nanos).max().orElseThrow();
                assertThat(api.awaitAllTaken(Duration.ofSeconds(10))).isTrue();

                List<FakeBotApi.Sent> all = api.sent();
                assertThat(all).hasSize(CHATS * QUESTIONS.size());
                assertThat(all).extracting(FakeBotApi.Sent::replyTo).doesNotHaveDuplicates()
                        .containsExactlyInAnyOrderElementsOf(askedText.keySet());
                List<Long> latencies = new ArrayList<>();
                for (FakeBotApi.Sent reply : all) {
                    assertThat(reply.chatId()).isEqualTo(askedChat.get(reply.replyTo()));
                    assertThat(reply.text()).startsWith(askedText.get(reply.replyTo()) + "\n");
                    latencies.add(reply.nanos() - askedAt.get(reply.replyTo()));
                }
                latencies.sort(null);
                System.out.printf("telegram load: %d chats x %d questions = %d answers in %d ms; reply latency "
                                + "median %d ms, slowest %d ms (%d answering threads)%n", CHATS, QUESTIONS.size(),
                        all.size(), (end - begin) / 1_000_000, latencies.get(latencies.size() / 2) / 1_000_000,
                        latencies.get(latencies.size() - 1) / 1_000_000, config.limits().workers());
            } finally {
                bot.close();
            }
        }
    }
}
