package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.embedding.Models;
import io.github.citebot.index.elasticsearch.ElasticsearchBackend;
import io.github.citebot.index.ProgressLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every command that answers questions shares: which corpus, which model, where the embedding cache
 * is, how many citations, and where the sentences are stored.
 */
public final class BotOptions {

    /** Where sentences are stored and searched. */
    public enum Store { memory, elasticsearch }

    @Option(names = "--corpus", paramLabel = "DIR",
            description = "folder of articles (.txt, .md, .html); default: the bundled articles (seeds/)")
    Path corpus;

    @Option(names = "--model", paramLabel = "MODEL", description = "fp32 (the bundled all-MiniLM-L6-v2, default), "
            + "quantized (its int8 twin: faster to index, slightly less exact), e5 (the int8 e5-small-v2: finds the "
            + "answering sentence more often, scores on another scale), or a sentence-transformers model folder "
            + "with model.onnx and tokenizer.json")
    String model;

    @Option(names = "--second-model", paramLabel = "MODEL", description = "a second model whose vectors of every "
            + "sentence are computed at index time, its cosines ranking features: e5 (the int8 e5-small-v2, with the "
            + "learned, calibrated ranker trained on them), another name or folder as for --model, or none; default: none")
    String secondModel;

    @Option(names = "--cache", paramLabel = "DIR", description = "folder of the embedding cache; default: $XDG_CACHE_HOME/citebot or ~/.cache/citebot")
    Path cache;

    @Option(names = "--no-cache", description = "embed every sentence at every start; read and write no cache")
    boolean noCache;

    @Option(names = "--top", paramLabel = "N", description = "most citations in one answer; default: ${DEFAULT-VALUE}")
    int top = io.github.citebot.retrieval.Answerer.DEFAULT_MAX_CITATIONS;

    @Option(names = "--min-confidence", paramLabel = "P", description = "answer only when the estimated probability that "
            + "the first citation answers is at least P (0 to 1); default: the model's, set for at most 5 %% of answerable questions refused")
    Double minConfidence;

    @Option(names = "--store", paramLabel = "STORE",
            description = "where sentences are stored and searched: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Store store = Store.memory;

    @Option(names = "--es-url", paramLabel = "URL", defaultValue = "${env:CITEBOT_ES_URL}",
            description = "Elasticsearch node URL(s), comma-separated, for --store elasticsearch; default: $CITEBOT_ES_URL")
    String esUrl;

    @Option(names = "--es-index", paramLabel = "NAME",
            description = "the Elasticsearch alias citebot builds and serves; default: ${DEFAULT-VALUE}")
    String esIndex = ElasticsearchBackend.DEFAULT_INDEX;

    /** The corpus folder: --corpus, else the bundled articles. */
    Path corpus() {
        return corpus != null ? corpus : CiteBot.defaultCorpus();
    }

    /** Whether --corpus was left out: the bundled articles are answered from. */
    boolean bundled() {
        return corpus == null;
    }

    /**
     * A builder set up from these options. With {@code --store elasticsearch} this connects to the cluster first.
     *
     * @throws io.github.citebot.CiteBotException when the cluster cannot be reached
     */
    public CiteBot.Builder builder(IndexProgress progress) {
        if (top < 1) {
            throw new io.github.citebot.CiteBotException("--top must be at least 1, got " + top);
        }
        if (cache != null && cache.toString().isBlank()) {
            throw new io.github.citebot.CiteBotException("--cache needs a folder name (or --no-cache for no cache)");
        }
        if (cache != null && java.nio.file.Files.exists(cache) && !java.nio.file.Files.isDirectory(cache)) {
            // Else every answer ran on, with four warnings that the cache could not be read, kept or saved.
            throw new io.github.citebot.CiteBotException("--cache is a file, not a folder: " + cache);
        }
        if (noCache && cache != null) {
            throw new io.github.citebot.CiteBotException("--cache and --no-cache contradict each other: give one");
        }
        if (minConfidence != null && !(minConfidence >= 0 && minConfidence <= 1)) {
            throw new io.github.citebot.CiteBotException("--min-confidence must be between 0 and 1, got " + minConfidence);
        }
        CiteBot.Builder b = CiteBot.builder().top(top).progress(progress);
        if (corpus != null) {
            b.corpus(corpus);
        }
        if (minConfidence != null) {
            b.minConfidence(minConfidence);
        }
        if (model != null) {
            b.model(model);
        }
        if (secondModel != null && !secondModel.equalsIgnoreCase("none")) {
            b.secondModel(secondModel);
        }
        if (store == Store.elasticsearch) {
            // The model is part of every document id: another model's embeddings never mix with these.
            String modelName = Models.nameOf(model == null ? Models.DEFAULT_NAME : model);
            b.backend(ElasticsearchBackend.connect(esUrl, esIndex, modelName));
        }
        if (noCache) {
            b.noCache();
        } else if (cache != null) {
            b.cache(cache);
        }
        return b;
    }

    /**
     * A builder for the long-running front-ends (the REPL, the Telegram bot): with the in-memory store the corpus
     * folder is watched, and articles added, changed or removed there are picked up without a restart.
     */
    public CiteBot.Builder liveBuilder(IndexProgress progress) {
        return builder(progress).watch(store == Store.memory);
    }

    /** The bot these options describe, with a progress line on standard error when a large corpus is embedded. */
    public CiteBot build() {
        return builder(new ProgressLine(System.err)).build();
    }
}
