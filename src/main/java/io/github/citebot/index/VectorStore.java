package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * An in-memory {@link EmbeddingStore} for up to a few million vectors, searched by cosine similarity on all
 * cores. Vectors sit in contiguous chunks of one float array each, beside one sign bit per dimension. A small
 * store is scanned exactly; a large one is scanned first by the Hamming distance of the sign bits (six 64-bit
 * words a vector for 384 dimensions, so a million vectors take a few milliseconds), and the closest
 * n / {@value #SHORTLIST_DIVISOR} (at least 1,000) are then re-scored exactly, so scores and order among them are exact.
 *
 * <p>Scores follow {@link dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore}: the relevance
 * {@code (cosine + 1) / 2}. Metadata filters are not supported. Adding a vector under an id that is present
 * replaces it. Thread-safe: searches run in parallel with each other and with adds, and see each add whole.
 */
public final class VectorStore implements EmbeddingStore<TextSegment> {

    /** Below this many vectors every search is exact. */
    public static final int EXACT_BELOW = 32_768;
    /** A store of n vectors re-scores n / this many of them exactly (chosen by measuring recall; see bench). */
    static final int SHORTLIST_DIVISOR = 256;
    private static final int CHUNK_SHIFT = 14;
    private static final int CHUNK = 1 << CHUNK_SHIFT;

    private final int exactBelow;
    private final int shortlistDivisor;
    private volatile Snapshot snapshot = new Snapshot(0, 0, new float[0][], new float[0][], new long[0][],
            new String[0][], new TextSegment[0][], new long[0]);
    private Map<String, Integer> rowOfId;

    /** A store that searches exactly below {@value #EXACT_BELOW} vectors and by sign bits, then exactly, above. */
    public VectorStore() {
        this(EXACT_BELOW);
    }

    /** A store that searches exactly below {@code exactBelow} vectors (tests use a small one). */
    VectorStore(int exactBelow) {
        this(exactBelow, SHORTLIST_DIVISOR);
    }

    VectorStore(int exactBelow, int shortlistDivisor) {
        this.exactBelow = exactBelow;
        this.shortlistDivisor = shortlistDivisor;
    }

    /** Everything a search reads, published at once after each change. */
    private record Snapshot(int size, int dim, float[][] vectors, float[][] inverseNorms, long[][] signs,
                            String[][] ids, TextSegment[][] embedded, long[] removed) {
        int words() {
            return (dim + 63) >>> 6;
        }

        boolean isRemoved(int row) {
            int w = row >>> 6;
            return w < removed.length && (removed[w] & (1L << row)) != 0;
        }
    }

    @Override
    public String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public String add(Embedding embedding, TextSegment embedded) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), java.util.Collections.singletonList(embedded));
        return id;
    }

    @Override
    public List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public synchronized void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> embedded) {
        if (ids.size() != embeddings.size() || embedded != null && embedded.size() != ids.size()) {
            throw new IllegalArgumentException("ids, embeddings and segments must be as many: " + ids.size() + ", "
                    + embeddings.size() + ", " + (embedded == null ? "none" : embedded.size()));
        }
        if (ids.isEmpty()) {
            return;
        }
        Snapshot s = snapshot;
        int dim = s.size == 0 && s.dim == 0 ? embeddings.get(0).dimension() : s.dim;
        removeIds(ids);
        s = snapshot;
        int size = s.size;
        int chunks = (size + ids.size() + CHUNK - 1) >>> CHUNK_SHIFT;
        float[][] vectors = Arrays.copyOf(s.vectors, chunks);
        float[][] norms = Arrays.copyOf(s.inverseNorms, chunks);
        long[][] signs = Arrays.copyOf(s.signs, chunks);
        String[][] idChunks = Arrays.copyOf(s.ids, chunks);
        TextSegment[][] segments = Arrays.copyOf(s.embedded, chunks);
        int words = (dim + 63) >>> 6;
        for (int c = Math.max(0, s.vectors.length - 1); c < chunks; c++) {
            // A chunk holds the next power of two of its rows, grown as rows come: a whole one is 25 MB at 384
            // dimensions, which a small corpus would pay for at every start (zeroing it takes a tenth of a second).
            int rows = Math.min(CHUNK, size + ids.size() - (c << CHUNK_SHIFT));
            if (c >= s.vectors.length) {
                vectors[c] = new float[0];
                norms[c] = new float[0];
                signs[c] = new long[0];
                idChunks[c] = new String[0];
                segments[c] = new TextSegment[0];
            }
            if (norms[c].length < rows) {
                int capacity = Math.min(CHUNK, Integer.highestOneBit(Math.max(1, rows - 1)) << 1);
                vectors[c] = Arrays.copyOf(vectors[c], capacity * dim);
                norms[c] = Arrays.copyOf(norms[c], capacity);
                signs[c] = Arrays.copyOf(signs[c], capacity * words);
                idChunks[c] = Arrays.copyOf(idChunks[c], capacity);
                segments[c] = Arrays.copyOf(segments[c], capacity);
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            float[] v = embeddings.get(i).vector();
            if (v.length != dim) {
                throw new IllegalArgumentException("embedding " + ids.get(i) + " has " + v.length
                        + " dimensions; this store holds " + dim);
            }
            int row = size + i;
            int c = row >>> CHUNK_SHIFT;
            int r = row & (CHUNK - 1);
            System.arraycopy(v, 0, vectors[c], r * dim, dim);
            double norm = 0;
            for (int d = 0; d < dim; d++) {
                norm += v[d] * v[d];
                if (v[d] > 0) {
                    signs[c][r * words + (d >>> 6)] |= 1L << d;
                }
            }
            norms[c][r] = norm > 0 ? (float) (1 / Math.sqrt(norm)) : 0;
            idChunks[c][r] = Objects.requireNonNull(ids.get(i), "id");
            segments[c][r] = embedded == null ? null : embedded.get(i);
            if (rowOfId != null) {
                rowOfId.put(ids.get(i), row);
            }
        }
        snapshot = new Snapshot(size + ids.size(), dim, vectors, norms, signs, idChunks, segments, s.removed);
    }

    @Override
    public synchronized void removeAll(Collection<String> ids) {
        removeIds(ids);
    }

    @Override
    public void removeAll(Filter filter) {
        throw new UnsupportedOperationException("metadata filters are not supported by " + getClass().getSimpleName());
    }

    @Override
    public synchronized void removeAll() {
        Snapshot s = snapshot;
        snapshot = new Snapshot(0, s.dim, new float[0][], new float[0][], new long[0][], new String[0][],
                new TextSegment[0][], new long[0]);
        rowOfId = null;
    }

    private void removeIds(Collection<String> ids) {
        Snapshot s = snapshot;
        if (s.size == 0 || ids.isEmpty()) {
            return;
        }
        if (rowOfId == null) {
            // Built on the first removal only: a store that is only added to does not pay for it.
            rowOfId = new HashMap<>(s.size * 2);
            for (int row = 0; row < s.size; row++) {
                if (!s.isRemoved(row)) {
                    rowOfId.put(s.ids[row >>> CHUNK_SHIFT][row & (CHUNK - 1)], row);
                }
            }
        }
        long[] removed = null;
        for (String id : ids) {
            Integer row = rowOfId.remove(id);
            if (row != null) {
                if (removed == null) {
                    removed = Arrays.copyOf(s.removed, Math.max(s.removed.length, (s.size + 63) >>> 6));
                }
                removed[row >>> 6] |= 1L << row;
            }
        }
        if (removed != null) {
            snapshot = new Snapshot(s.size, s.dim, s.vectors, s.inverseNorms, s.signs, s.ids, s.embedded, removed);
        }
    }

    /** The number of vectors held (removed ones not counted). */
    public int size() {
        Snapshot s = snapshot;
        return s.size - Arrays.stream(s.removed).map(Long::bitCount).mapToInt(x -> (int) x).sum();
    }

    /** How many of the closest vectors by sign bits are re-scored exactly, for a store of {@code n}. */
    private int candidates(int n, int k) {
        return Math.max(Math.max(1000, 40 * k), n / shortlistDivisor);
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        return search(request, false);
    }

    /** A search that scans every vector exactly, however large the store (the reference for recall). */
    public EmbeddingSearchResult<TextSegment> searchExact(EmbeddingSearchRequest request) {
        return search(request, true);
    }

    private EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request, boolean exact) {
        if (request.filter() != null) {
            throw new UnsupportedOperationException("metadata filters are not supported by " + getClass().getSimpleName());
        }
        Snapshot s = snapshot;
        int k = request.maxResults();
        if (s.size == 0 || k <= 0) {
            return new EmbeddingSearchResult<>(List.of());
        }
        float[] q = request.queryEmbedding().vector();
        if (q.length != s.dim) {
            throw new IllegalArgumentException("query has " + q.length + " dimensions; this store holds " + s.dim);
        }
        double qNorm = 0;
        for (float x : q) {
            qNorm += x * x;
        }
        float qInverse = qNorm > 0 ? (float) (1 / Math.sqrt(qNorm)) : 0;
        double minCosine = 2 * request.minScore() - 1;
        int[] rows = exact || s.size < exactBelow ? null : nearestBySigns(s, q, candidates(s.size, k));
        int n = rows == null ? s.size : rows.length;
        int parts = n >= 8192 ? Runtime.getRuntime().availableProcessors() : 1;
        List<List<Scored>> partial = IntStream.range(0, parts).parallel().mapToObj(p -> {
            PriorityQueue<Scored> top = new PriorityQueue<>(k + 1);
            for (int i = (int) ((long) n * p / parts), end = (int) ((long) n * (p + 1) / parts); i < end; i++) {
                int row = rows == null ? i : rows[i];
                if (s.isRemoved(row)) {
                    continue;
                }
                double cosine = cosine(s, row, q, qInverse);
                if (cosine >= minCosine && (top.size() < k || cosine > top.peek().cosine)) {
                    top.add(new Scored(row, cosine));
                    if (top.size() > k) {
                        top.poll();
                    }
                }
            }
            return (List<Scored>) new ArrayList<>(top);
        }).toList();
        List<Scored> all = new ArrayList<>();
        partial.forEach(all::addAll);
        all.sort((a, b) -> a.cosine != b.cosine ? Double.compare(b.cosine, a.cosine) : Integer.compare(a.row, b.row));
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(Math.min(k, all.size()));
        for (Scored sc : all.subList(0, Math.min(k, all.size()))) {
            int c = sc.row >>> CHUNK_SHIFT;
            int r = sc.row & (CHUNK - 1);
            float[] v = Arrays.copyOfRange(s.vectors[c], r * s.dim, (r + 1) * s.dim);
            matches.add(new EmbeddingMatch<>((sc.cosine + 1) / 2, s.ids[c][r], Embedding.from(v), s.embedded[c][r]));
        }
        return new EmbeddingSearchResult<>(matches);
    }

    private static double cosine(Snapshot s, int row, float[] q, float qInverse) {
        float[] chunk = s.vectors[row >>> CHUNK_SHIFT];
        int base = (row & (CHUNK - 1)) * s.dim;
        // Four running sums: independent additions the CPU can overlap.
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int d = 0;
        for (int dim4 = s.dim & ~3; d < dim4; d += 4) {
            a0 += q[d] * chunk[base + d];
            a1 += q[d + 1] * chunk[base + d + 1];
            a2 += q[d + 2] * chunk[base + d + 2];
            a3 += q[d + 3] * chunk[base + d + 3];
        }
        for (; d < s.dim; d++) {
            a0 += q[d] * chunk[base + d];
        }
        return (double) (a0 + a1 + a2 + a3) * qInverse * s.inverseNorms[row >>> CHUNK_SHIFT][row & (CHUNK - 1)];
    }

    /** The rows of about the {@code wanted} vectors whose sign bits differ least from the query's. */
    private static int[] nearestBySigns(Snapshot s, float[] q, int wanted) {
        int words = s.words();
        long[] qs = new long[words];
        for (int d = 0; d < q.length; d++) {
            if (q[d] > 0) {
                qs[d >>> 6] |= 1L << d;
            }
        }
        short[] distance = new short[s.size];
        int chunks = (s.size + CHUNK - 1) >>> CHUNK_SHIFT;
        int[][] histograms = new int[chunks][];
        IntStream.range(0, chunks).parallel().forEach(c -> {
            long[] signs = s.signs[c];
            int[] histogram = new int[s.dim + 1];
            for (int r = 0, rows = Math.min(CHUNK, s.size - (c << CHUNK_SHIFT)); r < rows; r++) {
                int h = 0;
                for (int w = 0, base = r * words; w < words; w++) {
                    h += Long.bitCount(signs[base + w] ^ qs[w]);
                }
                distance[(c << CHUNK_SHIFT) + r] = (short) h;
                histogram[h]++;
            }
            histograms[c] = histogram;
        });
        // The smallest distance that admits at least the wanted number; ties at it are all taken.
        int threshold = 0;
        for (int total = 0; threshold <= s.dim; threshold++) {
            for (int[] h : histograms) {
                total += h[threshold];
            }
            if (total >= wanted) {
                break;
            }
        }
        int limit = threshold;
        return IntStream.range(0, s.size).parallel().filter(row -> distance[row] <= limit).toArray();
    }

    private record Scored(int row, double cosine) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored o) {
            // Worst first, so the queue's head is the one to drop; on equal scores the later row goes first.
            return cosine != o.cosine ? Double.compare(cosine, o.cosine) : Integer.compare(o.row, row);
        }
    }
}
