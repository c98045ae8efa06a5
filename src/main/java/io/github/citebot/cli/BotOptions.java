package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.index.IndexProgress;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The options every command that answers questions shares: which corpus, which model, how many citations. */
public final class BotOptions {

    @Option(names = "--corpus", paramLabel = "DIR", description = "folder of articles (.txt, .md, .html); default: ${DEFAULT-VALUE}")
    Path corpus = CiteBot.DEFAULT_CORPUS;

    @Option(names = "--model", paramLabel = "DIR", description = "sentence-transformers model folder with model.onnx and tokenizer.json; default: the bundled all-MiniLM-L6-v2")
    Path model;

    @Option(names = "--top", paramLabel = "N", description = "most citations in one answer; default: ${DEFAULT-VALUE}")
    int top = io.github.citebot.retrieval.Answerer.DEFAULT_MAX_CITATIONS;

    /** A builder set up from these options. */
    public CiteBot.Builder builder(IndexProgress progress) {
        if (top < 1) {
            throw new io.github.citebot.CiteBotException("--top must be at least 1, got " + top);
        }
        CiteBot.Builder b = CiteBot.builder().corpus(corpus).top(top).progress(progress);
        if (model != null) {
            b.model(model);
        }
        return b;
    }

    /** The bot these options describe. */
    public CiteBot build() {
        return builder(IndexProgress.NONE).build();
    }
}
