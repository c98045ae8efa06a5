package io.github.citebot.embedding;

import io.github.citebot.AtomicFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Sentence embeddings kept on disk, keyed by the model's name and the SHA-256 of the sentence text, so a second
 * start embeds nothing and an edited article re-embeds only its new sentences.
 *
 * <p>One file per model: a header (magic, version, dimension, count, model name), the entries (a 16-byte hash
 * and the vector), and a CRC-32C of all of it. A file that is truncated, corrupted, of another format or of
 * another model is ignored with a warning and rewritten at the next {@link #save}; it never fails a start or
 * gives a wrong vector. {@link #save} writes a temporary file beside the cache and renames it into place, so a
 * reader, another process included, sees the old file or the new one, never a mix; a process that saves merges
 * what others saved meanwhile, and when two save at the same moment the last rename wins, which costs at most
 * some re-embedding later.
 *
 * <p>Thread-safe.
 */
public final class EmbeddingCache {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final long MAGIC = 0x4349544542455631L; // "CITEBEV1"
    private static final int VERSION = 1;
    private static final int KEY_BYTES = 16;
    /** Entries kept beyond those this process used, so a few corpora can share one cache without thrashing. */
    static final int MAX_UNUSED = 200_000;
    /** {@link #saveIfDue} saves once the time since the last save is this many times what that save took. */
    private static final int SAVE_COST_RATIO = 10;

    private final Path file;
    private final String model;
    private final Map<Key, float[]> entries = new ConcurrentHashMap<>();
    private final Set<Key> used = ConcurrentHashMap.newKeySet();
    private volatile boolean dirty;
    /** When the last save ended and how long it took, for {@link #saveIfDue}; guarded by this. */
    private long savedAt = System.nanoTime();
    private long saveNanos;
    /** Set when a save failed: {@link #saveIfDue} stops trying (and warning) until the final {@link #save}. */
    private boolean failed;

    private EmbeddingCache(Path file, String model) {
        this.file = file;
        this.model = model;
    }

    /** The default folder: {@code $XDG_CACHE_HOME/citebot}, else {@code ~/.cache/citebot}. */
    public static Path defaultDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("citebot");
    }

    /**
     * The cache of one model in a folder, with what an earlier run saved there (nothing when the file is
     * missing or damaged; a damaged file is reported as a warning).
     */
    public static EmbeddingCache open(Path directory, String modelName) {
        EmbeddingCache cache = new EmbeddingCache(directory.resolve(fileName(modelName)), modelName);
        cache.entries.putAll(cache.read(true));
        return cache;
    }

    /** A cache that keeps vectors in memory only, for this process. */
    public static EmbeddingCache inMemory(String modelName) {
        return new EmbeddingCache(null, modelName);
    }

    /** The file this cache is saved to, or null for an in-memory cache. */
    public Path file() {
        return file;
    }

    /** The vector of a text, or null when it is not cached. */
    public float[] get(String text) {
        Key k = Key.of(text);
        float[] v = entries.get(k);
        if (v != null) {
            used.add(k);
        }
        return v;
    }

    /** Remembers the vector of a text (saved at the next {@link #save}). */
    public void put(String text, float[] vector) {
        Key k = Key.of(text);
        entries.put(k, vector.clone());
        used.add(k);
        dirty = true;
    }

    /** The number of vectors held. */
    public int size() {
        return entries.size();
    }

    /**
     * Saves what was added, as {@link #save} does, if enough time has passed since the last save: a long indexing
     * run saves as it goes, so an interruption loses little, while saving (which rewrites the whole file) costs
     * at most about a tenth of the time.
     */
    public synchronized void saveIfDue() {
        if (!failed && System.nanoTime() - savedAt >= SAVE_COST_RATIO * saveNanos) {
            save();
        }
    }

    /**
     * Writes the cache to disk if anything was added since it was opened or last saved, merged with what other
     * processes saved meanwhile. A cache that cannot be written is reported as a warning: indexing goes on.
     */
    public synchronized void save() {
        if (file == null || !dirty) {
            return;
        }
        long start = System.nanoTime();
        Map<Key, float[]> merged = new LinkedHashMap<>();
        // Entries in use first, then the others (ours, then those saved by other processes) up to a bound.
        for (Key k : used) {
            float[] v = entries.get(k);
            if (v != null) {
                merged.put(k, v);
            }
        }
        int unused = 0;
        for (Map<Key, float[]> source : java.util.List.of(entries, read(false))) {
            for (Map.Entry<Key, float[]> e : source.entrySet()) {
                if (unused < MAX_UNUSED && merged.putIfAbsent(e.getKey(), e.getValue()) == null) {
                    unused++;
                }
            }
        }
        try {
            AtomicFile.write(file, tmp -> write(tmp, merged));
            dirty = false;
            failed = false;
        } catch (IOException | RuntimeException e) {
            failed = true;
            LOG.warn("cannot save the embedding cache {}: {}; it will be rebuilt next time", file, e.toString());
        } finally {
            savedAt = System.nanoTime();
            saveNanos = savedAt - start;
        }
    }

    private void write(Path tmp, Map<Key, float[]> merged) throws IOException {
        int dim = merged.isEmpty() ? 0 : merged.values().iterator().next().length;
        byte[] name = model.getBytes(StandardCharsets.UTF_8);
        long size = 8 + 4 + 4 + 4 + 4 + name.length + (long) merged.size() * (KEY_BYTES + 4L * dim) + 8;
        ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(size)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(MAGIC).putInt(VERSION).putInt(dim).putInt(merged.size()).putInt(name.length).put(name);
        for (Map.Entry<Key, float[]> e : merged.entrySet()) {
            buf.putLong(e.getKey().hi).putLong(e.getKey().lo);
            buf.asFloatBuffer().put(e.getValue());
            buf.position(buf.position() + 4 * dim);
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, buf.position());
        buf.putLong(crc.getValue());
        // A stream, not a FileChannel: an interrupted thread (a build being stopped) can still save what it made.
        try (FileOutputStream out = new FileOutputStream(tmp.toFile())) {
            out.write(buf.array(), 0, buf.position());
            out.getFD().sync();
        }
    }

    /** The entries in the file; none, with a warning if asked, when it is missing or damaged. */
    private Map<Key, float[]> read(boolean warn) {
        if (file == null) {
            return Map.of();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Map.of();
        } catch (IOException e) {
            if (warn) {
                LOG.warn("cannot read the embedding cache {}: {}; rebuilding it", file, e.toString());
            }
            return Map.of();
        }
        try {
            return parse(bytes);
        } catch (RuntimeException e) {
            if (warn) {
                LOG.warn("the embedding cache {} is damaged ({}); rebuilding it", file, e.getMessage());
            }
            return Map.of();
        }
    }

    private Map<Key, float[]> parse(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 32 || buf.getLong() != MAGIC || buf.getInt() != VERSION) {
            throw new IllegalArgumentException("not a citebot embedding cache of this version");
        }
        int dim = buf.getInt();
        int count = buf.getInt();
        int nameLength = buf.getInt();
        if (dim < 0 || count < 0 || nameLength < 0 || nameLength > bytes.length) {
            throw new IllegalArgumentException("bad header");
        }
        long expected = 8 + 4 + 4 + 4 + 4 + nameLength + (long) count * (KEY_BYTES + 4L * dim) + 8;
        if (expected != bytes.length) {
            throw new IllegalArgumentException("size " + bytes.length + " bytes, expected " + expected + " (truncated?)");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 8);
        if (crc.getValue() != ByteBuffer.wrap(bytes, bytes.length - 8, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()) {
            throw new IllegalArgumentException("checksum mismatch");
        }
        byte[] name = new byte[nameLength];
        buf.get(name);
        if (!model.equals(new String(name, StandardCharsets.UTF_8))) {
            throw new IllegalArgumentException("made with another model");
        }
        Map<Key, float[]> read = new LinkedHashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            Key k = new Key(buf.getLong(), buf.getLong());
            float[] v = new float[dim];
            buf.asFloatBuffer().get(v);
            buf.position(buf.position() + 4 * dim);
            read.put(k, v);
        }
        return read;
    }

    /** A file name that is safe on any file system and distinct for every model name. */
    static String fileName(String modelName) {
        String readable = modelName.replaceAll("[^A-Za-z0-9._-]+", "_");
        if (readable.length() > 40) {
            readable = readable.substring(readable.length() - 40);
        }
        Key k = Key.of(modelName);
        return "embeddings-" + readable + "-" + String.format(Locale.ROOT, "%08x", (int) k.hi) + ".bin";
    }

    /** The first 128 bits of a text's SHA-256. */
    private record Key(long hi, long lo) {
        static Key of(String text) {
            try {
                ByteBuffer d = ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
                return new Key(d.getLong(), d.getLong());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        // Written out: a record's own equals and hashCode are built from method handles at their first call,
        // which costs a start tens of milliseconds.
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.hi == hi && k.lo == lo;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(hi * 31 + lo);
        }
    }
}
