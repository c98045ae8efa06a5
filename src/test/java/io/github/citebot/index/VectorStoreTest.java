package io.github.citebot.index;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class VectorStoreTest {

    @Test
    void small_store_gives_the_same_matches_and_scores_as_langchain4j_in_memory_store() {
        SyntheticVectors data = new SyntheticVectors(64, 7);
        VectorStore ours = new VectorStore();
        InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();
        List<String> ids = new ArrayList<>();
        List<Embedding> vectors = new ArrayList<>();
        List<TextSegment> segments = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            ids.add("s" + i);
            vectors.add(Embedding.from(data.vector()));
            segments.add(TextSegment.from("sentence " + i));
        }
        ours.addAll(ids, vectors, segments);
        reference.addAll(ids, vectors, segments);
        for (int t = 0; t < 20; t++) {
            Embedding q = Embedding.from(data.near(vectors.get(t * 37).vector()));
            List<EmbeddingMatch<TextSegment>> a = search(ours, q, 10);
            List<EmbeddingMatch<TextSegment>> b = search(reference, q, 10);
            assertThat(a).extracting(EmbeddingMatch::embeddingId).containsExactlyElementsOf(
                    b.stream().map(EmbeddingMatch::embeddingId).toList());
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).score()).isCloseTo(b.get(i).score(), within(1e-5));
                assertThat(a.get(i).embedding().vector()).containsExactly(b.get(i).embedding().vector());
                assertThat(a.get(i).embedded()).isEqualTo(b.get(i).embedded());
            }
        }
    }

    @Test
    void vectors_added_in_batches_of_every_size_are_kept_whole_as_the_store_grows() {
        SyntheticVectors data = new SyntheticVectors(64, 3);
        VectorStore ours = new VectorStore();
        InMemoryEmbeddingStore<TextSegment> reference = new InMemoryEmbeddingStore<>();
        List<Embedding> all = new ArrayList<>();
        for (int batch = 1, n = 0; n < 700; n += batch, batch++) {
            List<String> ids = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            List<TextSegment> segments = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                ids.add("s" + (n + i));
                vectors.add(Embedding.from(data.vector()));
                segments.add(TextSegment.from("sentence " + (n + i)));
            }
            ours.addAll(ids, vectors, segments);
            reference.addAll(ids, vectors, segments);
            all.addAll(vectors);
        }
        assertThat(ours.size()).isEqualTo(all.size());
        for (int t = 0; t < all.size(); t += 23) {
            Embedding q = all.get(t);
            assertThat(search(ours, q, 5)).extracting(EmbeddingMatch::embeddingId).containsExactlyElementsOf(
                    search(reference, q, 5).stream().map(EmbeddingMatch::embeddingId).toList());
            assertThat(search(ours, q, 1).get(0).embedding().vector()).containsExactly(q.vector());
        }
    }

    @Test
    void sign_bit_search_keeps_recall_at_10_above_0_95_against_exact_search() {
        SyntheticVectors data = new SyntheticVectors(384, 11);
        VectorStore approximate = new VectorStore(1000);
        VectorStore exact = new VectorStore(Integer.MAX_VALUE);
        List<float[]> added = new ArrayList<>();
        for (int batch = 0; batch < 4; batch++) {
            List<String> ids = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                float[] v = data.vector();
                added.add(v);
                ids.add("v" + (batch * 5000 + i));
                vectors.add(Embedding.from(v));
            }
            approximate.addAll(ids, vectors, null);
            exact.addAll(ids, vectors, null);
        }
        double recall = 0;
        int queries = 100;
        for (int t = 0; t < queries; t++) {
            Embedding q = Embedding.from(data.near(added.get(t * 191).clone()));
            Set<String> truth = new HashSet<>(search(exact, q, 10).stream().map(EmbeddingMatch::embeddingId).toList());
            long found = search(approximate, q, 10).stream().map(EmbeddingMatch::embeddingId).filter(truth::contains).count();
            recall += found / 10.0;
        }
        assertThat(recall / queries).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void adding_an_id_again_replaces_it_and_removed_ids_are_not_found() {
        VectorStore store = new VectorStore();
        store.add("a", Embedding.from(new float[] {1, 0, 0}));
        store.add("b", Embedding.from(new float[] {0, 1, 0}));
        store.add("a", Embedding.from(new float[] {0, 0, 1}));
        assertThat(store.size()).isEqualTo(2);
        List<EmbeddingMatch<TextSegment>> hits = search(store, Embedding.from(new float[] {0, 0, 1}), 3);
        assertThat(hits.get(0).embeddingId()).isEqualTo("a");
        assertThat(hits.get(0).score()).isCloseTo(1.0, within(1e-6));
        assertThat(hits).extracting(EmbeddingMatch::embeddingId).containsExactly("a", "b");

        store.removeAll(List.of("a"));
        assertThat(search(store, Embedding.from(new float[] {0, 0, 1}), 3)).extracting(EmbeddingMatch::embeddingId)
                .containsExactly("b");
    }

    @Test
    void min_score_and_dimension_are_checked() {
        VectorStore store = new VectorStore();
        store.add("x", Embedding.from(new float[] {1, 0}));
        store.add("y", Embedding.from(new float[] {-1, 0}));
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0}))
                .maxResults(5).minScore(0.5).build()).matches()).extracting(EmbeddingMatch::embeddingId).containsExactly("x");
        assertThatThrownBy(() -> store.add("z", Embedding.from(new float[] {1, 0, 0})))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimensions");
    }

    static List<EmbeddingMatch<TextSegment>> search(EmbeddingStore<TextSegment> store, Embedding q, int k) {
        return store.search(EmbeddingSearchRequest.builder().queryEmbedding(q).maxResults(k).minScore(0.0).build()).matches();
    }
}
