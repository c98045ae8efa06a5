package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.index.Models;
import io.github.citebot.index.elasticsearch.ElasticsearchBackend;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every command that answers questions shares: which corpus, which model, how many citations, and
 * where the sentences are stored.
 */
public final class BotOptions {

    /** Where sentences are stored and searched. */
    public enum Store { memory, elasticsearch }

    @Option(names = "--corpus", paramLabel = "DIR", description = "folder of articles (.txt, .md, .html); default: ${DEFAULT-VALUE}")
    Path corpus = CiteBot.DEFAULT_CORPUS;

    @Option(names = "--model", paramLabel = "DIR", description = "sentence-transformers model folder with model.onnx and tokenizer.json; default: the bundled all-MiniLM-L6-v2")
    Path model;

    @Option(names = "--top", paramLabel = "N", description = "most citations in one answer; default: ${DEFAULT-VALUE}")
    int top = io.github.citebot.retrieval.Answerer.DEFAULT_MAX_CITATIONS;

    @Option(names = "--store", paramLabel = "STORE",
            description = "where sentences are stored and searched: ${COMPLETION-CANDIDATES}; default: ${DEFAULT-VALUE}")
    Store store = Store.memory;

    @Option(names = "--es-url", paramLabel = "URL", defaultValue = "${env:CITEBOT_ES_URL}",
            description = "Elasticsearch node URL(s), comma-separated, for --store elasticsearch; default: $CITEBOT_ES_URL")
    String esUrl;

    @Option(names = "--es-index", paramLabel = "NAME",
            description = "the Elasticsearch alias citebot builds and serves; default: ${DEFAULT-VALUE}")
    String esIndex = ElasticsearchBackend.DEFAULT_INDEX;

    /**
     * A builder set up from these options. With {@code --store elasticsearch} this connects to the cluster first.
     *
     * @throws io.github.citebot.CiteBotException when the cluster cannot be reached
     */
    public CiteBot.Builder builder(IndexProgress progress) {
        if (top < 1) {
            throw new io.github.citebot.CiteBotException("--top must be at least 1, got " + top);
        }
        CiteBot.Builder b = CiteBot.builder().corpus(corpus).top(top).progress(progress);
        if (model != null) {
            b.model(model);
        }
        if (store == Store.elasticsearch) {
            // The model is part of every document id: another model's embeddings never mix with these.
            String modelName = model == null ? Models.DEFAULT_NAME : model.toAbsolutePath().normalize().toString();
            b.backend(ElasticsearchBackend.connect(esUrl, esIndex, modelName));
        }
        return b;
    }

    /** The bot these options describe. */
    public CiteBot build() {
        return builder(IndexProgress.NONE).build();
    }
}
