package io.github.citebot.index.elasticsearch;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.CiteBot;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.embedding.Models;
import io.github.citebot.index.SearchBackend;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ingest rate and question latency of the Elasticsearch backend on a local single node, beside the in-memory
 * backend, measured in one run (medians of several rounds). Not a test: run it with
 * {@code scripts/bench-elasticsearch} (it starts and stops its own node).
 *
 * <p>Ingest is timed at the backend (sentences already embedded, in batches of 64 as the build sends them), so
 * the figures are the store's own; embedding, the same for both stores, is timed apart. The corpus is the seed
 * articles copied under new source names until it has about {@code sentences} sentences.
 */
public final class ElasticsearchBench {

    private static final int BATCH = 64;
    private static final int ROUNDS = 5;

    private ElasticsearchBench() {
    }

    public static void main(String[] args) throws IOException {
        int target = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        EmbeddingModel model = Models.bundled();
        List<Article> seeds = new CorpusLoader().load(Path.of("seeds"));
        List<Sentence> seedSentences = seeds.stream().flatMap(a -> a.sentences().stream()).toList();
        long t0 = System.nanoTime();
        List<Embedding> seedEmbeddings = model.embedAll(seedSentences.stream().map(s -> TextSegment.from(s.text())).toList()).content();
        double embedRate = seedSentences.size() / seconds(t0);
        Map<String, Embedding> byText = new HashMap<>();
        for (int i = 0; i < seedSentences.size(); i++) {
            byText.put(seedSentences.get(i).text(), seedEmbeddings.get(i));
        }
        List<Sentence> corpus = new ArrayList<>();
        for (int copy = 0; corpus.size() < target; copy++) {
            for (Sentence s : seedSentences) {
                corpus.add(new Sentence("copy" + copy + "_" + s.source(), s.index(), s.paragraph(), s.text()));
            }
        }
        List<Embedding> embeddings = corpus.stream().map(s -> byText.get(s.text())).toList();
        List<String> questions = DevQuestions.load();

        try (ElasticsearchNode node = ElasticsearchNode.startSingle()) {
            System.out.printf("corpus: %d sentences (the seeds copied); embedding (all-MiniLM-L6-v2, this machine): %.0f sentences/s%n",
                    corpus.size(), embedRate);
            double memoryIngest = ingest(new MemoryBackend(), corpus, embeddings);
            try (ElasticsearchBackend es = ElasticsearchBackend.connect(node.url(), "bench", Models.DEFAULT_NAME)) {
                double esIngest = ingest(es, corpus, embeddings);
                double esAgain = ingest(es, corpus, embeddings);
                System.out.printf("ingest, in memory:              %,10.0f sentences/s%n", memoryIngest);
                System.out.printf("ingest, Elasticsearch (new):    %,10.0f sentences/s  (%.1fx slower)%n", esIngest, memoryIngest / esIngest);
                System.out.printf("ingest, Elasticsearch (again):  %,10.0f sentences/s  (nothing new: %s)%n", esAgain, es.lastIngest());
            }
            ElasticsearchBackend es = ElasticsearchBackend.connect(node.url(), "bench-seeds", Models.DEFAULT_NAME);
            try (CiteBot memory = CiteBot.builder().articles(seeds).embeddingModel(model).build();
                 CiteBot elastic = CiteBot.builder().articles(seeds).embeddingModel(model).backend(es).build()) {
                List<Long> m = new ArrayList<>();
                List<Long> e = new ArrayList<>();
                for (int round = 0; round < ROUNDS + 2; round++) {
                    for (String q : questions) {
                        long a = time(memory, q);
                        long b = time(elastic, q);
                        if (round >= 2) {
                            m.add(a);
                            e.add(b);
                        }
                    }
                }
                System.out.printf("question (seeds, %d asked, warm), in memory:     p50 %.1f ms, p99 %.1f ms%n",
                        m.size(), pct(m, 50), pct(m, 99));
                System.out.printf("question (seeds, %d asked, warm), Elasticsearch: p50 %.1f ms, p99 %.1f ms  (p50 %.1fx)%n",
                        e.size(), pct(e, 50), pct(e, 99), pct(e, 50) / pct(m, 50));
            }
        }
    }

    private static double ingest(SearchBackend backend, List<Sentence> corpus, List<Embedding> embeddings) {
        long t0 = System.nanoTime();
        for (int from = 0; from < corpus.size(); from += BATCH) {
            int to = Math.min(corpus.size(), from + BATCH);
            backend.add(corpus.subList(from, to), embeddings.subList(from, to));
        }
        backend.commit();
        return corpus.size() / seconds(t0);
    }

    private static long time(CiteBot bot, String question) {
        long t0 = System.nanoTime();
        bot.ask(question);
        return System.nanoTime() - t0;
    }

    private static double pct(List<Long> nanos, int p) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
