package io.github.citebot;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Article;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class CiteBotLiveCorpusTest {

    static BertEncoder model;

    @TempDir
    Path corpus;
    @TempDir
    Path cache;

    @BeforeAll
    static void load() {
        model = Models.bundled();
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void should_reload_when_the_deleted_corpus_folder_is_created_again_with_new_articles() throws Exception {
        Path folder = corpus.resolve("news");
        try (WatchedCorpus watched = WatchedCorpus.start(folder, model)) {
            CiteBot bot = watched.bot();
            Files.delete(folder.resolve("parade.txt"));
            Files.delete(folder);
            Thread.sleep(500); // the watch notices the folder is gone

            long before = bot.generation();
            Files.createDirectories(folder);
            Files.writeString(folder.resolve("volcano.txt"), WatchedCorpus.VOLCANO);
            await(() -> bot.generation() > before
                    && bot.sources().stream().map(Article::source).toList().equals(List.of("volcano.txt")));
            assertThat(sourcesOf(bot.ask("Where did a volcano erupt?"))).containsExactly("volcano.txt");
            assertThat(bot.ask("Where was the Victory Day parade held?").citations())
                    .extracting(Citation::source).doesNotContain("parade.txt");
        }
    }

    @Test
    void a_watching_bot_picks_up_added_changed_and_removed_articles() throws Exception {
        Files.writeString(corpus.resolve("parade.txt"), WatchedCorpus.PARADE);
        try (CiteBot bot = CiteBot.builder().corpus(corpus).embeddingModel(model).cache(cache)
                .watch(true).watchSettle(Duration.ofMillis(100)).build()) {
            assertThat(bot.sources()).extracting(Article::source).containsExactly("parade.txt");

            long before = bot.generation();
            Files.writeString(corpus.resolve("volcano.txt"), WatchedCorpus.VOLCANO);
            await(() -> bot.generation() > before && bot.sources().size() == 2);
            Answer a = bot.ask("Where did a volcano erupt?");
            assertThat(a.answered()).isTrue();
            assertThat(sourcesOf(a)).contains("volcano.txt");

            long changed = bot.generation();
            Files.writeString(corpus.resolve("volcano.txt"), WatchedCorpus.VOLCANO.replace("southern Iceland", "western Iceland"));
            await(() -> bot.generation() > changed);
            assertThat(bot.ask("Where did a volcano erupt?").citations()).extracting(Citation::sentence)
                    .anyMatch(s -> s.contains("western Iceland"));

            long removed = bot.generation();
            Files.delete(corpus.resolve("parade.txt"));
            await(() -> bot.generation() > removed);
            assertThat(bot.sources()).extracting(Article::source).containsExactly("volcano.txt");
        }
    }

    @Test
    void questions_asked_during_reloads_are_answered_from_a_whole_index() throws Exception {
        Files.writeString(corpus.resolve("parade.txt"), WatchedCorpus.PARADE);
        try (CiteBot bot = CiteBot.builder().corpus(corpus).embeddingModel(model).cache(cache).build()) {
            AtomicBoolean stop = new AtomicBoolean();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            List<Integer> sizes = new CopyOnWriteArrayList<>();
            List<Thread> askers = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                Thread th = new Thread(() -> {
                    while (!stop.get()) {
                        try {
                            Answer a = bot.ask("Where did the parade take place?");
                            assertThat(a.answered()).isTrue();
                            sizes.add(bot.sentenceCount());
                        } catch (Throwable e) {
                            failures.add(e);
                        }
                    }
                });
                th.start();
                askers.add(th);
            }
            for (int i = 0; i < 6; i++) {
                if (i % 2 == 0) {
                    Files.writeString(corpus.resolve("volcano.txt"), WatchedCorpus.VOLCANO);
                } else {
                    Files.delete(corpus.resolve("volcano.txt"));
                }
                bot.reload();
            }
            stop.set(true);
            for (Thread th : askers) {
                th.join();
            }
            assertThat(failures).isEmpty();
            // Only whole indexes were seen: the parade alone, or the parade and the volcano.
            assertThat(sizes).isNotEmpty().allMatch(n -> n == 3 || n == 6);
        }
    }

    @Test
    void a_failed_reload_keeps_the_previous_index() throws Exception {
        Files.writeString(corpus.resolve("parade.txt"), WatchedCorpus.PARADE);
        try (CiteBot bot = CiteBot.builder().corpus(corpus).embeddingModel(model).cache(cache).build()) {
            Files.delete(corpus.resolve("parade.txt"));
            org.assertj.core.api.Assertions.assertThatThrownBy(bot::reload).isInstanceOf(CiteBotException.class);
            assertThat(bot.ask("Where did the parade take place?").answered()).isTrue();
        }
    }

    @Test
    void build_async_returns_at_once_and_completes_with_the_bot() throws Exception {
        Files.writeString(corpus.resolve("parade.txt"), WatchedCorpus.PARADE);
        CompletableFuture<CiteBot> future = CiteBot.builder().corpus(corpus).cache(cache).buildAsync();
        try (CiteBot bot = future.get(60, TimeUnit.SECONDS)) {
            assertThat(bot.ask("Where did the parade take place?").answered()).isTrue();
        }
        CompletableFuture<CiteBot> missing = CiteBot.builder().corpus(corpus.resolve("nope")).cache(cache).buildAsync();
        org.assertj.core.api.Assertions.assertThat(missing).failsWithin(60, TimeUnit.SECONDS)
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(CiteBotException.class);
    }

    @Test
    void a_closed_bot_says_it_is_closed_and_reloads_no_more() throws Exception {
        Files.writeString(corpus.resolve("parade.txt"), WatchedCorpus.PARADE);
        CiteBot bot = CiteBot.builder().corpus(corpus).embeddingModel(model).cache(cache).build();
        bot.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> bot.ask("Where was the parade?"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        org.assertj.core.api.Assertions.assertThatThrownBy(bot::sources).hasMessageContaining("closed");
        long generation = bot.generation();
        bot.reload();
        assertThat(bot.generation()).isEqualTo(generation);
    }

    static List<String> sourcesOf(Answer a) {
        return a.citations().stream().map(Citation::source).toList();
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 30 s for the corpus to reload").isLessThan(deadline);
            Thread.sleep(50);
        }
    }
}
