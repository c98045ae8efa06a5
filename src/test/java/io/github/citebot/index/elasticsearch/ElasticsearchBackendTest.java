package io.github.citebot.index.elasticsearch;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.CosineSimilarity;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.Hit;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.embedding.Models;
import io.github.citebot.index.SentenceIndex;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Elasticsearch backend against a real single node: searches, and builds that send only what is new. */
@ExtendWith(SharedNode.class)
class ElasticsearchBackendTest {

    private static EmbeddingModel model;
    private static List<Article> seeds;
    private static ElasticsearchNode node;

    @BeforeAll
    static void setUp(ElasticsearchNode shared) {
        node = shared;
        model = Models.bundled();
        seeds = new CorpusLoader().load(Path.of("seeds"));
    }

    private static ElasticsearchBackend connect(String alias) {
        return ElasticsearchBackend.connect(node.url(), alias, Models.DEFAULT_NAME);
    }

    private static int sentences(List<Article> articles) {
        return articles.stream().mapToInt(a -> a.sentences().size()).sum();
    }

    @Test
    void dense_search_scores_by_cosine_similarity_and_returns_the_embedding() {
        try (ElasticsearchBackend es = connect("dense")) {
            SentenceIndex.build(seeds, model, es, IndexProgress.NONE);
            Embedding query = model.embed("Why did Kim Jong Un not go to Moscow?").content();

            List<Hit> hits = es.dense(query, 5);

            assertThat(hits).hasSize(5);
            for (Hit h : hits) {
                assertThat(h.embedding().vector()).hasSize(query.dimension());
                assertThat(h.score()).isCloseTo(CosineSimilarity.between(query, h.embedding()), within(1e-4));
                assertThat(h.id()).matches(".+#\\d+");
            }
            assertThat(hits).extracting(Hit::score).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        }
    }

    @Test
    void lexical_search_finds_the_sentences_holding_the_words() {
        try (ElasticsearchBackend es = connect("lexical")) {
            SentenceIndex index = SentenceIndex.build(seeds, model, es, IndexProgress.NONE);

            List<Hit> hits = es.lexical("Peskov", 10);

            assertThat(hits).isNotEmpty();
            assertThat(hits).allSatisfy(h -> assertThat(index.sentence(h.id()).text()).contains("Peskov"));
        }
    }

    @Test
    void building_the_same_corpus_again_indexes_nothing_and_keeps_the_served_index() {
        try (ElasticsearchBackend first = connect("again"); ElasticsearchBackend second = connect("again")) {
            SentenceIndex.build(seeds, model, first, IndexProgress.NONE);
            IngestReport built = first.lastIngest();
            SentenceIndex.build(seeds, model, second, IndexProgress.NONE);
            IngestReport rebuilt = second.lastIngest();

            assertThat(built.indexed()).isEqualTo(sentences(seeds));
            assertThat(rebuilt.indexed()).isZero();
            assertThat(rebuilt.kept()).isEqualTo(sentences(seeds));
            assertThat(rebuilt.switched()).isFalse();
            assertThat(rebuilt.index()).isEqualTo(built.index());
            assertThat(second.size()).isEqualTo(sentences(seeds));
        }
    }

    @Test
    void a_changed_corpus_sends_only_its_new_sentences_and_switches_the_alias() {
        List<Article> three = seeds.subList(0, 3);
        try (ElasticsearchBackend es = connect("changed")) {
            SentenceIndex.build(three, model, es, IndexProgress.NONE);
            String before = es.lastIngest().index();

            SentenceIndex.build(seeds, model, es, IndexProgress.NONE);
            IngestReport grown = es.lastIngest();

            assertThat(grown.indexed()).isEqualTo(seeds.get(3).sentences().size());
            assertThat(grown.kept()).isEqualTo(sentences(three));
            assertThat(grown.switched()).isTrue();
            assertThat(grown.index()).isNotEqualTo(before);
            assertThat(node.request("GET", "/_alias/changed", null)).contains(grown.index()).doesNotContain(before);
            assertThat(node.request("GET", "/_cat/indices/changed-*?h=index", null).strip()).isEqualTo(grown.index());
            assertThat(es.size()).isEqualTo(sentences(seeds));

            SentenceIndex.build(three, model, es, IndexProgress.NONE);
            IngestReport shrunk = es.lastIngest();

            assertThat(shrunk.indexed()).isZero();
            assertThat(shrunk.switched()).isTrue();
            assertThat(es.size()).isEqualTo(sentences(three));
        }
    }

    @Test
    void a_build_in_progress_is_not_served_until_it_is_committed() {
        List<Article> three = seeds.subList(0, 3);
        Article fourth = seeds.get(3);
        try (ElasticsearchBackend serving = connect("staged"); ElasticsearchBackend building = connect("staged")) {
            SentenceIndex.build(three, model, serving, IndexProgress.NONE);
            Sentence added = fourth.sentences().get(0);

            for (Article a : seeds) {
                List<Embedding> embeddings = a.sentences().stream().map(s -> model.embed(s.text()).content()).toList();
                building.add(a.sentences(), embeddings);
            }

            assertThat(serving.size()).isEqualTo(sentences(three));
            assertThat(serving.lexical(added.text(), 50)).extracting(Hit::id).doesNotContain(added.id());

            building.commit();

            assertThat(serving.size()).isEqualTo(sentences(seeds));
            assertThat(serving.lexical(added.text(), 50)).extracting(Hit::id).contains(added.id());
        }
    }
}
