package io.github.citebot.embedding;

import io.github.citebot.AtomicFile;
import io.github.citebot.CiteBotException;
import io.github.citebot.embedding.BertEncoder.Convention;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.jar.JarEntry;

/**
 * Loads the sentence-embedding models: the bundled all-MiniLM-L6-v2 (fp32, or its int8-quantized twin), the
 * bundled int8 e5-small-v2, or a sentence-transformers ONNX model from a directory. Every one runs in-process on
 * ONNX Runtime through a {@link BertEncoder}; given {@link OptimizedGraphs}, a model's optimised graph is kept
 * there at its first load and opened from there afterwards.
 */
public final class Models {

    private static final Logger LOG = LoggerFactory.getLogger(Models.class);

    /** The name of the bundled default model. */
    public static final String DEFAULT_NAME = "all-MiniLM-L6-v2";
    /** The name of the bundled int8-quantized model: about 3x faster to embed with, slightly less exact. */
    public static final String QUANTIZED_NAME = "all-MiniLM-L6-v2-q";
    /**
     * The name of the bundled int8 e5-small-v2 (intfloat/e5-small-v2, "query: " and "passage: " prefixes): on
     * sentence retrieval it finds the answering sentence first more often than all-MiniLM-L6-v2.
     */
    public static final String E5_NAME = "e5-small-v2-q";
    /** The file of the ONNX graph in a model directory. */
    public static final String MODEL_FILE = "model.onnx";
    /**
     * A system property naming a folder with the bundled models' files unpacked (the launcher sets it to the
     * build's target/models): read from there, they load faster than from inside their jars. Without it, they
     * are unpacked once into the cache folder.
     */
    public static final String UNPACKED_PROPERTY = "citebot.models";
    /** The file of the Hugging Face tokenizer in a model directory. */
    public static final String TOKENIZER_FILE = "tokenizer.json";

    private Models() {
    }

    /** The bundled all-MiniLM-L6-v2 (fp32). */
    public static BertEncoder bundled() {
        return named(DEFAULT_NAME, null);
    }

    /** The bundled all-MiniLM-L6-v2, quantized to int8. */
    public static BertEncoder quantized() {
        return named(QUANTIZED_NAME, null);
    }

    /** The bundled e5-small-v2, quantized to int8. */
    public static BertEncoder e5() {
        return named(E5_NAME, null);
    }

    /**
     * A model by name ({@value #DEFAULT_NAME} or "fp32", {@value #QUANTIZED_NAME} or "quantized",
     * {@value #E5_NAME} or "e5"), or else a sentence-transformers model directory of that path.
     */
    public static BertEncoder named(String nameOrDir) {
        return named(nameOrDir, null);
    }

    /**
     * {@link #named(String)}, keeping the optimised graph in {@code graphs} (null: optimise at every load).
     */
    public static BertEncoder named(String nameOrDir, OptimizedGraphs graphs) {
        String bundled = bundledName(nameOrDir);
        if (bundled == null) {
            return fromDirectory(Path.of(nameOrDir), graphs);
        }
        return switch (bundled) {
            case DEFAULT_NAME -> fromClasspath(DEFAULT_NAME, "all-minilm-l6-v2", Convention.SENTENCE_TRANSFORMERS, graphs);
            case QUANTIZED_NAME -> fromClasspath(QUANTIZED_NAME, "all-minilm-l6-v2-q", Convention.SENTENCE_TRANSFORMERS, graphs);
            default -> fromClasspath(E5_NAME, "e5-small-v2-q", Convention.E5, graphs);
        };
    }

    /**
     * The name {@link #named} gives the model, found without loading it (it keys the embedding cache).
     *
     * @throws CiteBotException when it is neither a bundled model's name nor a model directory
     */
    public static String nameOf(String nameOrDir) {
        String bundled = bundledName(nameOrDir);
        return bundled != null ? bundled : directoryName(Path.of(nameOrDir));
    }

    /** The bundled model a name means ("fp32", "q", ...), or null when it names none. */
    private static String bundledName(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fp32", "default", "all-minilm-l6-v2" -> DEFAULT_NAME;
            case "quantized", "q", "int8", "all-minilm-l6-v2-q" -> QUANTIZED_NAME;
            case "e5", "e5-small-v2-q" -> E5_NAME;
            default -> null;
        };
    }

    private static String directoryName(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new CiteBotException("model directory not found: " + dir
                    + " (give a folder with " + MODEL_FILE + " and " + TOKENIZER_FILE + ", or fp32, quantized or e5)");
        }
        Path model = dir.resolve(MODEL_FILE);
        Path tokenizer = dir.resolve(TOKENIZER_FILE);
        for (Path file : new Path[] {model, tokenizer}) {
            if (!Files.isReadable(file)) {
                throw new CiteBotException("model file missing or unreadable: " + file);
            }
        }
        try {
            return dir.toAbsolutePath().normalize() + "@" + Files.size(model) + "-"
                    + Files.getLastModifiedTime(model).toMillis();
        } catch (IOException e) {
            throw new CiteBotException("cannot read the model in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A sentence-transformers model from a directory holding {@value #MODEL_FILE} and {@value #TOKENIZER_FILE},
     * with mean pooling. Its name (the embedding cache's key) is made of its path, size and modification time.
     *
     * @throws CiteBotException naming the directory or file when one is missing or unreadable
     */
    public static BertEncoder fromDirectory(Path dir) {
        return fromDirectory(dir, null);
    }

    private static BertEncoder fromDirectory(Path dir, OptimizedGraphs graphs) {
        String name = directoryName(dir);
        try {
            return BertEncoder.load(name, BertEncoder.Graph.of(Files.readAllBytes(dir.resolve(MODEL_FILE))),
                    Files.readAllBytes(dir.resolve(TOKENIZER_FILE)), Convention.SENTENCE_TRANSFORMERS, cores(), graphs);
        } catch (IOException | RuntimeException e) {
            // The loader's own message names the model by its cache key; the user knows it by its folder.
            Throwable reason = e instanceof IllegalStateException && e.getCause() != null ? e.getCause() : e;
            throw new CiteBotException("cannot load the model in " + dir + ": " + reason.getMessage(), e);
        }
    }

    private static BertEncoder fromClasspath(String name, String resource, Convention convention,
                                             OptimizedGraphs graphs) {
        Path onnx = file(resource + ".onnx");
        Path tokenizer = file(resource + "-tokenizer.json");
        if (onnx != null && tokenizer != null) {
            try {
                return BertEncoder.load(name, BertEncoder.Graph.of(onnx), Files.readAllBytes(tokenizer),
                        convention, cores(), graphs);
            } catch (IOException e) {
                throw new CiteBotException("cannot read the bundled model file " + tokenizer + ": " + e.getMessage(), e);
            }
        }
        return BertEncoder.load(name, BertEncoder.Graph.of(resource(resource + ".onnx")),
                resource(resource + "-tokenizer.json"), convention, cores(), graphs);
    }

    /**
     * A bundled model file as a plain file, which ONNX Runtime reads far faster than the same file inflated from
     * its jar at every start: the launcher's unpacked copy ({@value #UNPACKED_PROPERTY}), else a copy unpacked
     * once into the cache folder ({@code models/} in {@link EmbeddingCache#defaultDirectory()}), named by the
     * entry's CRC so that another version of the model never passes for it. Null when neither can be had (read
     * it from the class path then).
     */
    static Path file(String resource) {
        String unpacked = System.getProperty(UNPACKED_PROPERTY);
        if (unpacked != null && Files.isReadable(Path.of(unpacked, resource))) {
            return Path.of(unpacked, resource);
        }
        return unpackedOnce(resource, EmbeddingCache.defaultDirectory().resolve("models"));
    }

    static Path unpackedOnce(String resource, Path folder) {
        URL url = Models.class.getClassLoader().getResource(resource);
        if (url == null) {
            return null;
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            URLConnection connection = url.openConnection();
            if (!(connection instanceof JarURLConnection jar)) {
                return null;
            }
            JarEntry entry = jar.getJarEntry();
            Path file = folder.resolve(String.format("%08x-%s", entry.getCrc(), resource));
            if (Files.isReadable(file) && Files.size(file) == entry.getSize()) {
                return file;
            }
            // Renamed into place whole: another process starting meanwhile sees no file or the whole file.
            AtomicFile.write(file, temp -> {
                try (InputStream in = connection.getInputStream()) {
                    Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
                }
            });
            LOG.info("unpacked the bundled {} into {}", resource, folder);
            return file;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            LOG.debug("cannot unpack the bundled {} into {}: reading it from the class path", resource, folder, e);
            return null;
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Models.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new CiteBotException("the bundled model file " + name + " is missing from the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new CiteBotException("cannot read the bundled model file " + name + ": " + e.getMessage(), e);
        }
    }

    private static int cores() {
        return Runtime.getRuntime().availableProcessors();
    }
}
