package io.github.citebot.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchConfiguration;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchConfigurationKnn;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchEmbeddingStore;
import io.github.citebot.CiteBotException;
import io.github.citebot.corpus.Sentence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.StringReader;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One build of the served index. Sentences the alias's index already holds (same document id) are not sent
 * again; the others go into a new index, created on the first of them. At {@link #commit()} the kept documents
 * are copied into the new index, which is refreshed and then swapped in for the old one under the alias in one
 * atomic step; until then searches see only the old index. A build that finds nothing new and nothing removed
 * leaves the served index as it is.
 */
final class IndexBuild {

    private static final Logger LOG = LoggerFactory.getLogger(IndexBuild.class);

    /** The field LangChain4j's store keeps a segment's metadata in. */
    static final String METADATA = "metadata";
    private static final int COPY_BATCH = 500;
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd't'HHmmssSSS");

    /**
     * The index: the store's fields (vector, text, metadata) with the vector in an HNSW graph of full-precision
     * floats (not the int8 default, so kNN scores are the exact cosine), and BM25 on the text with the standard
     * analyzer less English stop words (this distribution has no language analyzers). Not refreshed while it is
     * built.
     */
    private static final String INDEX_BODY = """
            {"settings": {"index": {"refresh_interval": "-1"},
                          "analysis": {"analyzer": {"citebot_text": {"type": "standard", "stopwords": "_english_"}}}},
             "mappings": {"dynamic": "strict", "properties": {
                "vector": {"type": "dense_vector", "dims": %d, "index": true, "similarity": "cosine",
                           "index_options": {"type": "hnsw"}},
                "text": {"type": "text", "analyzer": "citebot_text"},
                "metadata": {"properties": {"sid": {"type": "keyword"}}}}}}
            """;

    private final ElasticsearchClient client;
    private final String alias;
    private final Retrying retrying;
    /** The concrete index the alias points at as the build starts, or null on the first build. */
    private final String live;
    private final List<String> kept = new ArrayList<>();
    private String staging;
    private ElasticsearchEmbeddingStore writer;
    private int indexed;

    IndexBuild(ElasticsearchClient client, String alias, Retrying retrying) {
        this.client = client;
        this.alias = alias;
        this.retrying = retrying;
        this.live = served();
    }

    private String served() {
        return retrying.call(() -> {
            if (!client.indices().existsAlias(a -> a.name(alias)).value()) {
                return null;
            }
            Set<String> indices = client.indices().getAlias(a -> a.name(alias)).aliases().keySet();
            if (indices.size() != 1) {
                throw new CiteBotException("alias " + alias + " points at " + indices.size()
                        + " indices; citebot serves one: remove the others from the alias");
            }
            return indices.iterator().next();
        });
    }

    /** Sends the sentences the served index lacks to the new index; remembers the others to copy. */
    void add(List<Sentence> sentences, List<Embedding> embeddings, List<String> ids) {
        Set<String> present = live == null ? Set.of() : present(ids);
        List<String> newIds = new ArrayList<>();
        List<Embedding> newEmbeddings = new ArrayList<>();
        List<TextSegment> newSegments = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (present.contains(ids.get(i))) {
                kept.add(ids.get(i));
            } else {
                Sentence s = sentences.get(i);
                newIds.add(ids.get(i));
                newEmbeddings.add(embeddings.get(i));
                newSegments.add(TextSegment.from(s.text(), Metadata.from(ElasticsearchBackend.SENTENCE_ID, s.id())));
            }
        }
        if (!newIds.isEmpty()) {
            createStaging(newEmbeddings.get(0).dimension());
            // Indexing under the same ids again is harmless, so a failed bulk request can be retried.
            retrying.call(() -> {
                writer.addAll(newIds, newEmbeddings, newSegments);
                return null;
            });
            indexed += newIds.size();
        }
    }

    /** Of these document ids, the ones the served index holds. */
    private Set<String> present(List<String> ids) {
        MgetResponse<ObjectNode> response = retrying.call(() ->
                client.mget(m -> m.index(live).ids(ids).source(s -> s.fetch(false)), ObjectNode.class));
        Set<String> present = new HashSet<>();
        for (MultiGetResponseItem<ObjectNode> item : response.docs()) {
            if (item.isResult() && item.result().found()) {
                present.add(item.result().id());
            }
        }
        return present;
    }

    private void createStaging(int dimension) {
        if (staging != null) {
            return;
        }
        String name = alias + "-" + ZonedDateTime.now(ZoneOffset.UTC).format(SUFFIX);
        String body = String.format(INDEX_BODY, dimension);
        retrying.call(() -> client.indices().create(c -> c.index(name).withJson(new StringReader(body))));
        staging = name;
        writer = ElasticsearchEmbeddingStore.builder().client(client).indexName(name)
                .configuration(ElasticsearchConfigurationKnn.builder().build()).build();
        LOG.info("building Elasticsearch index {} for alias {}", name, alias);
    }

    /**
     * Makes the built index the served one. With nothing new and nothing removed, the served index stays.
     *
     * @return what the build did
     */
    IngestReport commit() {
        try {
            if (staging == null && live != null && kept.size() == count(live)) {
                LOG.info("Elasticsearch index {} already holds all {} sentences", live, kept.size());
                return new IngestReport(live, 0, kept.size(), false);
            }
            copyKept();
            String built = staging;
            retrying.call(() -> client.indices().putSettings(s -> s.index(built)
                    .settings(i -> i.refreshInterval(t -> t.time("1s")))));
            retrying.call(() -> client.indices().refresh(r -> r.index(built)));
            retrying.call(() -> client.indices().updateAliases(u -> {
                if (live != null) {
                    u.actions(a -> a.remove(r -> r.index(live).alias(alias)));
                }
                return u.actions(a -> a.add(r -> r.index(built).alias(alias)));
            }));
            if (live != null) {
                retrying.call(() -> client.indices().delete(d -> d.index(live)));
            }
            LOG.info("alias {} now serves {}: {} sentences indexed, {} kept", alias, built, indexed, kept.size());
            return new IngestReport(built, indexed, kept.size(), true);
        } catch (RuntimeException e) {
            abandon();
            throw e;
        }
    }

    /** Copies the documents kept from the served index into the new one, as they are (no new embedding). */
    private void copyKept() {
        for (int from = 0; from < kept.size(); from += COPY_BATCH) {
            List<String> ids = kept.subList(from, Math.min(kept.size(), from + COPY_BATCH));
            MgetResponse<ObjectNode> docs = retrying.call(() -> client.mget(m -> m.index(live).ids(ids), ObjectNode.class));
            BulkRequest.Builder bulk = new BulkRequest.Builder();
            for (MultiGetResponseItem<ObjectNode> item : docs.docs()) {
                if (!item.isResult() || !item.result().found()) {
                    throw new CiteBotException("a sentence vanished from " + live
                            + " while citebot was indexing (another process changed it): run again");
                }
                ObjectNode source = item.result().source();
                createStaging(source.path(ElasticsearchConfiguration.VECTOR_FIELD).size());
                bulk.operations(op -> op.index(i -> i.index(staging).id(item.result().id()).document(source)));
            }
            BulkResponse response = retrying.call(() -> client.bulk(bulk.build()));
            if (response.errors()) {
                throw new CiteBotException("Elasticsearch refused to copy documents into " + staging + ": "
                        + response.items().stream().filter(i -> i.error() != null).findFirst()
                        .map(i -> i.error().reason()).orElse("unknown reason"));
            }
        }
        if (staging == null) {
            throw new IllegalStateException("a build with no sentences");
        }
    }

    /** Deletes the index being built, if any; the served one stays as it was. Best effort. */
    void abandon() {
        if (staging == null) {
            return;
        }
        try {
            client.indices().delete(d -> d.index(staging));
        } catch (Exception e) {
            LOG.warn("could not delete the unfinished index {}: {}", staging, Retrying.oneLine(e));
        }
        staging = null;
    }

    private long count(String index) {
        return retrying.call(() -> client.count(c -> c.index(index)).count());
    }
}
