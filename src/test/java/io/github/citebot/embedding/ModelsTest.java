package io.github.citebot.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.citebot.CiteBotException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelsTest {

    @TempDir
    Path dir;

    @Test
    void should_load_a_model_directory_that_gives_the_bundled_models_vectors() throws Exception {
        // The bundled model's files, taken out of the LangChain4j artifact into a plain model directory.
        copyResource("all-minilm-l6-v2.onnx", dir.resolve(Models.MODEL_FILE));
        copyResource("all-minilm-l6-v2-tokenizer.json", dir.resolve(Models.TOKENIZER_FILE));
        EmbeddingModel fromDir = Models.fromDirectory(dir);
        EmbeddingModel bundled = Models.bundled();
        for (String text : new String[] {"Why didn't Kim go?", "Peskov said the decision was connected with domestic affairs."}) {
            Embedding a = fromDir.embed(text).content();
            Embedding b = bundled.embed(text).content();
            assertThat(a.dimension()).isEqualTo(384);
            for (int i = 0; i < a.dimension(); i++) {
                assertThat(a.vector()[i]).isCloseTo(b.vector()[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void should_name_the_missing_file_of_a_model_directory() throws Exception {
        Files.writeString(dir.resolve(Models.MODEL_FILE), "not a model");
        assertThatThrownBy(() -> Models.fromDirectory(dir))
                .isInstanceOf(CiteBotException.class).hasMessageContaining(Models.TOKENIZER_FILE);
        assertThatThrownBy(() -> Models.fromDirectory(dir.resolve("missing")))
                .isInstanceOf(CiteBotException.class).hasMessageContaining("missing");
    }

    @Test
    void should_unpack_a_bundled_model_file_once_into_the_cache_folder_and_replace_a_damaged_copy() throws Exception {
        String name = "all-minilm-l6-v2-tokenizer.json";
        Path expected = dir.resolve("expected.json");
        copyResource(name, expected);

        Path unpacked = Models.unpackedOnce(name, dir.resolve("models"));
        assertThat(unpacked).hasParent(dir.resolve("models")).hasSameBinaryContentAs(expected);

        Files.setLastModifiedTime(unpacked, FileTime.fromMillis(0));
        assertThat(Models.unpackedOnce(name, dir.resolve("models"))).isEqualTo(unpacked);
        assertThat(Files.getLastModifiedTime(unpacked).toMillis()).as("not written again").isZero();

        Files.writeString(unpacked, "{\"truncated"); // an interrupted copy by some other means
        assertThat(Models.unpackedOnce(name, dir.resolve("models"))).hasSameBinaryContentAs(expected);
        assertThat(dir.resolve("models").toFile().list()).hasSize(1); // no temporary file left behind
    }

    @Test
    void should_keep_the_e5_jars_own_dependencies_off_the_class_path() throws Exception {
        // It was built against LangChain4j 0.36.2: only its two files are used, and nothing it depends on is loaded.
        for (String artifact : new String[] {"langchain4j-core", "langchain4j-embeddings", "langchain4j"}) {
            var found = getClass().getClassLoader()
                    .getResources("META-INF/maven/dev.langchain4j/" + artifact + "/pom.properties");
            while (found.hasMoreElements()) {
                var props = new java.util.Properties();
                try (InputStream in = found.nextElement().openStream()) {
                    props.load(in);
                }
                assertThat(props.getProperty("version")).as(artifact).isNotEqualTo("0.36.2");
            }
        }
        assertThat(getClass().getClassLoader().getResource("e5-small-v2-q.onnx")).isNotNull();
    }

    @Test
    void should_know_e5_by_its_short_name() {
        assertThat(Models.nameOf("e5")).isEqualTo(Models.E5_NAME);
        assertThat(Models.nameOf("E5-small-v2-q")).isEqualTo(Models.E5_NAME);
    }

    private static void copyResource(String name, Path to) throws Exception {
        try (InputStream in = AllMiniLmL6V2EmbeddingModel.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name + " in the LangChain4j artifact").isNotNull();
            Files.copy(in, to);
        }
    }
}
