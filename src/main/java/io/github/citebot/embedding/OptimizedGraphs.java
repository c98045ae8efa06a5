package io.github.citebot.embedding;

import io.github.citebot.AtomicFile;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.CRC32C;

/**
 * ONNX graphs as ONNX Runtime optimised them, kept in a folder in ONNX Runtime's own format so that later starts
 * neither parse nor optimise the ONNX file. The first load of a model optimises it and has ONNX Runtime write the
 * result as an ORT-format file; later loads map that file into memory and open it with optimisation off, ONNX
 * Runtime reading the weights from the mapped file in place (measured here: about a fifth of the CPU time of
 * opening the ONNX file, 60 ms instead of 320 ms for all-MiniLM-L6-v2). The file is keyed by the model's name
 * and weights, the ONNX Runtime version and the CPU's instruction-set flags.
 *
 * <p>A file is used only when its checksum (in a small file beside it) matches; a missing, partial or damaged one
 * is rebuilt and replaced by renaming, so another process sees the old file or the new one, never a mix. A graph
 * that cannot be written (a read-only folder) is reported as a warning and the model loads as before.
 *
 * <p>Thread-safe.
 */
public final class OptimizedGraphs {

    private static final Logger LOG = LoggerFactory.getLogger(OptimizedGraphs.class);

    private final Path directory;

    /** Optimised graphs kept in this folder (made when first needed). */
    public OptimizedGraphs(Path directory) {
        this.directory = directory;
    }

    /** The optimised graphs kept in a cache folder (in its {@code graphs} subfolder). */
    public static OptimizedGraphs in(Path cacheDirectory) {
        return new OptimizedGraphs(cacheDirectory.resolve("graphs"));
    }

    /** The folder the graphs are kept in. */
    public Path directory() {
        return directory;
    }

    /** Makes session options at an optimisation level. */
    interface Options {
        OrtSession.SessionOptions at(OrtSession.SessionOptions.OptLevel level) throws OrtException;
    }

    /** The file a model's optimised graph is kept in. */
    Path file(String modelName, BertEncoder.Graph graph) {
        String key = modelName + "\n" + graph.identity() + "\n" + OrtEnvironment.getEnvironment().getVersion() + "\n"
                + System.getProperty("os.arch") + "\n" + cpuFlags();
        String readable = modelName.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 40) {
            readable = readable.substring(readable.length() - 40);
        }
        return directory.resolve("graph-" + readable + "-" + sha256(key).substring(0, 16) + ".ort");
    }

    /**
     * A session on a model's graph, with the memory it reads its weights from (which must stay reachable while
     * the session is open), or null bytes when ONNX Runtime holds its own copy.
     */
    record Opened(OrtSession session, ByteBuffer bytes) {
    }

    /** A session on the model's graph: the optimised file when it is sound, else the graph optimised (and kept). */
    Opened open(String modelName, BertEncoder.Graph graph, Options options) throws OrtException {
        Path file = file(modelName, graph);
        Path check = checksumFile(file);
        ByteBuffer mapped = soundMapping(file, check);
        if (mapped != null) {
            try {
                OrtSession.SessionOptions o = options.at(OrtSession.SessionOptions.OptLevel.NO_OPT);
                o.addConfigEntry("session.use_ort_model_bytes_directly", "1");
                o.addConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
                return new Opened(OrtEnvironment.getEnvironment().createSession(mapped, o), mapped);
            } catch (OrtException e) {
                LOG.warn("cannot open the optimised graph {} ({}); optimising the model again", file, e.getMessage());
            }
        }
        Path tmp = null;
        try {
            Files.createDirectories(directory);
            tmp = Files.createTempFile(directory, file.getFileName().toString(), ".tmp.ort");
        } catch (IOException e) {
            LOG.warn("cannot keep the optimised graph in {}: {}", directory, e.toString());
        }
        // Extended, not all: the layout transformations of "all" are for convolutions and tie the file to this CPU.
        OrtSession.SessionOptions o = options.at(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
        if (tmp != null) {
            o.setOptimizedModelFilePath(tmp.toString());
            o.addConfigEntry("session.save_model_format", "ORT");
        }
        OrtSession session;
        try {
            session = graph.open(o);
        } catch (OrtException | RuntimeException e) {
            deleteQuietly(tmp);
            throw e;
        }
        if (tmp != null) {
            keep(tmp, file, check);
        }
        return new Opened(session, null);
    }

    /** Moves a freshly written graph into place, its checksum first: a graph without a matching one is not used. */
    private static void keep(Path tmp, Path file, Path check) {
        Path checkTmp = null;
        try {
            checkTmp = Files.createTempFile(check.getParent(), check.getFileName().toString(), ".tmp");
            Files.write(checkTmp, checksum(tmp).getBytes(StandardCharsets.US_ASCII));
            AtomicFile.move(checkTmp, check);
            AtomicFile.move(tmp, file);
        } catch (IOException e) {
            LOG.warn("cannot keep the optimised graph {}: {}", file, e.toString());
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(checkTmp);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            if (p != null) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete a temporary file", e);
        }
    }

    private static Path checksumFile(Path file) {
        return file.resolveSibling(file.getFileName() + ".crc");
    }

    /**
     * The graph file mapped into memory, when it is there, whole and unchanged since it was written; else null. It
     * is checked on the mapping ONNX Runtime then reads its weights from, so a start reads the file once, in place
     * (checking a copy read through a buffer first copied all 90 MB of it again).
     */
    private static ByteBuffer soundMapping(Path file, Path check) {
        if (!Files.isRegularFile(file) || !Files.isRegularFile(check)) {
            return null;
        }
        try {
            ByteBuffer mapped = map(file);
            if (Files.readString(check, StandardCharsets.US_ASCII).strip().equals(checksum(mapped))) {
                return mapped;
            }
            LOG.warn("the optimised graph {} is damaged or partial; optimising the model again", file);
            return null;
        } catch (IOException e) {
            LOG.warn("cannot open the optimised graph {} ({}); optimising the model again", file, e.getMessage());
            return null;
        }
    }

    private static ByteBuffer map(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size());
        }
    }

    /**
     * Size and CRC-32C of a file just written (CRC-32C runs at memory speed here: about 10 ms for 90 MB). Read
     * through a buffer, not mapped: a mapped file cannot be renamed into place on some systems until the mapping
     * is collected.
     */
    private static String checksum(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            while (ch.read(buf) >= 0) {
                buf.flip();
                crc.update(buf);
                buf.clear();
            }
            return checksum(ch.size(), crc);
        }
    }

    /** Size and CRC-32C of the bytes of a mapped file. */
    private static String checksum(ByteBuffer bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate());
        return checksum(bytes.capacity(), crc);
    }

    private static String checksum(long size, CRC32C crc) {
        return size + "-" + Long.toHexString(crc.getValue());
    }

    /** The CPU's instruction-set flags (Linux), which decide the kernels an optimised graph may use. */
    static String cpuFlags() {
        try (var lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("flags") || l.startsWith("Features")).findFirst().orElse("");
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
