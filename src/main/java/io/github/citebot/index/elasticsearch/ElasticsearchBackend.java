package io.github.citebot.index.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.SearchType;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest5_client.Rest5ClientTransport;
import co.elastic.clients.transport.rest5_client.low_level.Rest5Client;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchConfiguration;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchConfigurationKnn;
import dev.langchain4j.store.embedding.elasticsearch.ElasticsearchEmbeddingStore;
import io.github.citebot.CiteBotException;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.BackendUnavailableException;
import io.github.citebot.index.Hit;
import io.github.citebot.index.SearchBackend;
import org.apache.hc.core5.util.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Sentences stored and searched in an Elasticsearch 8.x cluster: the embeddings through LangChain4j's
 * {@link ElasticsearchEmbeddingStore} (approximate kNN over an HNSW graph, cosine similarity) and BM25 over the
 * same documents' {@code text} field. Retrieval fuses and re-ranks both searches in Java exactly as it does with
 * the in-memory backend, so the answers are the same; several citebot processes can share one cluster.
 *
 * <pre>{@code
 * SearchBackend es = ElasticsearchBackend.connect("http://127.0.0.1:9200", "citebot", Models.DEFAULT_NAME);
 * CiteBot bot = CiteBot.builder().corpus(Path.of("seeds")).backend(es).build();   // indexes what is new
 * }</pre>
 *
 * <p>citebot serves from an alias ({@code --es-index}, default {@value #DEFAULT_INDEX}) that points at one
 * concrete index. A build sends only the sentences the alias lacks (a document's id is a hash of the model, the
 * source, the position and the text), into a new index beside it, copies over what it keeps, and switches the
 * alias in one step at {@link #commit()}: a half-finished build is never served, and a build with nothing new
 * changes nothing. The index takes the cluster's defaults (or an index template for {@code NAME-*}) for its
 * shards and replicas.
 *
 * <p>Searches that fail because the cluster cannot serve them for now are retried for a moment, then throw
 * {@link BackendUnavailableException}; the next search after the cluster is back succeeds, with no restart.
 * Safe for concurrent searches.
 */
public final class ElasticsearchBackend implements SearchBackend {

    /** The alias served when none is given. */
    public static final String DEFAULT_INDEX = "citebot";
    /** How long a search is retried before the user is told the backend is unavailable. */
    public static final Duration DEFAULT_PATIENCE = Duration.ofSeconds(3);
    /**
     * The 9.x Java client that LangChain4j brings speaks to an 8.x server only with these media types: the REST
     * API's compatibility mode.
     */
    static final String COMPATIBLE_WITH_8 = "application/vnd.elasticsearch+json; compatible-with=8";
    /** The metadata key of the sentence id ({@code source#index}) in each document. */
    static final String SENTENCE_ID = "sid";
    /**
     * HNSW candidates per shard for a kNN search: well above the k retrieval asks for, so the k found are in
     * practice the exact nearest.
     */
    static final int NUM_CANDIDATES = 500;

    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,200}");

    private final Rest5Client rest;
    private final ElasticsearchClient client;
    private final ElasticsearchClient searchClient;
    private final String alias;
    private final String model;
    private final Retrying retrying;
    private IndexBuild build;
    private IngestReport lastIngest;

    private ElasticsearchBackend(Rest5Client rest, String alias, String model, Duration patience) {
        this.rest = rest;
        this.client = new ElasticsearchClient(new Rest5ClientTransport(rest, new JacksonJsonpMapper()))
                .withTransportOptions(o -> o.setHeader("Accept", COMPATIBLE_WITH_8)
                        .setHeader("Content-Type", COMPATIBLE_WITH_8));
        // A search missing a shard would answer from part of the corpus: fail it instead, and retry.
        this.searchClient = client.withTransportOptions(o -> o.setParameter("allow_partial_search_results", "false"));
        this.alias = alias;
        this.model = model;
        this.retrying = new Retrying(patience);
    }

    /**
     * Connects to a cluster and checks that it answers.
     *
     * @param urls  one node's URL, or several separated by commas ({@code http://host:9200,http://host2:9200});
     *              requests go to them in turn and skip a node that does not answer
     * @param alias the alias to serve from (lower case letters, digits, {@code _ . -})
     * @param model the embedding model's name; part of every document id, so another model gets its own index
     * @throws CiteBotException with a one-line message when a URL or the alias is invalid or no node answers
     */
    public static ElasticsearchBackend connect(String urls, String alias, String model) {
        return connect(urls, alias, model, DEFAULT_PATIENCE);
    }

    /** As {@link #connect(String, String, String)}, retrying failed searches for {@code patience}. */
    public static ElasticsearchBackend connect(String urls, String alias, String model, Duration patience) {
        Objects.requireNonNull(model, "model");
        List<URI> nodes = parse(urls);
        if (alias == null || !INDEX_NAME.matcher(alias).matches()) {
            throw new CiteBotException("invalid --es-index '" + alias
                    + "': use lower case letters, digits, '_', '.' or '-', starting with a letter or digit");
        }
        Rest5Client rest = Rest5Client.builder(nodes)
                .setRequestConfigCallback(c -> c.setConnectionRequestTimeout(Timeout.ofSeconds(10))
                        .setResponseTimeout(Timeout.ofSeconds(30)))
                .setConnectionConfigCallback(c -> c.setConnectTimeout(Timeout.ofSeconds(2)))
                .build();
        ElasticsearchBackend backend = new ElasticsearchBackend(rest, alias, model, patience);
        try {
            backend.checkReachable(urls);
            return backend;
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private static List<URI> parse(String urls) {
        if (urls == null || urls.isBlank()) {
            throw new CiteBotException("no Elasticsearch URL: give --es-url URL or set CITEBOT_ES_URL");
        }
        List<URI> nodes = new ArrayList<>();
        for (String url : urls.split(",")) {
            try {
                URI uri = new URI(url.strip());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(url, "expected http://HOST:PORT");
                }
                nodes.add(uri);
            } catch (URISyntaxException e) {
                throw new CiteBotException("invalid --es-url '" + url.strip() + "': expected http://HOST:PORT");
            }
        }
        return nodes;
    }

    private void checkReachable(String urls) {
        try {
            client.cluster().health();
            boolean aliasExists = client.indices().existsAlias(a -> a.name(alias)).value();
            if (!aliasExists && client.indices().exists(e -> e.index(alias)).value()) {
                throw new CiteBotException("--es-index " + alias + " names an index, not an alias citebot made; "
                        + "choose another name");
            }
        } catch (IOException | ElasticsearchException e) {
            throw new CiteBotException("cannot reach Elasticsearch at " + urls + ": " + Retrying.oneLine(e), e);
        }
    }

    /** What the last completed build did, or null when this backend has not built yet. */
    public synchronized IngestReport lastIngest() {
        return lastIngest;
    }

    @Override
    public synchronized void add(List<Sentence> sentences, List<Embedding> embeddings) {
        if (sentences.size() != embeddings.size()) {
            throw new IllegalArgumentException(sentences.size() + " sentences but " + embeddings.size() + " embeddings");
        }
        if (build == null) {
            build = new IndexBuild(client, alias, retrying);
        }
        try {
            build.add(sentences, embeddings, sentences.stream().map(this::documentId).toList());
        } catch (RuntimeException e) {
            build.abandon();
            build = null;
            throw e;
        }
    }

    @Override
    public synchronized void commit() {
        if (build != null) {
            IndexBuild finished = build;
            build = null;
            lastIngest = finished.commit();
        }
    }

    /**
     * A document's id: a hash of the model, the source, the sentence's position and its text, so the same
     * sentence under the same model always gets the same id and any change gives a new one.
     */
    String documentId(Sentence s) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {model, s.source(), Integer.toString(s.index()), s.text()}) {
                sha.update(part.getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    @Override
    public List<Hit> dense(Embedding query, int k) {
        ElasticsearchConfiguration knn = ElasticsearchConfigurationKnn.builder()
                .numCandidates(Math.max(NUM_CANDIDATES, k)).build();
        ElasticsearchEmbeddingStore store = ElasticsearchEmbeddingStore.builder()
                .client(searchClient).indexName(alias).configuration(knn).build();
        EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                .queryEmbedding(query).maxResults(k).minScore(0.0).build();
        List<EmbeddingMatch<TextSegment>> matches = retrying.call(() -> store.search(request).matches());
        List<Hit> hits = new ArrayList<>(matches.size());
        for (EmbeddingMatch<TextSegment> m : matches) {
            // Elasticsearch scores cosine similarity as (1 + cosine) / 2; report the cosine itself.
            hits.add(new Hit(m.embedded().metadata().getString(SENTENCE_ID),
                    2 * m.score() - 1, m.embedding()));
        }
        return hits;
    }

    @Override
    public List<Hit> lexical(String question, int k) {
        // dfs_query_then_fetch: BM25 with the whole index's term statistics, not each shard's, so the scores do
        // not depend on how the sentences fall into shards.
        SearchResponse<ObjectNode> response = retrying.call(() -> searchClient.search(s -> s.index(alias)
                .searchType(SearchType.DfsQueryThenFetch).size(k)
                .source(src -> src.filter(f -> f.includes(IndexBuild.METADATA + "." + SENTENCE_ID)))
                .query(q -> q.match(m -> m.field(ElasticsearchConfiguration.TEXT_FIELD).query(question))),
                ObjectNode.class));
        List<Hit> hits = new ArrayList<>();
        for (co.elastic.clients.elasticsearch.core.search.Hit<ObjectNode> h : response.hits().hits()) {
            hits.add(new Hit(h.source().path(IndexBuild.METADATA).path(SENTENCE_ID).asText(),
                    h.score() == null ? 0 : h.score()));
        }
        return hits;
    }

    @Override
    public int size() {
        long count = retrying.call(() -> client.indices().existsAlias(a -> a.name(alias)).value()
                ? client.count(c -> c.index(alias)).count() : 0L);
        return (int) count;
    }

    @Override
    public void close() {
        try {
            rest.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
