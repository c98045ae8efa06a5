package io.github.citebot.index;

import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.EmbeddingCache;
import io.github.citebot.embedding.Models;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RescorerTest {

    static BertEncoder minilm;
    static BertEncoder e5;

    @TempDir
    Path cacheDir;

    @BeforeAll
    static void load() {
        minilm = Models.bundled();
        e5 = Models.e5();
    }

    @AfterAll
    static void close() {
        minilm.close();
        e5.close();
    }

    static final List<Article> ARTICLES = List.of(
            article("kim.txt", "Kim Jong Un will not travel to Moscow next month.",
                    "The Kremlin said internal affairs kept the North Korean leader at home.",
                    "The visit would have been his first foreign trip as leader."),
            article("parade.txt", "Dozens of leaders watched the parade in Red Square.",
                    "Many Western heads of state stayed away over the conflict in Ukraine."));

    @Test
    void should_score_the_answering_sentence_highest_with_the_second_model() {
        SentenceIndex index = build(EmbeddingCache.inMemory(e5.modelName()));
        List<Sentence> candidates = ARTICLES.stream().flatMap(a -> a.sentences().stream()).toList();
        Rescorer r = index.rescorer().orElseThrow();
        assertThat(r.modelName()).isEqualTo(Models.E5_NAME);
        double[] cos = r.cosines(r.embedQuestion("Why did Western leaders skip the parade?"), candidates);
        assertThat(cos).hasSize(candidates.size());
        int best = 0;
        for (int i = 1; i < cos.length; i++) {
            best = cos[i] > cos[best] ? i : best;
        }
        assertThat(candidates.get(best).text()).contains("conflict in Ukraine");
        // The question embedded ahead on the rescorer's thread gives the same figures.
        assertThat(r.start("Why did Western leaders skip the parade?").cosines(candidates)).containsExactly(cos);
    }

    @Test
    void should_give_the_same_cosines_when_the_question_is_embedded_ahead_on_its_thread_by_many_questions_at_once()
            throws Exception {
        SentenceIndex index = build(EmbeddingCache.inMemory(e5.modelName()));
        Rescorer r = index.rescorer().orElseThrow();
        List<Sentence> candidates = ARTICLES.stream().flatMap(a -> a.sentences().stream()).toList();
        List<String> questions = List.of("Why did Western leaders skip the parade?", "Where will Kim not travel?",
                "What kept the leader at home?", "Who watched the parade?");
        List<double[]> alone = questions.stream().map(q -> r.cosines(r.embedQuestion(q), candidates)).toList();
        // Eight callers at once, each starting its question before doing other work, as a question does.
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<double[]>> got = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                String q = questions.get(i % questions.size());
                got.add(callers.submit(() -> r.start(q).cosines(candidates)));
            }
            for (int i = 0; i < got.size(); i++) {
                assertThat(got.get(i).get()).containsExactly(alone.get(i % questions.size()));
            }
        } finally {
            callers.shutdown();
        }
        assertThat(threadsNamed("citebot-second-model")).isNotEmpty();
        index.close();
        for (Thread t : threadsNamed("citebot-second-model")) {
            t.join(); // closing the index ends its thread
        }
        // Once closed, a question embeds in the caller's thread and gets the same figures.
        assertThat(r.start(questions.get(0)).cosines(candidates)).containsExactly(alone.get(0));
        assertThat(threadsNamed("citebot-second-model")).isEmpty();
    }

    @Test
    void should_refuse_a_sentence_that_is_not_in_the_index_when_the_question_was_embedded_ahead() {
        try (SentenceIndex index = build(EmbeddingCache.inMemory(e5.modelName()))) {
            Rescorer.Pending pending = index.rescorer().orElseThrow().start("Why?");
            assertThatThrownBy(() -> pending.cosines(List.of(new Sentence("other.txt", 0, 0, "Elsewhere."))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.txt");
        }
    }

    private static List<Thread> threadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name) && t.isAlive()).toList();
    }

    @Test
    void should_give_no_rescorer_when_none_is_configured() {
        SentenceIndex index = SentenceIndex.build(ARTICLES, minilm, new MemoryBackend(), IndexProgress.NONE);
        assertThat(index.rescorer()).isEmpty();
    }

    @Test
    void should_keep_the_second_models_vectors_in_its_own_cache() {
        build(EmbeddingCache.open(cacheDir, e5.modelName()));
        EmbeddingCache reopened = EmbeddingCache.open(cacheDir, e5.modelName());
        assertThat(reopened.size()).isEqualTo(5);
        float[] cached = reopened.get("The Kremlin said internal affairs kept the North Korean leader at home.");
        float[] fresh = e5.embedTexts(List.of("The Kremlin said internal affairs kept the North Korean leader at home."),
                n -> { })[0];
        // Not bit for bit: an int8 graph quantizes each batch on its own scale.
        double dot = 0;
        for (int d = 0; d < fresh.length; d++) {
            dot += cached[d] * fresh[d];
        }
        assertThat(dot).isGreaterThan(0.995); // both unit length
        // The first model's cache file is another one.
        assertThat(EmbeddingCache.open(cacheDir, minilm.modelName()).size()).isZero();
    }

    @Test
    void should_refuse_a_sentence_that_is_not_in_the_index() {
        Rescorer r = build(EmbeddingCache.inMemory(e5.modelName())).rescorer().orElseThrow();
        assertThatThrownBy(() -> r.cosines(r.embedQuestion("Why?"), List.of(new Sentence("other.txt", 0, 0, "Elsewhere."))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other.txt");
    }

    private static SentenceIndex build(EmbeddingCache secondCache) {
        return SentenceIndex.build(ARTICLES, new SentenceIndex.Embedder(minilm, EmbeddingCache.inMemory(minilm.modelName())),
                new SentenceIndex.Embedder(e5, secondCache), new MemoryBackend(), IndexProgress.NONE);
    }

    static Article article(String source, String... sentences) {
        List<Sentence> list = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            list.add(new Sentence(source, i, 0, sentences[i]));
        }
        return new Article(source, "Test Wire", source, list);
    }
}
