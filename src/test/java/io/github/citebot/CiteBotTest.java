package io.github.citebot;

import io.github.citebot.eval.GoldFiles;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The library API on the bundled articles, with the real model and the real Lucene index. */
class CiteBotTest {

    private final CiteBot bot = SharedBot.seeds();

    @ParameterizedTest
    @ValueSource(strings = {"why didn't Kim go?", "why didnt kim go", "Why didn’t Kim go", "WHY DIDN'T KIM GO?"})
    void should_put_the_kremlins_stated_reason_first_for_the_headline_question_however_it_is_typed(String question) {
        Answer a = bot.ask(question);
        assertThat(a.answered()).isTrue();
        assertThat(a.citations().get(0).sentence().toLowerCase(Locale.ROOT))
                .containsAnyOf("internal matters", "domestic affairs", "internal affairs", "interior affairs");
    }

    @Test
    void should_put_the_kremlins_stated_reason_first_with_e5_as_the_second_model_and_its_learned_ranker() {
        try (CiteBot withE5 = CiteBot.builder().corpus(Path.of("seeds")).noCache().secondModel("e5").build()) {
            Answer a = withE5.ask("Why didn't Kim go to Moscow?");
            assertThat(a.answered()).isTrue();
            assertThat(a.citations().get(0).sentence().toLowerCase(Locale.ROOT))
                    .containsAnyOf("internal matters", "domestic affairs", "internal affairs", "interior affairs");
        }
    }

    @Test
    void should_say_the_articles_dont_say_and_cite_nothing_for_an_unanswerable_question() {
        Answer a = bot.ask("What is the capital of France?");
        assertThat(a.answered()).isFalse();
        assertThat(a.text()).isEqualTo(Answer.NO_ANSWER);
        assertThat(a.citations()).isEmpty();
    }

    @Test
    void should_cite_sentences_verbatim_with_outlet_and_title_in_order_of_relevance() throws Exception {
        Answer a = bot.ask("Who is Jang Song Thaek?");
        assertThat(a.citations()).isNotEmpty().hasSizeLessThanOrEqualTo(4);
        for (Citation c : a.citations()) {
            String file = Files.readString(Path.of("seeds", c.source())).replace('\u00a0', ' ').replaceAll("\\s+", " ");
            assertThat(file).contains(c.sentence());
            assertThat(c.outlet()).isNotBlank();
            assertThat(c.title()).isNotBlank();
            assertThat(a.text()).contains("[" + c.n() + "]");
        }
        assertThat(a.citations()).extracting(Citation::n).containsExactly(
                java.util.stream.IntStream.rangeClosed(1, a.citations().size()).boxed().toArray(Integer[]::new));
    }

    @Test
    void should_cite_a_sentence_text_once_when_the_corpus_holds_ten_copies_of_an_article() throws Exception {
        Path copies = Files.createTempDirectory("citebot-copies");
        try {
            try (var seeds = Files.list(Path.of("seeds"))) {
                for (Path seed : seeds.toList()) {
                    Files.copy(seed, copies.resolve(seed.getFileName()));
                }
            }
            String article = Files.readString(Path.of("seeds", "000_57856c64828ec8cb.txt"));
            for (int i = 1; i < 10; i++) {
                Files.writeString(copies.resolve("copy" + i + ".txt"), article);
            }
            try (CiteBot copied = CiteBot.builder().corpus(copies).noCache().build()) {
                Answer a = copied.ask("why didn't Kim go?");
                assertThat(a.answered()).isTrue();
                assertThat(a.citations()).extracting(Citation::sentence).doesNotHaveDuplicates();
            }
        } finally {
            try (var files = Files.list(copies)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(copies);
        }
    }

    @Test
    void should_group_the_same_claim_from_different_outlets() {
        Answer a = bot.ask("Would this have been Kim's first trip abroad?");
        assertThat(a.citations()).extracting(Citation::source).doesNotHaveDuplicates().hasSizeGreaterThanOrEqualTo(2);
        assertThat(a.citations()).allMatch(c -> c.sentence().contains("first"));
    }

    /** The commonest question put to news, over pages that never use the verb "happen". */
    @Test
    void should_answer_what_happened_somewhere_the_articles_tell_of(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("bridge.txt"), "Six missing after ship strikes bridge\n\n"
                + "Six people are missing after a container ship struck a major bridge in the port city of Harwick, "
                + "causing it to collapse into the river.\n\nThe bridge was hit by the vessel at about 01:30 local time "
                + "on Tuesday.\n\nOfficials said the ship had reported losing power moments before the crash.\n");
        Files.writeString(dir.resolve("volcano.txt"), "Volcano erupts again\n\nA volcano on the Reykjanes peninsula "
                + "erupted on Saturday evening for the fourth time since December.\n\nFlights were halted for three "
                + "hours as a precaution.\n");
        try (CiteBot small = CiteBot.builder().corpus(dir).noCache().build()) {
            Answer a = small.ask("What happened in Harwick?");
            assertThat(a.answered()).as("confidence %s", a.confidence()).isTrue();
            assertThat(a.citations().get(0).sentence()).startsWith("Six people are missing");
        }
    }

    @Test
    void should_show_a_sentence_that_leans_on_the_one_before_with_it(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Files.writeString(dir.resolve("talks.txt"), "Trade talks resumed in Geneva on Monday.\n\n"
                + "The minister denied that the talks had collapsed over tariffs. “That is certainly not the case,” he said.\n");
        try (CiteBot small = CiteBot.builder().corpus(dir).build()) {
            Answer a = small.ask("What was certainly not the case?");
            Citation quote = a.citations().get(0);
            assertThat(quote.sentence()).isEqualTo("“That is certainly not the case,” he said.");
            assertThat(quote.context()).isEqualTo("The minister denied that the talks had collapsed over tariffs.");
            assertThat(a.text()).startsWith(quote.context() + " " + quote.sentence());
        }
    }

    @Test
    void should_reject_a_blank_question_with_a_one_line_message() {
        assertThatThrownBy(() -> bot.ask("   ")).isInstanceOf(CiteBotException.class)
                .hasMessageContaining("empty question").hasMessageNotContaining("\n");
        assertThatThrownBy(() -> bot.ask(null)).isInstanceOf(CiteBotException.class);
    }

    @Test
    void should_answer_a_question_longer_than_the_models_input_limit() {
        String longQuestion = "Why did Kim cancel the trip to Moscow? " + "Please explain the reasons in detail. ".repeat(200);
        Answer a = bot.ask(longQuestion);
        assertThat(a.question()).isEqualTo(longQuestion.strip());
        assertThat(a.confidence()).isBetween(0.0, 1.0);
    }

    @Test
    void should_give_eight_threads_exactly_the_answers_one_thread_gets() throws Exception {
        List<String> questions = io.github.citebot.eval.GoldFiles.questions(Path.of("src/test/resources/eval/dev.jsonl"));
        List<Answer> single = questions.stream().map(bot::ask).toList();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Answer>>> runs = new java.util.ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int offset = t;
                runs.add(pool.submit(() -> {
                    Answer[] answers = new Answer[questions.size()];
                    for (int i = 0; i < questions.size(); i++) {
                        int q = (i + offset * 3) % questions.size(); // each thread in a different order
                        answers[q] = bot.ask(questions.get(q));
                    }
                    return List.of(answers);
                }));
            }
            for (Future<List<Answer>> run : runs) {
                assertThat(run.get()).isEqualTo(single);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_list_the_articles_as_sources() {
        assertThat(bot.sources()).hasSize(4);
        assertThat(bot.sentenceCount()).isEqualTo(bot.sources().stream().mapToInt(s -> s.sentences().size()).sum());
    }
}
