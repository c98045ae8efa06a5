package io.github.citebot.index;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import io.github.citebot.CiteBotException;

import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the sentence-embedding model: the bundled all-MiniLM-L6-v2, or a sentence-transformers ONNX model. */
public final class Models {

    /** The name of the bundled default model. */
    public static final String DEFAULT_NAME = "all-MiniLM-L6-v2";
    /** The file of the ONNX graph in a model directory. */
    public static final String MODEL_FILE = "model.onnx";
    /** The file of the Hugging Face tokenizer in a model directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private Models() {
    }

    /** The bundled all-MiniLM-L6-v2, running in-process on ONNX Runtime. */
    public static EmbeddingModel bundled() {
        return new AllMiniLmL6V2EmbeddingModel();
    }

    /**
     * A sentence-transformers model from a directory holding {@value #MODEL_FILE} and {@value #TOKENIZER_FILE},
     * with mean pooling.
     *
     * @throws CiteBotException naming the directory or file when one is missing or unreadable
     */
    public static EmbeddingModel fromDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CiteBotException("model directory not found: " + dir);
        }
        Path model = dir.resolve(MODEL_FILE);
        Path tokenizer = dir.resolve(TOKENIZER_FILE);
        for (Path file : new Path[] {model, tokenizer}) {
            if (!Files.isReadable(file)) {
                throw new CiteBotException("model file missing or unreadable: " + file);
            }
        }
        try {
            return new OnnxEmbeddingModel(model, tokenizer, PoolingMode.MEAN);
        } catch (RuntimeException e) {
            throw new CiteBotException("cannot load the model in " + dir + ": " + e.getMessage(), e);
        }
    }
}
