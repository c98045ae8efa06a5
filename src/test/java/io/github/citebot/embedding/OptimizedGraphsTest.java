package io.github.citebot.embedding;

import io.github.citebot.CapturedErr;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.citebot.embedding.BertEncoderTest.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

class OptimizedGraphsTest {

    static final List<String> TEXTS = List.of("Why didn't Kim go?",
            "Putin spokesman Dmitry Peskov told The Associated Press \"internal matters\" were preventing Kim from leaving North Korea.");
    static float[][] expected;

    @TempDir
    Path dir;

    @BeforeAll
    static void reference() {
        try (BertEncoder q = Models.quantized()) {
            expected = q.embedTexts(TEXTS, n -> { });
        }
    }

    @Test
    void should_keep_the_optimised_graph_and_give_the_same_vectors_from_it() throws Exception {
        OptimizedGraphs graphs = OptimizedGraphs.in(dir);
        assertVectors(Models.named("quantized", graphs));
        Path file = onlyGraph();
        long written = Files.getLastModifiedTime(file).toMillis();
        assertVectors(Models.named("quantized", graphs)); // opened from the kept file
        assertThat(onlyGraph()).isEqualTo(file);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(written);
    }

    @Test
    void should_ignore_and_rewrite_a_damaged_or_partial_graph() throws Exception {
        OptimizedGraphs graphs = OptimizedGraphs.in(dir);
        Models.named("quantized", graphs).close();
        Path file = onlyGraph();
        byte[] whole = Files.readAllBytes(file);
        // Cut short, as by a crash or a full disk.
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length / 2);
        Files.write(file, cut);
        try (CapturedErr err = new CapturedErr()) {
            assertVectors(Models.named("quantized", graphs));
            assertThat(err.text()).contains("is damaged or partial");
        }
        // Rewritten whole (ONNX Runtime's serialisation need not be byte-identical from one write to the next).
        assertThat(Files.readAllBytes(file)).isNotEqualTo(cut).hasSizeGreaterThan(cut.length);
        assertKeptAsItIs(graphs, file);
        // One byte changed in the middle: the same size, another checksum.
        byte[] flipped = Files.readAllBytes(file);
        flipped[flipped.length / 2] ^= 0x5a;
        Files.write(file, flipped);
        try (CapturedErr err = new CapturedErr()) {
            assertVectors(Models.named("quantized", graphs));
            assertThat(err.text()).contains("is damaged or partial");
        }
        assertThat(Files.readAllBytes(file)).isNotEqualTo(flipped);
        assertKeptAsItIs(graphs, file);
    }

    /** The rewritten file is sound: the next load opens it and leaves it alone. */
    private static void assertKeptAsItIs(OptimizedGraphs graphs, Path file) throws Exception {
        byte[] before = Files.readAllBytes(file);
        assertVectors(Models.named("quantized", graphs));
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void should_key_the_graph_by_model_and_keep_models_apart() throws Exception {
        OptimizedGraphs graphs = OptimizedGraphs.in(dir);
        Models.named("quantized", graphs).close();
        Models.named("e5", graphs).close();
        try (var files = Files.list(dir.resolve("graphs"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ort")))
                    .hasSize(2).anyMatch(n -> n.contains(Models.QUANTIZED_NAME)).anyMatch(n -> n.contains(Models.E5_NAME));
        }
    }

    private Path onlyGraph() throws Exception {
        try (var files = Files.list(dir.resolve("graphs"))) {
            List<Path> graphs = files.filter(p -> p.toString().endsWith(".ort")).toList();
            assertThat(graphs).hasSize(1);
            return graphs.get(0);
        }
    }

    private static void assertVectors(BertEncoder encoder) {
        try (encoder) {
            float[][] actual = encoder.embedTexts(TEXTS, n -> { });
            for (int i = 0; i < TEXTS.size(); i++) {
                assertClose(actual[i], expected[i], TEXTS.get(i));
            }
        }
    }
}
