package io.github.citebot.cli;

import io.github.citebot.eval.GoldFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.EmbeddingCache;
import io.github.citebot.index.LexicalIndex;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.embedding.Models;
import io.github.citebot.embedding.OptimizedGraphs;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.index.SyntheticVectors;
import io.github.citebot.index.VectorStore;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Retriever;
import io.github.citebot.web.BotState;
import io.github.citebot.web.HttpLoad;
import io.github.citebot.web.WebServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code citebot bench}: the performance figures of DESIGN.md's targets, each beside what LangChain4j's naive
 * pipeline (its bundled model's {@code embedAll}, {@link InMemoryEmbeddingStore}) does in the same run, with
 * the ratio. Start-up is measured in fresh JVMs started like this one; everything else in this JVM.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Measure start-up, question latency, ingest rate and search at scale, beside LangChain4j's "
                + "naive pipeline measured in the same run. Takes a few minutes and about 4 GB of heap at 1M vectors.",
                "Timings on a shared machine are noisy: medians and same-run ratios are what to compare."})
final class BenchCommand implements Callable<Integer> {

    static final String QUESTION = "Why didn't Kim go?";
    /** Questions timed on a --questions-corpus: its first 500 give a steady p99 in a few seconds. */
    static final int QUESTIONS_TIMED = 500;

    @Mixin
    BotOptions options;

    @Option(names = "--json", description = "print the figures as one JSON object")
    boolean json;

    @Option(names = "--dev", paramLabel = "FILE", description = "questions to time (score.py's format); default: "
            + "the project's dev set, ${DEFAULT-VALUE}")
    Path dev = Path.of("src/test/resources/eval/dev.jsonl");

    @Option(names = "--questions-corpus", paramLabel = "DIR", description = "a corpus laid out as DIR/corpus/ and "
            + "DIR/questions.jsonl (e.g. ../shared/eval/corpora/squad2): adds its index time and a full question's "
            + "latency there, with the first model alone and with the second model (--second-model, default e5) on")
    Path questionsCorpus;

    @Option(names = "--starts", paramLabel = "N", description = "fresh JVMs per start-up figure; default: ${DEFAULT-VALUE}")
    int starts = 3;

    @Option(names = "--sizes", split = ",", paramLabel = "N,N,...", description = "synthetic store sizes; default: 10000,100000,1000000")
    int[] sizes = {10_000, 100_000, 1_000_000};

    @Option(names = "--ingest", paramLabel = "N", description = "sentences embedded per ingest figure; default: ${DEFAULT-VALUE}")
    int ingestSentences = 1500;

    @Option(names = "--serve", description = "only the figures of citebot serve: questions over HTTP by one client, then by 50 clients x 20 questions at once")
    boolean serveOnly;

    @Option(names = "--conversations", paramLabel = "FILE", description = "only the figures of conversations: FILE's "
            + "chats (score_conversations.py's format, e.g. ../shared/eval/conversations.jsonl) replayed through the "
            + "library over --corpus; first questions against follow-ups, and each follow-up asked alone")
    Path conversations;

    @Option(names = "--child", hidden = true, description = "internal: measure one start in this JVM (phases, naive)")
    String child;

    /** Made in {@link #call}: picocli builds every subcommand at each start, and Jackson takes a while to load. */
    private ObjectMapper mapper;

    @Override
    public Integer call() throws Exception {
        for (int n : sizes) {
            if (n < 1) { // found before minutes of measuring, not as an internal error at the search step
                throw new CiteBotException("--sizes must be at least 1 each, got " + n);
            }
        }
        // read before minutes of measuring, so that a bad line is found at once
        List<List<String>> chats = conversations == null ? null : GoldFiles.conversations(conversations);
        mapper = new ObjectMapper();
        if (child != null) {
            System.out.println(child.equals("naive") ? naiveStart() : phasesStart());
            return 0;
        }
        ObjectNode out = mapper.createObjectNode();
        out.put("machine", Runtime.getRuntime().availableProcessors() + " cores, JDK " + System.getProperty("java.version")
                + ", max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        if (serveOnly || conversations != null) {
            if (serveOnly) {
                step("serve", () -> out.set("serve", serve()));
            }
            if (conversations != null) {
                step("conversations", () -> out.set("conversations", conversations(chats)));
            }
            print(out);
            return 0;
        }
        step("start-up", () -> out.set("startup", startup()));
        step("questions", () -> out.set("questions", questions()));
        if (questionsCorpus != null) {
            step("questions on " + questionsCorpus, () -> out.set("questions_corpus", questionsCorpus()));
        }
        step("ingest", () -> out.set("ingest", ingest()));
        step("search", () -> out.set("search", search()));
        step("bm25", () -> out.set("bm25", bm25()));
        step("serve", () -> out.set("serve", serve()));
        out.put("peak_heap_mb", peakHeapMb());
        print(out);
        return 0;
    }

    private void print(ObjectNode figures) throws IOException {
        System.out.println(json ? mapper.writeValueAsString(figures) : mapper.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
    }

    private interface Step {
        void run() throws Exception;
    }

    private void step(String name, Step step) throws Exception {
        System.err.println("bench: " + name + "...");
        step.run();
    }

    // ---- start-up -------------------------------------------------------------------------------------------

    private ObjectNode startup() throws Exception {
        Path cold = Files.createTempDirectory("citebot-bench-cache");
        Path warm = Files.createTempDirectory("citebot-bench-cache");
        try {
            ObjectNode r = mapper.createObjectNode();
            // The cold figures each get an empty cache; the warm ones share one filled by a first run.
            List<Double> coldAsk = new ArrayList<>();
            List<Double> warmAsk = new ArrayList<>();
            List<Double> warmGraphless = new ArrayList<>();
            List<Double> warmSecond = new ArrayList<>();
            String second = secondModel();
            List<String> withSecond = List.of("ask", "--cache", warm.toString(),
                    "--second-model", second, QUESTION);
            List<Double> naive = new ArrayList<>();
            List<JsonNode> coldPhases = new ArrayList<>();
            List<JsonNode> warmPhases = new ArrayList<>();
            run(withSecond); // fills the warm cache: both models' vectors and optimised graphs
            for (int i = 0; i < starts; i++) {
                Path empty = Files.createTempDirectory(cold, "run");
                coldAsk.add(run(List.of("ask", "--cache", empty.toString(), QUESTION)).seconds);
                warmAsk.add(run(List.of("ask", "--cache", warm.toString(), QUESTION)).seconds);
                warmSecond.add(run(withSecond).seconds);
                // As before optimised graphs were kept: the vectors cached, the graph optimised again (and kept).
                deleteTree(OptimizedGraphs.in(warm).directory());
                warmGraphless.add(run(List.of("ask", "--cache", warm.toString(), QUESTION)).seconds);
                naive.add(run(List.of("bench", "--child", "naive")).seconds);
                Path empty2 = Files.createTempDirectory(cold, "phases");
                coldPhases.add(mapper.readTree(run(List.of("bench", "--child", "phases",
                        "--cache", empty2.toString())).stdout));
                warmPhases.add(mapper.readTree(run(List.of("bench", "--child", "phases",
                        "--cache", warm.toString())).stdout));
            }
            r.put("ask_cold_cache_s", median(coldAsk));
            r.put("ask_warm_cache_s", median(warmAsk));
            r.put("ask_warm_cache_graph_not_kept_s", median(warmGraphless));
            r.put("ask_warm_cache_second_model_s", median(warmSecond));
            r.put("langchain4j_naive_first_answer_s", median(naive));
            r.put("ratio_naive_over_warm", round(median(naive) / median(warmAsk)));
            r.put("ratio_naive_over_cold", round(median(naive) / median(coldAsk)));
            r.set("phases_cold_cache_ms", medianPhases(coldPhases));
            r.set("phases_warm_cache_ms", medianPhases(warmPhases));
            r.put("note", "ask_*: wall time of a whole `citebot ask` JVM, start to exit, median of " + starts
                    + "; warm: embeddings and optimised graphs cached; graph_not_kept: embeddings cached, the ONNX graph"
                    + " optimised again; second_model: warm, with --second-model " + second
                    + "; phases: one after another in a fresh JVM (the real start overlaps the model load with the rest)");
            return r;
        } finally {
            deleteTree(cold);
            deleteTree(warm);
        }
    }

    private record Run(double seconds, String stdout) {
    }

    /** Runs citebot in a fresh JVM started with this JVM's options and class path, on this run's corpus. */
    private Run run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        // As the launcher starts a one-shot command: the quick compiler only.
        if (cmd.stream().noneMatch(a -> a.startsWith("-XX:TieredStopAtLevel"))) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(args);
        if (!options.bundled()) {
            cmd.addAll(List.of("--corpus", options.corpus.toString()));
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String stdout = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        int code = p.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (code != 0) {
            throw new CiteBotException("bench: a start-up run failed (exit " + code + "): " + String.join(" ", args));
        }
        return new Run(seconds, stdout.strip());
    }

    /** In a fresh JVM: each phase of a start, one after another. */
    private String phasesStart() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        long main = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Path cacheDir = options.cache != null ? options.cache : EmbeddingCache.defaultDirectory();
        BertEncoder model = Models.named(options.model == null ? Models.DEFAULT_NAME : options.model,
                options.noCache ? null : OptimizedGraphs.in(cacheDir));
        long t1 = System.nanoTime();
        List<Article> articles = new CorpusLoader().load(options.corpus());
        long t2 = System.nanoTime();
        EmbeddingCache cache = options.noCache ? EmbeddingCache.inMemory(model.modelName())
                : EmbeddingCache.open(cacheDir, model.modelName());
        long[] embedded = new long[1];
        SentenceIndex index = SentenceIndex.build(articles, model, cache, new MemoryBackend(),
                (a, done, total) -> embedded[0] = System.nanoTime());
        Answerer answerer = new Answerer(new Retriever(index));
        long t3 = System.nanoTime();
        answerer.answer(QUESTION, Answerer.DEFAULT_MAX_CITATIONS);
        long t4 = System.nanoTime();
        ObjectNode r = mapper.createObjectNode();
        r.put("jvm", main - jvmStart);
        r.put("model_load", ms(t1 - t0));
        r.put("split", ms(t2 - t1));
        r.put("embed", ms(embedded[0] - t2));
        r.put("index", ms(t3 - embedded[0]));
        r.put("first_answer", ms(t4 - t3));
        r.put("total", System.currentTimeMillis() - jvmStart);
        model.close();
        return r.toString();
    }

    /** In a fresh JVM: what a user would build with LangChain4j alone, to its first (dense-only) answer. */
    private String naiveStart() {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        List<Sentence> sentences = new CorpusLoader().load(options.corpus()).stream().flatMap(a -> a.sentences().stream()).toList();
        List<TextSegment> segments = sentences.stream().map(s -> TextSegment.from(s.text())).toList();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        store.addAll(model.embedAll(segments).content(), segments);
        List<EmbeddingMatch<TextSegment>> top = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(model.embed(QUESTION).content()).maxResults(4).build()).matches();
        ObjectNode r = mapper.createObjectNode();
        r.put("total", System.currentTimeMillis() - jvmStart);
        r.put("top", top.isEmpty() ? "" : top.get(0).embedded().text());
        return r.toString();
    }

    // ---- questions ------------------------------------------------------------------------------------------

    private ObjectNode questions() throws Exception {
        List<String> questions = GoldFiles.questions(devFile());
        ObjectNode r = mapper.createObjectNode();
        try (CiteBot bot = options.builder(io.github.citebot.index.IndexProgress.NONE).build()) {
            JsonRenderer renderer = new JsonRenderer();
            List<String> single = questions.stream().map(q -> renderer.render(bot.ask(q))).toList();
            List<Double> latencies = new ArrayList<>();
            for (int pass = 0; pass < 5; pass++) {
                for (String q : questions) {
                    long t0 = System.nanoTime();
                    bot.ask(q);
                    latencies.add((System.nanoTime() - t0) / 1e6);
                }
            }
            r.put("questions", questions.size());
            r.put("p50_ms", percentile(latencies, 50));
            r.put("p99_ms", percentile(latencies, 99));
            // Eight threads at once must give the answers one thread gave.
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<String>> parallel = new ArrayList<>();
            for (int rep = 0; rep < 8; rep++) {
                for (String q : questions) {
                    parallel.add(pool.submit(() -> renderer.render(bot.ask(q))));
                }
            }
            int same = 0;
            for (int i = 0; i < parallel.size(); i++) {
                same += parallel.get(i).get().equals(single.get(i % questions.size())) ? 1 : 0;
            }
            pool.shutdown();
            r.put("eight_threads_identical", same == parallel.size());
        }
        // The naive pipeline's question: embed it, search the store.
        AllMiniLmL6V2EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
        List<TextSegment> segments = new CorpusLoader().load(options.corpus()).stream().flatMap(a -> a.sentences().stream())
                .map(s -> TextSegment.from(s.text())).toList();
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        store.addAll(model.embedAll(segments).content(), segments);
        List<Double> naive = new ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            for (String q : questions) {
                long t0 = System.nanoTime();
                store.search(EmbeddingSearchRequest.builder().queryEmbedding(model.embed(q).content()).maxResults(50).build());
                naive.add((System.nanoTime() - t0) / 1e6);
            }
        }
        r.put("langchain4j_naive_p50_ms", percentile(naive, 50));
        r.put("langchain4j_naive_p99_ms", percentile(naive, 99));
        r.put("note", "citebot: hybrid dense + BM25 + re-ranking + claims; naive: embed + dense search only");
        return r;
    }

    // ---- conversations: a follow-up's latency against a first question's --------------------------------------

    private ObjectNode conversations(List<List<String>> chats) throws Exception {
        List<Double> first = new ArrayList<>();
        List<Double> followUps = new ArrayList<>();
        List<Double> alone = new ArrayList<>(); // the same follow-ups asked with no conversation
        try (CiteBot bot = options.builder(io.github.citebot.index.IndexProgress.NONE).build()) {
            for (int pass = 0; pass <= 5; pass++) { // pass 0 warms the JIT up and is not counted
                for (List<String> chat : chats) {
                    Conversation conversation = bot.conversation();
                    for (int i = 0; i < chat.size(); i++) {
                        long t0 = System.nanoTime();
                        conversation.ask(chat.get(i));
                        double read = (System.nanoTime() - t0) / 1e6;
                        if (i > 0) {
                            t0 = System.nanoTime();
                            bot.ask(chat.get(i));
                            double asked = (System.nanoTime() - t0) / 1e6;
                            if (pass > 0) {
                                alone.add(asked);
                            }
                        }
                        if (pass > 0) {
                            (i == 0 ? first : followUps).add(read);
                        }
                    }
                }
            }
        }
        ObjectNode r = mapper.createObjectNode();
        r.put("conversations", chats.size());
        r.put("follow_ups", chats.stream().mapToInt(chat -> chat.size() - 1).sum());
        r.put("first_p50_ms", percentile(first, 50));
        r.put("first_p99_ms", percentile(first, 99));
        if (!followUps.isEmpty()) {
            r.put("follow_up_p50_ms", percentile(followUps, 50));
            r.put("follow_up_p99_ms", percentile(followUps, 99));
            r.put("follow_up_asked_alone_p50_ms", percentile(alone, 50));
            r.put("follow_up_over_first_p50", round(percentile(followUps, 50) / percentile(first, 50)));
        }
        r.put("note", "CiteBot.conversation().ask(), 5 passes after one to warm up; a follow-up ranks the question and"
                + " the history query in one batch; asked alone: the same follow-ups through CiteBot.ask()");
        return r;
    }

    // ---- serve: the HTTP API under load ------------------------------------------------------------------------

    private ObjectNode serve() throws Exception {
        List<String> questions = GoldFiles.questions(devFile());
        try (CiteBot bot = options.builder(io.github.citebot.index.IndexProgress.NONE).build();
             WebServer server = WebServer.start(BotState.of(bot), WebServer.Settings.DEFAULTS.withPort(0).withoutRateLimit())) {
            HttpLoad.Figures f = HttpLoad.measure(server.uri(), questions, 50, 20);
            List<Double> direct = new ArrayList<>(); // the same questions without HTTP, for the overhead
            for (int pass = 0; pass < 5; pass++) {
                for (String q : questions) {
                    long t0 = System.nanoTime();
                    bot.ask(q);
                    direct.add((System.nanoTime() - t0) / 1e6);
                }
            }
            ObjectNode r = mapper.createObjectNode();
            r.put("in_process_p50_ms", percentile(direct, 50));
            r.put("single_client_p50_ms", percentile(f.singleMillis(), 50));
            r.put("single_client_p99_ms", percentile(f.singleMillis(), 99));
            r.put("clients", f.clients());
            r.put("asked", f.millis().size());
            r.put("answered", f.answered());
            r.put("own_answers", f.ownAnswers());
            r.put("p50_ms", percentile(f.millis(), 50));
            r.put("p99_ms", percentile(f.millis(), 99));
            r.put("answers_per_second", round(f.millis().size() / f.seconds()));
            r.put("note", "POST /api/ask on loopback; own_answers: identical to the single client's answer to the same question");
            return r;
        }
    }

    private Path devFile() {
        if (!Files.isReadable(dev)) {
            throw new CiteBotException("cannot read the questions " + dev + ": give --dev FILE");
        }
        return dev;
    }

    private String secondModel() {
        return options.secondModel != null && !options.secondModel.equalsIgnoreCase("none") ? options.secondModel : "e5";
    }

    // ---- a full question on a corpus of its own -------------------------------------------------------------

    /**
     * Index time (empty cache) and a full question's latency on a corpus with its questions, the first model
     * alone and with the second model on.
     */
    private ObjectNode questionsCorpus() throws Exception {
        Path corpus = questionsCorpus.resolve("corpus");
        Path file = questionsCorpus.resolve("questions.jsonl");
        if (!Files.isDirectory(corpus) || !Files.isReadable(file)) {
            throw new CiteBotException("--questions-corpus needs " + corpus + " and " + file);
        }
        List<String> all = GoldFiles.questions(file);
        List<String> questions = all.subList(0, Math.min(QUESTIONS_TIMED, all.size()));
        ObjectNode r = mapper.createObjectNode();
        r.put("corpus", questionsCorpus.toString());
        r.put("questions", questions.size());
        Path cache = Files.createTempDirectory("citebot-bench-cache");
        try {
            String second = secondModel();
            for (String variant : List.of("first_model", "second_model_" + second)) {
                CiteBot.Builder b = options.builder(io.github.citebot.index.IndexProgress.NONE).corpus(corpus).cache(cache)
                        .secondModel(variant.equals("first_model") ? null : second);
                long t0 = System.nanoTime();
                try (CiteBot bot = b.build()) {
                    ObjectNode v = r.putObject(variant);
                    v.put("sentences", bot.sentenceCount());
                    v.put("index_empty_cache_s", round((System.nanoTime() - t0) / 1e9));
                    List<Double> latencies = new ArrayList<>();
                    for (String q : questions) {
                        long s = System.nanoTime();
                        bot.ask(q);
                        latencies.add((System.nanoTime() - s) / 1e6);
                    }
                    List<Double> warm = latencies.subList(Math.min(50, latencies.size() / 10), latencies.size());
                    v.put("p50_ms", percentile(warm, 50));
                    v.put("p99_ms", percentile(warm, 99));
                }
            }
            r.put("note", "index_empty_cache_s: build() with an empty cache (the second variant finds the first model's"
                    + " vectors cached and embeds with the second model only); latency of ask(), after the first 50");
        } finally {
            deleteTree(cache);
        }
        return r;
    }

    // ---- ingest ---------------------------------------------------------------------------------------------

    private ObjectNode ingest() {
        List<String> base = new CorpusLoader().load(options.corpus()).stream().flatMap(a -> a.sentences().stream())
                .map(Sentence::text).toList();
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < ingestSentences; i++) {
            texts.add(base.get(i % base.size()));
        }
        List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
        AllMiniLmL6V2EmbeddingModel naive = new AllMiniLmL6V2EmbeddingModel();
        naive.embedAll(segments.subList(0, Math.min(100, segments.size())));
        double naiveRate = rate(texts.size(), () -> naive.embedAll(segments));
        ObjectNode r = mapper.createObjectNode();
        r.put("sentences", texts.size());
        r.put("langchain4j_embedAll_per_s", Math.round(naiveRate));
        try (BertEncoder fp32 = Models.bundled()) {
            fp32.embedTexts(texts.subList(0, Math.min(100, texts.size())), n -> { });
            double rate = rate(texts.size(), () -> fp32.embedTexts(texts, n -> { }));
            r.put("fp32_per_s", Math.round(rate));
            r.put("ratio_fp32_over_langchain4j", round(rate / naiveRate));
        }
        try (BertEncoder q = Models.quantized()) {
            q.embedTexts(texts.subList(0, Math.min(100, texts.size())), n -> { });
            double rate = rate(texts.size(), () -> q.embedTexts(texts, n -> { }));
            r.put("quantized_per_s", Math.round(rate));
            r.put("ratio_quantized_over_langchain4j", round(rate / naiveRate));
        }
        try (BertEncoder e5 = Models.e5()) {
            e5.embedTexts(texts.subList(0, Math.min(100, texts.size())), n -> { });
            double rate = rate(texts.size(), () -> e5.embedTexts(texts, n -> { }));
            r.put("e5_per_s", Math.round(rate));
        }
        return r;
    }

    private static double rate(int n, Runnable work) {
        long t0 = System.nanoTime();
        work.run();
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    // ---- search at scale ------------------------------------------------------------------------------------

    private ObjectNode search() {
        ObjectNode r = mapper.createObjectNode();
        for (int n : sizes) {
            r.set(String.valueOf(n), searchAt(n));
        }
        return r;
    }

    private ObjectNode searchAt(int n) {
        int dim = 384;
        int queries = n >= 1_000_000 ? 30 : 50;
        int baselineQueries = n >= 1_000_000 ? 8 : n >= 100_000 ? 20 : 50;
        List<float[]> qs = new ArrayList<>();
        ObjectNode r = mapper.createObjectNode();
        long before = usedHeapAfterGc();
        VectorStore ours = new VectorStore();
        fill(ours, n, dim, qs, queries);
        r.put("heap_mb", (usedHeapAfterGc() - before) / (1 << 20));
        List<Set<String>> truth = new ArrayList<>();
        for (float[] q : qs) {
            truth.add(ids(ours.searchExact(request(q))));
        }
        List<Double> latencies = new ArrayList<>();
        double recall = 0;
        for (int i = 0; i < qs.size(); i++) {
            long t0 = System.nanoTime();
            List<String> found = ids(ours.search(request(qs.get(i)))).stream().toList();
            latencies.add((System.nanoTime() - t0) / 1e6);
            recall += found.stream().filter(truth.get(i)::contains).count() / 10.0;
        }
        r.put("p50_ms", percentile(latencies, 50));
        r.put("p99_ms", percentile(latencies, 99));
        r.put("recall_at_10", round(recall / qs.size()));
        ours = null;
        before = usedHeapAfterGc();
        InMemoryEmbeddingStore<TextSegment> baseline = new InMemoryEmbeddingStore<>();
        fill(baseline, n, dim, new ArrayList<>(), 0);
        r.put("langchain4j_heap_mb", (usedHeapAfterGc() - before) / (1 << 20));
        List<Double> base = new ArrayList<>();
        for (int i = 0; i < baselineQueries; i++) {
            long t0 = System.nanoTime();
            baseline.search(request(qs.get(i)));
            base.add((System.nanoTime() - t0) / 1e6);
        }
        r.put("langchain4j_p50_ms", percentile(base, 50));
        r.put("ratio_langchain4j_over_ours", round(percentile(base, 50) / percentile(latencies, 50)));
        return r;
    }

    /** Adds n synthetic vectors (the same ones for every store) and picks queries near some of them. */
    private static void fill(EmbeddingStore<TextSegment> store, int n, int dim, List<float[]> queries, int count) {
        SyntheticVectors data = new SyntheticVectors(dim, 42);
        SplittableRandom pick = new SplittableRandom(7);
        Set<Integer> near = new HashSet<>();
        while (near.size() < count) {
            near.add(pick.nextInt(n));
        }
        int batch = 16_384;
        for (int from = 0; from < n; from += batch) {
            int to = Math.min(n, from + batch);
            List<String> ids = new ArrayList<>(to - from);
            List<Embedding> vectors = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                float[] v = data.vector();
                if (near.contains(i)) {
                    queries.add(data.near(v));
                }
                ids.add("v" + i);
                vectors.add(Embedding.from(v));
            }
            store.addAll(ids, vectors, java.util.Collections.nCopies(ids.size(), null));
        }
    }

    private static EmbeddingSearchRequest request(float[] q) {
        return EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(q)).maxResults(10).minScore(0.0).build();
    }

    private static Set<String> ids(dev.langchain4j.store.embedding.EmbeddingSearchResult<TextSegment> result) {
        return result.matches().stream().map(EmbeddingMatch::embeddingId).collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    // ---- BM25 at scale --------------------------------------------------------------------------------------

    private ObjectNode bm25() {
        int n = 100_000;
        List<String> words = new CorpusLoader().load(options.corpus()).stream().flatMap(a -> a.sentences().stream())
                .flatMap(s -> Arrays.stream(s.text().split("\\W+"))).filter(w -> w.length() > 2).distinct().toList();
        SplittableRandom random = new SplittableRandom(3);
        List<Sentence> sentences = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int w = 0, len = 8 + random.nextInt(20); w < len; w++) {
                // Zipf-like: low indexes far more often, as in real text.
                b.append(words.get((int) (words.size() * Math.pow(random.nextDouble(), 3)))).append(' ');
            }
            sentences.add(new Sentence("synthetic.txt", i, 0, b.toString().strip() + "."));
        }
        ObjectNode r = mapper.createObjectNode();
        try (LexicalIndex index = new LexicalIndex()) {
            long t0 = System.nanoTime();
            index.add(sentences);
            r.put("sentences", n);
            r.put("index_s", round((System.nanoTime() - t0) / 1e9));
            List<Double> latencies = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String q = words.get(random.nextInt(words.size())) + " " + words.get(random.nextInt(words.size())) + " "
                        + words.get(random.nextInt(words.size()));
                long s = System.nanoTime();
                index.search(q, 50);
                latencies.add((System.nanoTime() - s) / 1e6);
            }
            r.put("p50_ms", percentile(latencies.subList(50, latencies.size()), 50));
            r.put("p99_ms", percentile(latencies.subList(50, latencies.size()), 99));
        }
        return r;
    }

    // ---- figures --------------------------------------------------------------------------------------------

    private ObjectNode medianPhases(List<JsonNode> runs) {
        ObjectNode r = mapper.createObjectNode();
        runs.get(0).fieldNames().forEachRemaining(f ->
                r.put(f, Math.round(median(runs.stream().map(x -> x.get(f).asDouble()).toList()))));
        return r;
    }

    static double median(List<Double> xs) {
        return percentile(xs, 50);
    }

    static double percentile(List<Double> xs, double p) {
        List<Double> sorted = xs.stream().sorted(Comparator.naturalOrder()).toList();
        int i = (int) Math.ceil(p / 100 * sorted.size()) - 1;
        return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, i))));
    }

    static double round(double x) {
        return Double.parseDouble(String.format(Locale.ROOT, "%.3g", x));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1e5) / 10.0;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1 << 20);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
