package io.github.citebot;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.github.citebot.answer.Answer;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.index.Models;
import io.github.citebot.index.SearchBackend;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Retriever;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Answers questions about a corpus of articles with the articles' own sentences, each cited.
 *
 * <pre>{@code
 * try (CiteBot bot = CiteBot.builder().corpus(Path.of("seeds")).build()) {
 *     Answer a = bot.ask("Why didn't Kim go?");
 *     System.out.println(a.text());
 *     a.citations().forEach(c -> System.out.println(c.n() + " " + c.outlet() + ": " + c.sentence()));
 * }
 * }</pre>
 *
 * <p>{@link #build} loads the articles, the embedding model and embeds every sentence; it takes about a second
 * on the bundled articles. After that, {@link #ask} is safe to call from many threads at once and gives the
 * same answer to the same question whatever else runs beside it.
 */
public final class CiteBot implements AutoCloseable {

    /** The folder of the bundled articles, relative to the working directory. */
    public static final Path DEFAULT_CORPUS = Path.of("seeds");
    /** The longest question accepted, in characters; longer ones are cut to this before embedding. */
    public static final int MAX_QUESTION_CHARS = 2000;

    private final SentenceIndex index;
    private final Answerer answerer;
    private final int maxCitations;

    private CiteBot(SentenceIndex index, int maxCitations) {
        this.index = index;
        this.answerer = new Answerer(new Retriever(index));
        this.maxCitations = maxCitations;
    }

    /** A builder; by default it indexes {@link #DEFAULT_CORPUS} with the bundled all-MiniLM-L6-v2 model. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The answer to a question. A question the articles do not answer gets {@link Answer#NO_ANSWER} and no
     * citations.
     *
     * @throws CiteBotException when the question is null or blank
     */
    public Answer ask(String question) {
        if (question == null || question.isBlank()) {
            throw new CiteBotException("empty question: type a question about the articles");
        }
        String q = question.strip();
        Answer answer = answerer.answer(q.length() > MAX_QUESTION_CHARS ? q.substring(0, MAX_QUESTION_CHARS) : q,
                maxCitations);
        return q.equals(answer.question()) ? answer
                : new Answer(q, answer.answered(), answer.text(), answer.confidence(), answer.citations());
    }

    /** The articles, in source-id order. */
    public List<Article> sources() {
        return index.articles();
    }

    /** The number of sentences indexed. */
    public int sentenceCount() {
        return index.sentenceCount();
    }

    @Override
    public void close() {
        index.close();
    }

    /** Configures and builds a {@link CiteBot}. Every setting has a default. */
    public static final class Builder {
        private Path corpus = DEFAULT_CORPUS;
        private List<Article> articles;
        private Path modelDir;
        private EmbeddingModel model;
        private SearchBackend backend;
        private int maxCitations = Answerer.DEFAULT_MAX_CITATIONS;
        private IndexProgress progress = IndexProgress.NONE;

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
            this.modelDir = Objects.requireNonNull(dir, "model");
            this.model = null;
            return this;
        }

        /** An embedding model already loaded (for example, to share one between several bots). */
        public Builder embeddingModel(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "embeddingModel");
            this.modelDir = null;
            return this;
        }

        /** Where sentences are stored and searched; an in-memory backend by default. */
        public Builder backend(SearchBackend backend) {
            this.backend = Objects.requireNonNull(backend, "backend");
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

        /** Told how indexing goes, for a progress line. */
        public Builder progress(IndexProgress progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Loads the articles and the model and indexes every sentence.
         *
         * @throws CiteBotException naming the path when the corpus or model cannot be loaded
         */
        public CiteBot build() {
            List<Article> loaded = articles != null ? articles : new CorpusLoader().load(corpus);
            EmbeddingModel m = model != null ? model : modelDir != null ? Models.fromDirectory(modelDir) : Models.bundled();
            SearchBackend b = backend != null ? backend : new MemoryBackend();
            return new CiteBot(SentenceIndex.build(loaded, m, b, progress), maxCitations);
        }
    }
}
