package io.github.citebot.embedding;

import io.github.citebot.CapturedErr;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.index.Hit;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingCacheTest {

    static BertEncoder encoder;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        encoder = Models.bundled();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void a_second_build_embeds_nothing_and_gives_the_same_vectors() {
        List<Article> corpus = List.of(article("a.txt", "Kim did not go to Moscow.", "The parade went ahead."),
                article("b.txt", "Putin hosted the leaders.", "Xi attended the parade."));
        Counting first = new Counting(encoder);
        SentenceIndex one = SentenceIndex.build(corpus, first, EmbeddingCache.open(dir, encoder.modelName()),
                new MemoryBackend(), IndexProgress.NONE);
        assertThat(first.embedded).hasSize(4);

        Counting second = new Counting(encoder);
        SentenceIndex two = SentenceIndex.build(corpus, second, EmbeddingCache.open(dir, encoder.modelName()),
                new MemoryBackend(), IndexProgress.NONE);
        assertThat(second.embedded).isEmpty();
        Embedding q = encoder.embed("Who hosted the parade?").content();
        assertThat(two.dense(q, 4)).extracting(Hit::id, Hit::score)
                .containsExactlyElementsOf(one.dense(q, 4).stream().map(h -> org.assertj.core.groups.Tuple.tuple(h.id(), h.score())).toList());
    }

    @Test
    void a_changed_article_re_embeds_only_its_new_sentences() {
        SentenceIndex.build(List.of(article("a.txt", "Kim did not go to Moscow.", "The parade went ahead."),
                        article("b.txt", "Putin hosted the leaders.")),
                encoder, EmbeddingCache.open(dir, encoder.modelName()), new MemoryBackend(), IndexProgress.NONE);

        Counting counting = new Counting(encoder);
        SentenceIndex.build(List.of(article("a.txt", "Kim did not go to Moscow.", "The parade was cancelled.", "The parade went ahead."),
                        article("b.txt", "Putin hosted the leaders.")),
                counting, EmbeddingCache.open(dir, encoder.modelName()), new MemoryBackend(), IndexProgress.NONE);
        assertThat(counting.embedded).containsExactly("The parade was cancelled.");
    }

    @Test
    void the_cache_is_per_model() {
        EmbeddingCache fp32 = EmbeddingCache.open(dir, "model-a");
        fp32.put("Some sentence.", new float[] {1, 0, 0});
        fp32.save();
        assertThat(EmbeddingCache.open(dir, "model-a").get("Some sentence.")).containsExactly(1, 0, 0);
        assertThat(EmbeddingCache.open(dir, "model-b").get("Some sentence.")).isNull();
    }

    @Test
    void a_truncated_cache_is_ignored_and_rebuilt() throws IOException {
        Path file = saved("x", "y", "z");
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 13));

        EmbeddingCache reopened;
        try (CapturedErr err = new CapturedErr()) {
            reopened = EmbeddingCache.open(dir, "m");
            assertThat(err.text()).contains("is damaged").contains("truncated");
        }
        assertThat(reopened.size()).isZero();
        reopened.put("x", new float[] {7, 7});
        reopened.save();
        assertThat(EmbeddingCache.open(dir, "m").get("x")).containsExactly(7, 7);
    }

    @Test
    void a_corrupted_byte_is_caught_by_the_checksum_and_never_gives_a_wrong_vector() throws IOException {
        Path file = saved("x", "y", "z");
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 20] ^= 0x10; // inside the last vector
        Files.write(file, bytes);

        EmbeddingCache reopened;
        try (CapturedErr err = new CapturedErr()) {
            reopened = EmbeddingCache.open(dir, "m");
            assertThat(err.text()).contains("is damaged (checksum mismatch)");
        }
        assertThat(reopened.get("x")).isNull();
        assertThat(reopened.get("z")).isNull();
    }

    @Test
    void a_file_of_garbage_or_empty_is_ignored() throws IOException {
        Path file = saved("x");
        try (CapturedErr err = new CapturedErr()) {
            Files.write(file, new byte[0]);
            assertThat(EmbeddingCache.open(dir, "m").size()).isZero();
            Files.writeString(file, "not a cache at all, but long enough to have a header");
            assertThat(EmbeddingCache.open(dir, "m").size()).isZero();
            assertThat(err.text()).contains("is damaged");
        }
    }

    @Test
    void an_unwritable_cache_folder_does_not_stop_indexing() throws IOException {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        try (CapturedErr err = new CapturedErr()) {
            EmbeddingCache cache = EmbeddingCache.open(notAFolder, "m");
            cache.put("x", new float[] {1});
            cache.save();
            assertThat(cache.get("x")).containsExactly(1);
            assertThat(err.text()).contains("cannot save the embedding cache");
        }
    }

    @Test
    void processes_saving_at_once_leave_a_valid_cache_with_their_entries() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int writer = w;
            runs.add(pool.submit(() -> {
                for (int round = 0; round < 10; round++) {
                    // A fresh cache each round, as a separate process would open it.
                    EmbeddingCache c = EmbeddingCache.open(dir, "m");
                    c.put("writer " + writer + " round " + round, new float[] {writer, round});
                    c.save();
                }
            }));
        }
        for (Future<?> f : runs) {
            f.get();
        }
        pool.shutdown();
        EmbeddingCache after = EmbeddingCache.open(dir, "m");
        assertThat(after.size()).isGreaterThan(0);
        for (int w = 0; w < 4; w++) {
            // Each writer's last save merged what was on disk, so its own last entry is there or a later
            // writer's merge kept it; whatever is there is exactly what was put.
            for (int round = 0; round < 10; round++) {
                float[] v = after.get("writer " + w + " round " + round);
                if (v != null) {
                    assertThat(v).containsExactly(w, round);
                }
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void should_embed_each_distinct_text_once_however_often_it_is_repeated() {
        List<Article> copies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String[] sentences = new String[301];
            java.util.Arrays.fill(sentences, "The same sentence, copied again and again.");
            sentences[300] = "Copy " + i + " ends here.";
            copies.add(article("copy" + i + ".txt", sentences));
        }
        Counting counting = new Counting(encoder);
        SentenceIndex index = SentenceIndex.build(copies, counting, EmbeddingCache.inMemory(encoder.modelName()),
                new MemoryBackend(), IndexProgress.NONE);

        assertThat(counting.embedded).hasSize(11).doesNotHaveDuplicates();
        assertThat(index.sentenceCount()).isEqualTo(3010);
        Embedding q = encoder.embed("The same sentence, copied again and again.").content();
        assertThat(index.dense(q, 20)).hasSize(20).allSatisfy(h -> assertThat(h.score()).isGreaterThan(0.99));
    }

    @Test
    void should_save_as_it_goes_so_a_restart_after_an_interrupted_build_embeds_only_what_is_missing()
            throws Exception {
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 1100; i++) {
            sentences.add("Road " + i + " reopened.");
        }
        List<Article> corpus = List.of(article("big.txt", sentences.toArray(String[]::new)));
        java.util.concurrent.atomic.AtomicInteger onDiskMidway = new java.util.concurrent.atomic.AtomicInteger(-1);
        Thread building = Thread.currentThread();
        Counting first = new Counting(encoder);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SentenceIndex.build(corpus, first,
                        EmbeddingCache.open(dir, encoder.modelName()), new MemoryBackend(), (articles, embedded, total) -> {
                            if (embedded >= 512 && onDiskMidway.get() < 0) {
                                // What another process (a restart after a kill) would find right now.
                                onDiskMidway.set(EmbeddingCache.open(dir, encoder.modelName()).size());
                                building.interrupt(); // as the REPL stops a build when the user leaves
                            }
                        }))
                .isInstanceOf(io.github.citebot.CiteBotException.class).hasMessageContaining("interrupted");
        assertThat(Thread.interrupted()).isFalse();
        assertThat(onDiskMidway.get()).as("vectors saved before the interruption").isGreaterThanOrEqualTo(512);
        assertThat(first.embedded).hasSizeLessThan(1100);

        Counting restart = new Counting(encoder);
        SentenceIndex.build(corpus, restart, EmbeddingCache.open(dir, encoder.modelName()), new MemoryBackend(),
                IndexProgress.NONE);
        assertThat(restart.embedded).hasSize(1100 - first.embedded.size());
    }

    private Path saved(String... texts) {
        EmbeddingCache c = EmbeddingCache.open(dir, "m");
        for (int i = 0; i < texts.length; i++) {
            c.put(texts[i], new float[] {i, i + 0.5f});
        }
        c.save();
        return c.file();
    }

    static Article article(String source, String... sentences) {
        List<Sentence> list = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            list.add(new Sentence(source, i, 0, sentences[i]));
        }
        return new Article(source, "Test Wire", source, list);
    }

    /** The real encoder, noting which texts it was asked to embed. */
    static final class Counting implements EmbeddingModel {
        final EmbeddingModel delegate;
        final List<String> embedded = new CopyOnWriteArrayList<>();

        Counting(EmbeddingModel delegate) {
            this.delegate = delegate;
        }

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            segments.forEach(s -> embedded.add(s.text()));
            return delegate.embedAll(segments);
        }

        @Override
        public String modelName() {
            return delegate.modelName();
        }
    }
}
