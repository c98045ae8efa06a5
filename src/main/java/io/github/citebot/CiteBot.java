package io.github.citebot;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.answer.Answer;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.conversation.Turn;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.BundledCorpus;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.embedding.EmbeddingCache;
import io.github.citebot.index.FolderWatcher;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.embedding.LoadingModel;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.embedding.Models;
import io.github.citebot.embedding.OptimizedGraphs;
import io.github.citebot.index.SearchBackend;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Ranker;
import io.github.citebot.retrieval.RankerModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Answers questions about a corpus of articles with the articles' own sentences, each cited.
 *
 * <pre>{@code
 * try (CiteBot bot = CiteBot.builder().build()) {   // the bundled articles; .corpus(Path.of("news")) for yours
 *     Answer a = bot.ask("Why didn't Kim go?");
 *     System.out.println(a.text());
 *     a.citations().forEach(c -> System.out.println(c.n() + " " + c.outlet() + ": " + c.sentence()));
 * }
 * }</pre>
 *
 * <p>{@link Builder#build} loads the articles and indexes every sentence, taking the sentences' embeddings from
 * the on-disk cache where it can; the embedding model loads in the background meanwhile and the first question
 * waits for it if it must. {@link Builder#buildAsync} does all of that in the background. After that,
 * {@link #ask} is safe to call from many threads at once and gives the same answer to the same question
 * whatever else runs beside it.
 *
 * <p>With {@link Builder#watch}, the bot reloads the corpus folder when its articles are added, changed or
 * removed, embedding only the new sentences, and swaps the whole index at once: a question asked meanwhile is
 * answered from the previous index, never from a half-built one.
 */
public final class CiteBot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CiteBot.class);

    /** The longest question accepted, in characters; longer ones are cut to this before embedding. */
    public static final int MAX_QUESTION_CHARS = 2000;
    /** How long the corpus folder must be quiet after a change before a watching bot reloads it. */
    public static final Duration WATCH_SETTLE = Duration.ofMillis(300);
    /** Control characters in a question (a pasted escape sequence, say) are no words: they count as spaces. */
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}+");

    private final Builder config;
    private final EmbeddingModel model;
    private final boolean ownsModel;
    private final EmbeddingCache cache;
    /** The second model (owned) with its cache, or null. */
    private final SentenceIndex.Embedder second;
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final AtomicLong generation = new AtomicLong();
    /** Set under this bot's lock, which reload also holds. */
    private boolean closed;
    private volatile FolderWatcher watcher;

    private CiteBot(Builder config, EmbeddingModel model, boolean ownsModel, EmbeddingCache cache,
                    SentenceIndex.Embedder second) {
        this.config = config;
        this.model = model;
        this.ownsModel = ownsModel;
        this.cache = cache;
        this.second = second;
    }

    /** A builder; by default it indexes the bundled articles ({@link #defaultCorpus}) with the bundled all-MiniLM-L6-v2 model. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The answer to a question. A question the articles do not answer gets {@link Answer#NO_ANSWER} and no
     * citations.
     *
     * @throws CiteBotException when the question is null, blank or only control characters
     */
    public Answer ask(String question) {
        return answer(question, (answerer, q) -> answerer.answer(q, config.maxCitations), Answer::question,
                (answer, q) -> answer.asked(q, answer.searched()));
    }

    /**
     * A new conversation: questions asked through it are read with the turns before them, so a follow-up such as
     * "Who said that?" is understood; one per chat or user. The conversation is not thread-safe; this bot is.
     */
    public Conversation conversation() {
        return new Conversation((question, step) -> answer(question, step, t -> t.answer().question(),
                (t, q) -> new Turn(t.answer().asked(q, t.answer().searched()), t.cited())), config.maxCitations);
    }

    /**
     * Runs a step that answers the question (checked, stripped and cut to {@link #MAX_QUESTION_CHARS}) with the
     * current index held; what it gives carries the question as asked, not as cut.
     */
    private <T> T answer(String question, BiFunction<Answerer, String, T> step, Function<T, String> asked,
                         BiFunction<T, String, T> askedAs) {
        String q = question == null ? "" : CONTROL.matcher(question).replaceAll(" ").strip();
        if (q.isEmpty()) {
            throw new CiteBotException("empty question: type a question about the articles");
        }
        Engine e = acquire();
        try {
            T result = step.apply(e.answerer, q.length() > MAX_QUESTION_CHARS ? q.substring(0, MAX_QUESTION_CHARS) : q);
            return q.equals(asked.apply(result)) ? result : askedAs.apply(result, q);
        } finally {
            e.release();
        }
    }

    /**
     * The folder of the bundled articles, the corpus of a builder given none: four articles on Kim Jong Un
     * cancelling his May 2015 trip to Moscow, shipped in citebot's jar, so they are found from any working
     * directory.
     */
    public static Path defaultCorpus() {
        return BundledCorpus.folder();
    }

    /**
     * The answers to many questions, in their order: what {@link #ask} gives one by one, with the questions
     * embedded in batches (several times faster for an evaluation run).
     *
     * @throws CiteBotException when a question is null or blank
     */
    public List<Answer> askAll(List<String> questions) {
        List<String> qs = new java.util.ArrayList<>(questions.size());
        for (String question : questions) {
            String q = question == null ? "" : CONTROL.matcher(question).replaceAll(" ").strip();
            if (q.isEmpty()) {
                throw new CiteBotException("empty question: type a question about the articles");
            }
            qs.add(q.length() > MAX_QUESTION_CHARS ? q.substring(0, MAX_QUESTION_CHARS) : q);
        }
        Engine e = acquire();
        try {
            List<io.github.citebot.retrieval.Ranking> rankings = e.answerer.retriever().rankAll(qs);
            List<Answer> answers = new java.util.ArrayList<>(qs.size());
            for (int i = 0; i < qs.size(); i++) {
                Answer a = e.answerer.answer(qs.get(i), rankings.get(i), config.maxCitations);
                String asked = CONTROL.matcher(questions.get(i)).replaceAll(" ").strip();
                answers.add(asked.equals(a.question()) ? a : a.asked(asked, a.searched()));
            }
            return answers;
        } finally {
            e.release();
        }
    }

    /** The articles, in source-id order. */
    public List<Article> sources() {
        return current().index.articles();
    }

    /** The number of sentences indexed. */
    public int sentenceCount() {
        return current().index.sentenceCount();
    }

    /**
     * How many times the index was built: 1 after {@link Builder#build}, one more after each reload.
     * A watching front-end can compare it to tell a user that the articles changed.
     */
    public long generation() {
        return generation.get();
    }

    /**
     * Reads the corpus folder again and swaps in the new index once it is complete; questions asked meanwhile
     * are answered from the previous one. Only sentences whose text is new are embedded.
     *
     * @throws CiteBotException when the folder can no longer be loaded (the previous index stays)
     * @throws IllegalStateException when the bot was built from articles or a backend instance, not a folder
     *                               and a backend factory
     */
    public synchronized void reload() {
        if (config.articles != null || config.backendFactory == null) {
            throw new IllegalStateException("only a bot built from a corpus folder and a backend factory can reload");
        }
        if (closed) {
            return; // a change seen as the bot closed: no index may outlive it
        }
        swap(index(new CorpusLoader().load(config.corpus), config.backendFactory.get()));
        LOG.info("reloaded {}: {} articles, {} sentences", config.corpus, sources().size(), sentenceCount());
    }

    private SentenceIndex index(List<Article> articles, SearchBackend backend) {
        try {
            return SentenceIndex.build(articles, new SentenceIndex.Embedder(model, cache), second, backend,
                    config.progress);
        } catch (RuntimeException e) {
            backend.close();
            throw e;
        }
    }

    private void swap(SentenceIndex index) {
        Engine next = new Engine(index, config.ranker.answerer(index, config.rankerModel()));
        Engine previous = engine.getAndSet(next);
        generation.incrementAndGet();
        if (previous != null) {
            previous.release();
        }
    }

    private Engine current() {
        Engine e = engine.get();
        if (e == null) {
            throw new IllegalStateException("this CiteBot is closed");
        }
        return e;
    }

    /** The current engine, held so that a swap does not close it under a running question. */
    private Engine acquire() {
        while (true) {
            Engine e = current();
            if (e.tryAcquire()) {
                return e;
            }
            // It was retired and closed between get and acquire: the next one is in place already.
        }
    }

    private void watch() throws IOException {
        watcher = new FolderWatcher(config.corpus, CorpusLoader::isCorpusFile, config.watchSettle, this::reload);
    }

    @Override
    public void close() {
        FolderWatcher w = watcher;
        if (w != null) {
            w.close();
        }
        synchronized (this) {
            closed = true;
            Engine e = engine.getAndSet(null);
            if (e != null) {
                e.release();
            }
        }
        List<EmbeddingModel> owned = new java.util.ArrayList<>();
        if (ownsModel) {
            owned.add(model);
        }
        if (second != null) {
            owned.add(second.model());
        }
        for (EmbeddingModel m : owned) {
            if (m instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception ex) {
                    LOG.debug("closing the model", ex);
                }
            }
        }
    }

    /**
     * An index with its answerer, counted while questions use it: the bot holds one count, each running
     * question another; the last to let go closes the index.
     */
    private static final class Engine {
        final SentenceIndex index;
        final Answerer answerer;
        private final AtomicInteger holders = new AtomicInteger(1);

        Engine(SentenceIndex index, Answerer answerer) {
            this.index = index;
            this.answerer = answerer;
        }

        boolean tryAcquire() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }

        void release() {
            if (holders.decrementAndGet() == 0) {
                index.close();
            }
        }
    }

    /** Configures and builds a {@link CiteBot}. Every setting has a default. */
    public static final class Builder {
        /** Null for the bundled articles. */
        private Path corpus;
        private List<Article> articles;
        private String modelName;
        private EmbeddingModel model;
        private SearchBackend backend;
        private Supplier<SearchBackend> backendFactory = MemoryBackend::new;
        private int maxCitations = Answerer.DEFAULT_MAX_CITATIONS;
        private IndexProgress progress = IndexProgress.NONE;
        private Path cacheDir = EmbeddingCache.defaultDirectory();
        private String secondModel;
        private boolean watch;
        private Duration watchSettle = WATCH_SETTLE;
        private Ranker ranker = Ranker.CITEBOT;
        private RankerModel rankerModel;
        private Double minConfidence;

        private Builder() {
        }

        /** The folder of articles (.txt, .md, .html) to answer from. */
        public Builder corpus(Path folder) {
            this.corpus = Objects.requireNonNull(folder, "corpus");
            this.articles = null;
            return this;
        }

        /** Articles already loaded, instead of a folder. */
        public Builder articles(List<Article> articles) {
            if (Objects.requireNonNull(articles, "articles").isEmpty()) {
                throw new IllegalArgumentException("articles must not be empty");
            }
            this.articles = List.copyOf(articles);
            return this;
        }

        /** A sentence-transformers model directory holding model.onnx and tokenizer.json (mean pooling). */
        public Builder model(Path dir) {
            return model(Objects.requireNonNull(dir, "model").toString());
        }

        /**
         * A bundled model by name, {@code "fp32"} (all-MiniLM-L6-v2, the default) or {@code "quantized"} (its
         * int8 twin: about three times faster to index with, slightly less exact), or else a model directory.
         */
        public Builder model(String nameOrDir) {
            this.modelName = Objects.requireNonNull(nameOrDir, "model");
            this.model = null;
            return this;
        }

        /**
         * An embedding model already loaded (for example, to share one between several bots). The bot does not
         * close it. Its vectors are cached on disk only if it is a {@link BertEncoder}, whose name identifies
         * its weights; others are cached in memory only.
         */
        public Builder embeddingModel(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "embeddingModel");
            this.modelName = null;
            return this;
        }

        /**
         * Where sentences are stored and searched; an in-memory backend by default. The bot owns it: it is closed
         * with the bot, or when the build fails. Such a bot cannot reload.
         */
        public Builder backend(SearchBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
            this.backendFactory = null;
            return this;
        }

        /** Makes a new, empty backend for each build of the index (the first and each reload). */
        public Builder backend(Supplier<SearchBackend> factory) {
            this.backendFactory = Objects.requireNonNull(factory, "backend factory");
            this.backend = null;
            return this;
        }

        /** The most citations in one answer (default {@value Answerer#DEFAULT_MAX_CITATIONS}). */
        public Builder top(int maxCitations) {
            if (maxCitations < 1) {
                throw new IllegalArgumentException("top must be at least 1, got " + maxCitations);
            }
            this.maxCitations = maxCitations;
            return this;
        }

        /**
         * Which ranking answers: citebot's own (the default) or a baseline, for measuring beside it
         * ({@link Ranker}).
         */
        public Builder ranker(Ranker ranker) {
            this.ranker = Objects.requireNonNull(ranker, "ranker");
            return this;
        }

        /** A learned model other than the bundled one, as {@code citebot train} writes it. */
        public Builder rankerModel(RankerModel model) {
            this.rankerModel = Objects.requireNonNull(model, "rankerModel");
            return this;
        }

        /**
         * The estimated probability that the first citation answers below which the bot says the articles don't
         * say; default: the model's own, set in training for at most 5 % of answerable questions refused.
         */
        public Builder minConfidence(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("min confidence must be between 0 and 1, got " + p);
            }
            this.minConfidence = p;
            return this;
        }

        private RankerModel rankerModel() {
            RankerModel m = rankerModel != null ? rankerModel
                    : RankerModel.bundled(secondModel != null ? Models.nameOf(secondModel) : null);
            return minConfidence != null ? m.withMinConfidence(minConfidence) : m;
        }

        /** Told how indexing goes, for a progress line. */
        public Builder progress(IndexProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /** The folder of the on-disk embedding cache (default {@link EmbeddingCache#defaultDirectory()}). */
        public Builder cache(Path folder) {
            this.cacheDir = Objects.requireNonNull(folder, "cache");
            return this;
        }

        /**
         * A second model (a name as for {@link #model(String)}, such as {@code "e5"}), whose vectors of every
         * sentence are computed at index time, the question's cosines with its candidates becoming ranking features
         * ({@code Feature.SECOND_COSINE}); null for none (the default: e5's ranker
         * answers more of a news corpus's off-topic questions and reads follow-ups worse; see README "Quality").
         * With e5, the bundled ranker trained on those features ranks ({@code RankerModel.bundled(String)}). It
         * loads in the background and is cached on disk as the first model is.
         */
        public Builder secondModel(String nameOrDir) {
            this.secondModel = nameOrDir;
            return this;
        }

        /** Keeps embeddings in memory only: every start embeds every sentence. */
        public Builder noCache() {
            this.cacheDir = null;
            return this;
        }

        /**
         * Whether to reload the corpus folder when its articles change (default: no). The bundled articles never
         * change: with them, this does nothing.
         */
        public Builder watch(boolean watch) {
            this.watch = watch;
            return this;
        }

        /** How long the folder must be quiet after a change before reloading (default 300 ms). */
        public Builder watchSettle(Duration settle) {
            if (settle.isNegative()) {
                throw new IllegalArgumentException("watch settle time must not be negative: " + settle);
            }
            this.watchSettle = settle;
            return this;
        }

        /**
         * Loads the articles and indexes every sentence, the model loading in the background meanwhile.
         *
         * @throws CiteBotException naming the path when the corpus or model cannot be loaded
         */
        public CiteBot build() {
            if (watch && (articles != null || backendFactory == null)) {
                throw new IllegalStateException("watch needs a corpus folder and a backend factory");
            }
            Builder config = copy();
            boolean bundled = config.corpus == null && config.articles == null;
            if (bundled) {
                config.corpus = BundledCorpus.folder();
            }
            OptimizedGraphs graphs = cacheDir != null ? OptimizedGraphs.in(cacheDir) : null;
            String secondName = secondModel != null ? Models.nameOf(secondModel) : null; // fails before any load
            EmbeddingModel m;
            boolean owns;
            if (model != null) {
                m = model;
                owns = false;
            } else {
                String spec = modelName != null ? modelName : "fp32";
                m = LoadingModel.start(Models.nameOf(spec), () -> Models.named(spec, graphs));
                owns = true;
            }
            boolean named = modelName != null || model == null || model instanceof BertEncoder;
            EmbeddingCache cache = cacheDir != null && named
                    ? EmbeddingCache.open(cacheDir, m.modelName()) : EmbeddingCache.inMemory(m.modelName());
            SentenceIndex.Embedder second = null;
            if (secondModel != null) {
                String spec = secondModel;
                LoadingModel m2 = LoadingModel.start(secondName, () -> Models.named(spec, graphs));
                second = new SentenceIndex.Embedder(m2, cacheDir != null ? EmbeddingCache.open(cacheDir, m2.modelName())
                        : EmbeddingCache.inMemory(m2.modelName()));
            }
            CiteBot bot = new CiteBot(config, m, owns, cache, second);
            // The backend (for Lucene, an index writer: a good tenth of a second at start) is made while the
            // articles load.
            CompletableFuture<SearchBackend> next = backend != null ? CompletableFuture.completedFuture(backend)
                    : CompletableFuture.supplyAsync(backendFactory);
            List<Article> loaded;
            try {
                loaded = articles != null ? articles : new CorpusLoader().load(config.corpus);
            } catch (RuntimeException e) {
                next.thenAccept(SearchBackend::close); // as a failed index build does: the bot owns its backend
                bot.close();
                throw e;
            }
            try {
                bot.swap(bot.index(loaded, join(next)));
                if (watch && !bundled) {
                    bot.watch();
                }
                return bot;
            } catch (IOException e) {
                bot.close();
                throw new CiteBotException("cannot watch the corpus folder " + config.corpus + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                bot.close();
                throw e;
            }
        }

        private static SearchBackend join(CompletableFuture<SearchBackend> backend) {
            try {
                return backend.join();
            } catch (java.util.concurrent.CompletionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : e;
            }
        }

        /** {@link #build} in a background thread; the future fails with what build would throw. */
        public CompletableFuture<CiteBot> buildAsync() {
            Builder config = copy();
            CompletableFuture<CiteBot> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    f.complete(config.build());
                } catch (Throwable e) {
                    f.completeExceptionally(e);
                }
            }, "citebot-build");
            t.setDaemon(true);
            t.start();
            return f;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.corpus = corpus;
            b.articles = articles;
            b.modelName = modelName;
            b.model = model;
            b.backend = backend;
            b.backendFactory = backendFactory;
            b.maxCitations = maxCitations;
            b.progress = progress;
            b.cacheDir = cacheDir;
            b.secondModel = secondModel;
            b.watch = watch;
            b.watchSettle = watchSettle;
            b.ranker = ranker;
            b.rankerModel = rankerModel;
            b.minConfidence = minConfidence;
            return b;
        }
    }
}
