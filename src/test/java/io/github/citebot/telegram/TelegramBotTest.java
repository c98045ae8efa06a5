package io.github.citebot.telegram;

import io.github.citebot.CapturedErr;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.WatchedCorpus;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Article;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bot end to end: the real TelegramBots client and the real CiteBot over the bundled articles, talking HTTP
 * to a {@link FakeBotApi} on 127.0.0.1.
 */
class TelegramBotTest {

    static final List<String> EXAMPLES = List.of("Why didn't Kim Jong Un go to Moscow?",
            "Would it have been Kim's first trip abroad?", "Who said the decision was connected to internal affairs?");
    static final Duration WAIT = Duration.ofSeconds(15);
    static final String QUESTION = "Why didn't Kim Jong Un go to Moscow?";

    /** Ten questions, one of them unanswerable, for the load test. */
    static final List<String> LOAD_QUESTIONS = List.of("Why didn't Kim Jong Un go to Moscow?",
            "Would it have been Kim's first trip abroad?", "Who said the decision was connected to internal affairs?",
            "When is the Victory Day parade?", "Who announced that Kim would not come?",
            "What anniversary does Victory Day mark?", "Which leaders are coming to Moscow?",
            "What did Dmitry Peskov say?", "Did Kim order executions?", "What is the capital of Peru?");
    static final int LOAD_CHATS = 20;

    static CiteBot citebot;
    FakeBotApi api;
    TelegramBot bot;

    @BeforeAll
    static void loadArticles() {
        citebot = CiteBot.builder().build();
    }

    @AfterAll
    static void closeArticles() {
        citebot.close();
    }

    @BeforeEach
    void startBot() throws Exception {
        api = new FakeBotApi();
        bot = started(config(api));
    }

    @AfterEach
    void stopBot() {
        bot.close();
        api.close();
    }

    static TelegramConfig config(FakeBotApi api) {
        return TelegramConfig.fromEnvironment(Map.of(TelegramConfig.TOKEN_VARIABLE, FakeBotApi.TOKEN,
                        TelegramConfig.API_URL_VARIABLE, api.url()))
                .withLimits(TelegramConfig.Limits.DEFAULTS.withMaxBackoff(Duration.ofMillis(500)));
    }

    TelegramBot started(TelegramConfig config) {
        TelegramBot b = new TelegramBot(citebot, config, EXAMPLES);
        b.start();
        return b;
    }

    @Test
    void start_registers_the_commands_then_start_names_the_articles_and_three_examples_that_are_answered() throws Exception {
        assertThat(api.calls("setMyCommands")).hasSize(1);
        assertThat(api.calls("setMyCommands").get(0).body().findValuesAsText("command"))
                .containsExactly("ask", "sources", "help", "start");
        assertThat(bot.username()).isEqualTo(FakeBotApi.USERNAME);

        api.sendText(101, "/start", "Anna");
        String start = api.awaitSent(101, 1, WAIT).get(0).text();
        assertThat(start).startsWith("Hello, Anna!").contains("citebot");
        for (Article a : citebot.sources()) {
            assertThat(start).contains(a.title());
        }
        assertThat(start).contains(EXAMPLES);

        for (String example : EXAMPLES) {
            api.sendText(101, example);
        }
        List<FakeBotApi.Sent> replies = api.awaitSent(101, 4, WAIT);
        assertThat(replies).hasSize(4);
        assertThat(replies.subList(1, 4)).allSatisfy(r -> assertThat(r.text()).contains("[1]").contains("Sources")
                .doesNotContain("The articles don't say."));
    }

    @Test
    void sources_lists_every_article_with_outlet_and_title() throws Exception {
        api.sendText(113, "/sources");
        String text = api.awaitSent(113, 1, WAIT).get(0).text();
        assertThat(text).startsWith("The articles (" + citebot.sources().size() + ")");
        for (Article a : citebot.sources()) {
            assertThat(text).contains("\u2022 " + a.outlet() + ", " + a.title());
        }
    }

    @Test
    void sources_follows_a_watched_corpus_that_gains_an_article(@TempDir Path folder) throws Exception {
        bot.close();
        try (WatchedCorpus corpus = WatchedCorpus.start(folder, null)) {
            bot = new TelegramBot(corpus.bot(), config(api), EXAMPLES);
            bot.start();
            corpus.add("volcano.txt", WatchedCorpus.VOLCANO);
            api.sendText(114, "/sources");
            String text = api.awaitSent(114, 1, WAIT).get(0).text();
            assertThat(text).startsWith("The articles (2)").contains("Volcano erupts in Iceland");
            bot.close();
        }
    }

    @Test
    void a_question_gets_a_typing_action_then_the_answer_with_numbered_citations_as_a_reply() throws Exception {
        int asked = api.sendText(102, QUESTION);
        FakeBotApi.Sent reply = api.awaitSent(102, 1, WAIT).get(0);

        Answer expected = citebot.ask(QUESTION);
        assertThat(expected.answered()).isTrue();
        assertThat(reply.replyTo()).isEqualTo(asked);
        assertThat(reply.html()).contains("<b>Sources</b>");
        for (Citation c : expected.citations()) {
            assertThat(reply.text()).contains("[" + c.n() + "] " + c.outlet() + ", " + c.title());
        }
        assertThat(reply.text()).contains(expected.citations().get(0).sentence());
        List<FakeBotApi.Call> typing = api.calls("sendChatAction");
        assertThat(typing).anySatisfy(t -> {
            assertThat(t.body().path("chat_id").asLong()).isEqualTo(102);
            assertThat(t.body().path("action").asText()).isEqualTo("typing");
            assertThat(t.nanos()).isLessThan(reply.nanos());
        });
    }

    @Test
    void markup_in_a_question_or_a_name_is_shown_as_typed() throws Exception {
        String question = "<b>Why</b> didn't Kim Jong Un go to Moscow? &amp;";
        api.sendText(103, question);
        FakeBotApi.Sent reply = api.awaitSent(103, 1, WAIT).get(0);
        // The fake parses HTML as Telegram does, so an unescaped <b> or &amp; would have shown differently.
        assertThat(reply.text()).contains(question).contains("[1]");
        assertThat(reply.html()).contains("&lt;b&gt;Why&lt;/b&gt;").contains("&amp;amp;");

        api.sendText(103, "/start", "<b>&amp;</b>");
        assertThat(api.awaitSent(103, 2, WAIT).get(1).text()).startsWith("Hello, <b>&amp;</b>!");
    }

    @Test
    void a_question_the_articles_do_not_answer_gets_the_articles_dont_say() throws Exception {
        api.sendText(104, "What is the boiling point of tungsten?");
        String text = api.awaitSent(104, 1, WAIT).get(0).text();
        assertThat(text).endsWith("The articles don't say.").doesNotContain("[1]");
    }

    @Test
    void in_a_group_it_answers_only_a_mention_a_reply_to_it_or_ask() throws Exception {
        long group = -1001;
        int ignored = api.sendGroupText(group, QUESTION);
        int otherBot = api.sendGroupText(group, "/help@some_other_bot");
        int mention = api.sendGroupText(group, "@" + FakeBotApi.USERNAME + " why didn't Kim go to Moscow?");
        int ask = api.sendGroupText(group, "/ask " + QUESTION);
        int reply = api.replyToBot(group, "Would it have been his first trip abroad?", 1);
        List<FakeBotApi.Sent> sent = api.awaitSent(group, 3, WAIT);
        assertThat(api.awaitAllTaken(WAIT)).isTrue();
        Thread.sleep(300); // a wrong answer to the ignored messages would come about as fast as the others
        sent = api.awaitSent(group, 3, Duration.ZERO);
        assertThat(sent).extracting(FakeBotApi.Sent::replyTo).containsExactlyInAnyOrder(mention, ask, reply)
                .doesNotContain(ignored, otherBot);
        assertThat(sent).allSatisfy(s -> assertThat(s.text()).contains("[1]"));
    }

    @Test
    void a_sticker_gets_a_hint_and_an_edited_message_is_ignored() throws Exception {
        api.sendSticker(105);
        assertThat(api.awaitSent(105, 1, WAIT).get(0).text()).startsWith("I can only read text");

        int asked = api.sendText(105, QUESTION);
        api.awaitSent(105, 2, WAIT);
        api.editText(105, asked, "Who is Dmitry Peskov?");
        api.sendText(105, "/help");
        List<FakeBotApi.Sent> sent = api.awaitSent(105, 3, WAIT);
        Thread.sleep(300);
        assertThat(api.awaitSent(105, 3, Duration.ZERO)).hasSize(3);
        assertThat(sent.get(2).text()).startsWith("Send me a question");
    }

    @Test
    void chats_outside_the_allow_list_get_a_polite_refusal_and_no_answer() throws Exception {
        bot.close();
        bot = started(config(api).withAllowedChats(Set.of(106L)));
        api.sendText(107, QUESTION);
        api.sendText(106, QUESTION);
        assertThat(api.awaitSent(106, 1, WAIT).get(0).text()).contains("[1]");
        List<FakeBotApi.Sent> refused = api.awaitSent(107, 1, WAIT);
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).text()).isEqualTo("Sorry, I only answer in the chats I was set up for.");
    }

    @Test
    void a_429_is_waited_out_for_its_retry_after_then_the_answer_is_sent() throws Exception {
        api.failNext("sendMessage", 429, "Too Many Requests: retry after 1", 1);
        api.sendText(108, QUESTION);
        FakeBotApi.Sent reply = api.awaitSent(108, 1, WAIT).get(0);
        List<FakeBotApi.Call> attempts = api.calls("sendMessage");
        assertThat(attempts).hasSize(2);
        assertThat(reply.text()).contains("[1]");
        assertThat(Duration.ofNanos(attempts.get(1).nanos() - attempts.get(0).nanos())).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void a_chat_asking_too_fast_is_told_once_to_slow_down() throws Exception {
        for (int i = 0; i < 9; i++) {
            api.sendText(109, QUESTION);
        }
        api.awaitSent(109, 6, WAIT);
        assertThat(api.awaitAllTaken(WAIT)).isTrue();
        Thread.sleep(300);
        List<FakeBotApi.Sent> sent = api.awaitSent(109, 6, Duration.ZERO);
        // The default limit: 5 at once, then 1 a second; the 6th gets one warning, the rest nothing.
        assertThat(sent).hasSize(6);
        assertThat(sent).filteredOn(s -> s.text().contains("slow down")).hasSize(1);
        assertThat(sent).filteredOn(s -> s.text().contains("[1]")).hasSize(5);
    }

    @Test
    void when_the_bot_api_goes_away_and_comes_back_the_bot_answers_again_and_says_so_once_without_the_token()
            throws Exception {
        try (CapturedErr err = new CapturedErr()) {
            api.sendText(110, QUESTION);
            api.awaitSent(110, 1, WAIT);

            api.stop();
            Thread.sleep(1500); // several polls fail meanwhile
            api.sendText(110, "Would it have been Kim's first trip abroad?"); // Telegram keeps it meanwhile
            api.start();
            List<FakeBotApi.Sent> sent = api.awaitSent(110, 2, WAIT);
            assertThat(sent).hasSize(2);
            assertThat(sent.get(1).text()).contains("first");

            api.sendText(110, QUESTION);
            assertThat(api.awaitSent(110, 3, WAIT)).hasSize(3);

            String log = err.text();
            assertThat(log).containsOnlyOnce("is unreachable").containsOnlyOnce("is reachable again");
            assertThat(log).doesNotContain(FakeBotApi.TOKEN).doesNotContain(FakeBotApi.TOKEN.substring(10));
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void should_answer_anyway_when_set_my_commands_keeps_failing_with_http_500(boolean htmlPage) throws Exception {
        bot.close();
        for (int i = 0; i < TelegramBot.COSMETIC_TRIES + 2; i++) {
            if (htmlPage) {
                api.failNextWithPage("setMyCommands", 500);
            } else {
                api.failNext("setMyCommands", 500, "Internal Server Error", null);
            }
        }
        try (CapturedErr err = new CapturedErr()) {
            bot = started(config(api));
            api.sendText(115, QUESTION);
            assertThat(api.awaitSent(115, 1, WAIT).get(0).text()).contains("[1]");
            assertThat(err.text()).containsOnlyOnce("Telegram did not take setMyCommands")
                    .doesNotContain(FakeBotApi.TOKEN);
        }
        // The first bot's call, then this one's tries: a bounded number, not forever.
        assertThat(api.calls("setMyCommands")).hasSize(1 + TelegramBot.COSMETIC_TRIES);
    }

    @Test
    void a_second_instance_polling_with_the_same_token_is_reported_as_a_409_conflict_without_the_token() throws Exception {
        try (CapturedErr err = new CapturedErr()) {
            TelegramBot second = started(config(api));
            try {
                Thread.sleep(2000); // each poll of one ends the other's with 409, as on Telegram
            } finally {
                second.close();
            }
            String log = err.text();
            assertThat(log).contains("409 Conflict").contains("another process is polling with this bot token");
            assertThat(log).doesNotContain(FakeBotApi.TOKEN).doesNotContain(FakeBotApi.TOKEN.substring(10));
            // answered again once the other instance is gone (its "No more 409 Conflict" captured too)
            api.sendText(111, QUESTION);
            assertThat(api.awaitSent(111, 1, WAIT).get(0).text()).contains("[1]");
        }
    }

    @Test
    void closing_answers_every_update_already_taken_and_confirms_them() throws Exception {
        bot.close();
        bot = started(new TelegramConfig(FakeBotApi.TOKEN, config(api).apiUrl(), Set.of(),
                new TelegramConfig.Limits(1, 256, 100, 1, Duration.ofMillis(500), Duration.ofSeconds(30))));
        for (int i = 0; i < 40; i++) {
            api.sendText(112, i % 2 == 0 ? QUESTION : "Would it have been Kim's first trip abroad?");
        }
        assertThat(api.awaitAllTaken(WAIT)).isTrue(); // all 40 taken (confirmed by the next poll)
        bot.close();
        assertThat(api.awaitSent(112, 40, Duration.ZERO)).hasSize(40);
        List<FakeBotApi.Call> polls = api.calls("getUpdates");
        assertThat(polls.get(polls.size() - 1).body().path("offset").asInt()).isGreaterThan(40);
    }

    /**
     * 20 chats ask 10 questions each, all at once: every question is answered exactly once, in its own chat, as a
     * reply to itself. It prints the total time and the slowest reply, figures of this machine, not assertions.
     */
    @Test
    void twenty_chats_asking_ten_questions_at_once_each_get_every_answer_once_in_the_right_chat() throws Exception {
        bot.close();
        // Ten at once per chat is above the default burst of 5; this test is about throughput, not the limiter.
        TelegramConfig config = config(api).withLimits(TelegramConfig.Limits.DEFAULTS.withRate(LOAD_QUESTIONS.size(), 1));
        bot = started(config);
        // The same 200 questions asked of CiteBot directly on as many threads: warms the JVM up (a bot that has run
        // for a while is warm) and gives the time the answers alone take here, now, for comparison.
        ExecutorService direct = Executors.newFixedThreadPool(config.limits().workers());
        long directBegin = System.nanoTime();
        List<Future<?>> asked = new ArrayList<>();
        for (int i = 0; i < LOAD_CHATS; i++) {
            LOAD_QUESTIONS.forEach(q -> asked.add(direct.submit(() -> citebot.ask(q))));
        }
        for (Future<?> f : asked) {
            f.get();
        }
        long directMillis = (System.nanoTime() - directBegin) / 1_000_000;
        direct.shutdown();
        Map<Integer, String> askedText = new HashMap<>();
        Map<Integer, Long> askedChat = new HashMap<>();
        Map<Integer, Long> askedAt = new HashMap<>();
        long begin = System.nanoTime();
        for (String question : LOAD_QUESTIONS) {
            for (long chat = 1001; chat <= 1000 + LOAD_CHATS; chat++) {
                long at = System.nanoTime();
                int id = api.sendText(chat, question);
                askedText.put(id, question);
                askedChat.put(id, chat);
                askedAt.put(id, at);
            }
        }
        for (long chat = 1001; chat <= 1000 + LOAD_CHATS; chat++) {
            api.awaitSent(chat, LOAD_QUESTIONS.size(), Duration.ofSeconds(60));
        }
        assertThat(api.awaitAllTaken(WAIT)).isTrue();
        Thread.sleep(300); // a duplicate would come about as fast as the answers

        List<FakeBotApi.Sent> all = api.sent();
        assertThat(all).hasSize(LOAD_CHATS * LOAD_QUESTIONS.size());
        assertThat(all).extracting(FakeBotApi.Sent::replyTo).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(askedText.keySet());
        List<Long> latencies = new ArrayList<>();
        for (FakeBotApi.Sent reply : all) {
            assertThat(reply.chatId()).isEqualTo(askedChat.get(reply.replyTo()));
            assertThat(reply.text()).startsWith(askedText.get(reply.replyTo()) + "\n");
            latencies.add(reply.nanos() - askedAt.get(reply.replyTo()));
        }
        long last = all.stream().mapToLong(FakeBotApi.Sent::nanos).max().orElseThrow();
        latencies.sort(null);
        System.out.printf("telegram load: %d chats x %d questions = %d answers in %d ms; reply latency median %d ms, "
                        + "slowest %d ms (%d answering threads); the same %d questions asked of CiteBot directly on %d "
                        + "threads: %d ms%n", LOAD_CHATS, LOAD_QUESTIONS.size(), all.size(), (last - begin) / 1_000_000,
                latencies.get(latencies.size() / 2) / 1_000_000, latencies.get(latencies.size() - 1) / 1_000_000,
                config.limits().workers(), all.size(), config.limits().workers(), directMillis);
    }

    @Test
    void a_token_telegram_rejects_stops_the_start_with_a_one_line_error_without_the_token() {
        bot.close();
        String other = "987654321:AAHanotherTOKENthatTelegramDoesNotKnow";
        TelegramConfig rejected = TelegramConfig.fromEnvironment(Map.of(TelegramConfig.TOKEN_VARIABLE, other,
                TelegramConfig.API_URL_VARIABLE, api.url()));
        bot = new TelegramBot(citebot, rejected, EXAMPLES);
        assertThatThrownBy(bot::start).isInstanceOf(CiteBotException.class)
                .hasMessage("Telegram rejects TELEGRAM_BOT_TOKEN (401 from getMe): check the token @BotFather gave you");
    }

    @Test
    void should_keep_the_conversations_of_two_interleaved_chats_apart() throws Exception {
        api.sendText(201, "Which Chinese leader will attend the events in Moscow?");
        api.sendText(202, "Why didn't Kim go to Moscow?");
        api.awaitSent(201, 1, WAIT);
        api.awaitSent(202, 1, WAIT);
        api.sendText(202, "Who said that?");
        api.sendText(201, "Has he visited North Korea?");

        String xi = api.awaitSent(201, 2, WAIT).get(1).text();
        String kim = api.awaitSent(202, 2, WAIT).get(1).text();

        assertThat(searched(xi)).startsWith("searched: Has he visited North Korea? Chinese").doesNotContain("Kim");
        assertThat(searched(kim)).startsWith("searched: Who said that? Kim Moscow").doesNotContain("Chinese");
    }

    /** The line of a reply that says what was searched. */
    private static String searched(String reply) {
        return reply.lines().filter(l -> l.startsWith("searched: ")).findFirst().orElse("");
    }

    @Test
    void should_follow_on_from_the_answer_a_reply_is_to() throws Exception {
        long group = -1002;
        api.sendGroupText(group, "/ask Which Chinese leader will attend the events in Moscow?");
        int xiAnswer = api.awaitSent(group, 1, WAIT).get(0).messageId();
        api.sendGroupText(group, "/ask Why didn't Kim go to Moscow?");
        api.awaitSent(group, 2, WAIT);

        api.replyToBot(group, "Has he visited North Korea?", xiAnswer);

        String reply = api.awaitSent(group, 3, WAIT).get(2).text();
        assertThat(searched(reply)).startsWith("searched: Has he visited North Korea? Chinese").doesNotContain("Kim");
        assertThat(reply).contains("[1]");
    }
}
