package io.github.citebot.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BertEncoderTest {

    static final List<String> TEXTS = List.of(
            "Kim did not go.",
            "Putin spokesman Dmitry Peskov told The Associated Press \"internal matters\" were preventing Kim from leaving North Korea.",
            "MOSCOW — U.N. Secretary-General Ban Ki-moon will attend the parade.",
            "Yes",
            "The ceremony, which marks the 70th anniversary of the end of World War II in Europe, drew dozens of leaders, "
                    + "though many Western heads of state stayed away over the conflict in Ukraine and Russia's annexation of Crimea.",
            "Élysée Palace officials said the president's schedule was full.");

    static BertEncoder encoder;
    static EmbeddingModel reference;

    @BeforeAll
    static void load() {
        encoder = Models.bundled();
        reference = new AllMiniLmL6V2EmbeddingModel();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void gives_the_same_vectors_as_langchain4j_bundled_model_for_a_batch_of_mixed_lengths() {
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            segments.add(TextSegment.from(TEXTS.get(i % TEXTS.size()) + (i >= TEXTS.size() ? " " + i : "")));
        }
        List<Embedding> ours = encoder.embedAll(segments).content();
        for (int i = 0; i < segments.size(); i++) {
            float[] expected = reference.embed(segments.get(i)).content().vector();
            assertClose(ours.get(i).vector(), expected, segments.get(i).text());
        }
    }

    @Test
    void embeds_a_text_longer_than_the_model_window_like_langchain4j() {
        String longText = String.join(" ", java.util.Collections.nCopies(120, "The parade in Red Square went ahead."));
        assertClose(encoder.embed(longText).content().vector(), reference.embed(longText).content().vector(), "long text");
    }

    @Test
    void gives_unit_vectors_of_the_model_dimension() {
        float[] v = encoder.embed("Why didn't Kim go?").content().vector();
        assertThat(v).hasSize(encoder.dimension());
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void quantized_model_stays_close_to_fp32() {
        try (BertEncoder q = Models.quantized()) {
            for (String t : TEXTS) {
                float[] a = q.embed(t).content().vector();
                float[] b = encoder.embed(t).content().vector();
                assertThat(cosine(a, b)).as(t).isGreaterThan(0.9);
            }
        }
    }

    @Test
    void waits_for_a_running_embedding_before_closing_and_refuses_afterwards() throws Exception {
        // Closing a session under a running question crashed the JVM (SIGSEGV in ONNX Runtime) on SIGTERM.
        BertEncoder q = Models.quantized();
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            many.add("Sentence number " + i + " about the parade in Red Square and who went to it.");
        }
        java.util.concurrent.CompletableFuture<float[][]> running =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> q.embedTexts(many, n -> { }));
        Thread.sleep(50); // let the run start: it holds the encoder until it ends
        q.close();
        try {
            float[][] vectors = running.get();
            assertThat(vectors.length).isEqualTo(many.size());
            assertThat(vectors[many.size() - 1]).hasSize(q.dimension());
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThatThrownBy(() -> q.embedQuery("Why?")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        q.close(); // twice is harmless
    }

    @Test
    void refuses_a_blank_text() {
        assertThatThrownBy(() -> encoder.embedTexts(List.of("fine", "  "), n -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blank");
    }

    static void assertClose(float[] actual, float[] expected, String text) {
        assertThat(actual).as(text).hasSameSizeAs(expected);
        assertThat(cosine(actual, expected)).as(text).isGreaterThan(0.99999);
        for (int d = 0; d < expected.length; d++) {
            assertThat(Math.abs(actual[d] - expected[d])).as(text + " dim " + d).isLessThan(1e-4f);
        }
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
