package io.github.citebot.embedding;

import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import io.github.citebot.embedding.BertEncoder.Convention;
import io.github.citebot.embedding.BertEncoder.Pooling;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.github.citebot.embedding.BertEncoderTest.assertClose;
import static io.github.citebot.embedding.BertEncoderTest.cosine;
import static org.assertj.core.api.Assertions.assertThat;

/** The bundled int8 e5-small-v2, read from its jar by citebot's own encoder: prefixes, pooling, dimension. */
class EncoderConventionTest {

    static BertEncoder e5;
    static byte[] onnx;
    static byte[] tokenizer;

    @BeforeAll
    static void load() throws Exception {
        e5 = Models.e5();
        onnx = resource("e5-small-v2-q.onnx");
        tokenizer = resource("e5-small-v2-q-tokenizer.json");
    }

    @AfterAll
    static void close() {
        e5.close();
    }

    @Test
    void should_put_e5_questions_closer_to_their_answering_sentence_than_to_unrelated_ones() {
        String[][] cases = {
                {"Why didn't Kim go to Moscow?",
                        "Kim cancelled his trip to Moscow because of internal affairs, the Kremlin said.",
                        "The parade in Red Square marked the 70th anniversary of the end of World War II."},
                {"When was the Eiffel Tower built?",
                        "The Eiffel Tower was built between 1887 and 1889 for the World's Fair.",
                        "Paris is the capital of France and its largest city."},
                {"Who wrote Hamlet?",
                        "Hamlet is a tragedy written by William Shakespeare around 1600.",
                        "Denmark is a Nordic country in Northern Europe."},
        };
        for (String[] c : cases) {
            float[] q = e5.embedQuery(c[0]);
            float[][] passages = e5.embedTexts(List.of(c[1], c[2]), n -> { });
            assertThat(cosine(q, passages[0])).as(c[0]).isGreaterThan(cosine(q, passages[1]) + 0.02);
        }
    }

    @Test
    void should_put_query_before_questions_and_passage_before_sentences_for_e5() {
        try (BertEncoder plain = BertEncoder.load("e5 without prefixes", BertEncoder.Graph.of(onnx), tokenizer,
                Convention.SENTENCE_TRANSFORMERS, 2, null)) {
            String text = "Kim did not go to Moscow.";
            assertClose(e5.embedQuery(text), plain.embedQuery("query: " + text), "query");
            assertClose(e5.embed(text).content().vector(), plain.embedQuery("query: " + text), "embed(String) is a query");
            assertClose(e5.embedTexts(List.of(text), n -> { })[0], plain.embedTexts(List.of("passage: " + text), n -> { })[0],
                    "passage");
            assertThat(cosine(e5.embedQuery(text), plain.embedQuery(text))).isLessThan(0.999);
            // Questions batched (a follow-up and its rewrite, eval's questions) are still questions: nearer their
            // query vectors than their passage vectors (not identical: int8 activations are scaled per batch).
            List<String> questions = List.of(text, "Why did he stay?");
            float[][] batch = e5.embedQueries(questions);
            float[][] passages = e5.embedTexts(questions, n -> { });
            for (int i = 0; i < questions.size(); i++) {
                double asQuery = cosine(batch[i], e5.embedQuery(questions.get(i)));
                assertThat(asQuery).as(questions.get(i)).isGreaterThan(0.99)
                        .isGreaterThan(cosine(batch[i], passages[i]));
            }
        }
    }

    @Test
    void should_give_unit_vectors_of_the_dimension_the_graph_declares() {
        assertThat(e5.dimension()).isEqualTo(384);
        float[] v = e5.embedQuery("Why didn't Kim go?");
        assertThat(v).hasSize(e5.dimension());
        assertThat(cosine(v, v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Test
    void should_pool_the_cls_token_as_langchain4j_does(@TempDir Path dir) throws Exception {
        Path model = Files.write(dir.resolve("model.onnx"), onnx);
        Path tok = Files.write(dir.resolve("tokenizer.json"), tokenizer);
        OnnxEmbeddingModel reference = new OnnxEmbeddingModel(model, tok, PoolingMode.CLS);
        try (BertEncoder cls = BertEncoder.load("e5 with CLS pooling", BertEncoder.Graph.of(model), tokenizer,
                new Convention(Pooling.CLS, "", ""), 2, null)) {
            // One text at a time, as LangChain4j embeds: an int8 graph quantizes each batch on its own scale.
            for (String text : List.of("Kim did not go.", "The ceremony drew dozens of leaders to Moscow on Saturday.")) {
                float[] ours = cls.embedTexts(List.of(text), n -> { })[0];
                assertClose(ours, reference.embed(text).content().vector(), text);
                assertThat(cosine(ours, e5.embedTexts(List.of(text), n -> { })[0])).isLessThan(0.99);
            }
        }
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = EncoderConventionTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " in the e5 jar").isNotNull();
            return in.readAllBytes();
        }
    }
}
