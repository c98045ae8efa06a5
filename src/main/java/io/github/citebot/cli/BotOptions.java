package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.index.ProgressLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options every command that answers questions shares: which corpus, which model, where the embedding cache
 * is, how many citations.
 */
public final class BotOptions {

    @Option(names = "--corpus", paramLabel = "DIR", description = "folder of articles (.txt, .md, .html); default: ${DEFAULT-VALUE}")
    Path corpus = CiteBot.DEFAULT_CORPUS;

    @Option(names = "--model", paramLabel = "MODEL", description = "fp32 (the bundled all-MiniLM-L6-v2, default), "
            + "quantized (its int8 twin: faster to index, slightly less exact), or a sentence-transformers model folder "
            + "with model.onnx and tokenizer.json")
    String model;

    @Option(names = "--cache", paramLabel = "DIR", description = "folder of the embedding cache; default: $XDG_CACHE_HOME/citebot or ~/.cache/citebot")
    Path cache;

    @Option(names = "--no-cache", description = "embed every sentence at every start; read and write no cache")
    boolean noCache;

    @Option(names = "--top", paramLabel = "N", description = "most citations in one answer; default: ${DEFAULT-VALUE}")
    int top = io.github.citebot.retrieval.Answerer.DEFAULT_MAX_CITATIONS;

    /** A builder set up from these options. */
    public CiteBot.Builder builder(IndexProgress progress) {
        if (noCache && cache != null) {
            throw new io.github.citebot.CiteBotException("--cache and --no-cache contradict each other: give one");
        }
        CiteBot.Builder b = CiteBot.builder().corpus(corpus).top(top).progress(progress);
        if (model != null) {
            b.model(model);
        }
        if (noCache) {
            b.noCache();
        } else if (cache != null) {
            b.cache(cache);
        }
        return b;
    }

    /** The bot these options describe, with a progress line on standard error when a large corpus is embedded. */
    public CiteBot build() {
        return builder(new ProgressLine(System.err)).build();
    }
}
