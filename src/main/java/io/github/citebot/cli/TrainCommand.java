package io.github.citebot.cli;

import io.github.citebot.CiteBotException;
import io.github.citebot.embedding.EmbeddingCache;
import io.github.citebot.embedding.Models;
import io.github.citebot.embedding.BertEncoder;
import io.github.citebot.eval.EvalSet;
import io.github.citebot.eval.Trainer;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.retrieval.RankerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code citebot train DIR|FILE... --out FILE}: trains the ranker and the answerability model on labelled
 * questions, prints the held-out-article figures and writes the model. Deterministic: the same sets give the same
 * file, byte for byte.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Train the ranker and the calibrated refusal on labelled questions; print the held-out-article "
                + "cross-validation figures and write the model (the same data give the same bytes).",
                "A set is a corpus folder with its questions (corpus/ and questions.jsonl) or a gold file over --corpus.",
                "The bundled model for --second-model e5 (needs ../shared): ./citebot train ../shared/eval/corpora/squad2 "
                        + "src/test/resources/eval/dev.jsonl src/test/resources/eval/paraphrases.jsonl "
                        + "src/test/resources/eval/fresh.jsonl --out src/main/resources/io/github/citebot/retrieval/ranker-e5-small-v2-q.json",
                "The default's confidence recalibrated (measured, not shipped: see README, Quality; needs ../shared): ./citebot train ../shared/eval/corpora/squad2 "
                        + "src/test/resources/eval/dev.jsonl src/test/resources/eval/paraphrases.jsonl "
                        + "src/test/resources/eval/fresh.jsonl --second-model none --keep-ranker "
                        + "src/main/resources/io/github/citebot/retrieval/ranker.json --recalibrate-only --out /tmp/ranker.json"})
final class TrainCommand implements java.util.concurrent.Callable<Integer> {

    @Parameters(paramLabel = "DIR|FILE", arity = "1..*", description = "corpus folders with questions.jsonl, or gold files over --corpus")
    List<Path> sets;

    @Option(names = "--corpus", paramLabel = "DIR", description = "the articles gold files are about; default: the bundled articles")
    Path corpus;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "where to write the model (JSON)")
    Path out;

    @Option(names = "--cache", paramLabel = "DIR", description = "folder of the embedding cache; default: $XDG_CACHE_HOME/citebot or ~/.cache/citebot")
    Path cache;

    @Option(names = "--second-model", paramLabel = "MODEL", description = "a second model whose cosines become "
            + "features (e5, or none); default: ${DEFAULT-VALUE}")
    String secondModel = "e5";

    @Option(names = "--keep-ranker", paramLabel = "FILE", description = "learn only the answerability model and the "
            + "refusal threshold, for the ranker of this model file (as the bundled one, which holds hand-set ranking weights)")
    Path keepRanker;

    @Option(names = "--recalibrate-only", description = "with --keep-ranker: keep that model whole and only Platt-scale "
            + "its confidence (the same ranking and refusals, a calibrated probability)")
    boolean recalibrateOnly;

    @Override
    public Integer call() throws IOException {
        // A missing or unreadable file is bad input (exit 2), as eval's --weights, not an internal error.
        RankerModel kept = keepRanker == null ? null : EvalCommand.readWeights(keepRanker);
        if (recalibrateOnly && kept == null) {
            throw new CiteBotException("--recalibrate-only needs --keep-ranker FILE, the model to recalibrate");
        }
        List<EvalSet> evalSets = EvalSet.of(sets, corpus != null ? corpus : io.github.citebot.CiteBot.defaultCorpus());
        OutFile.check(out);
        Path cacheDir = cache != null ? cache : EmbeddingCache.defaultDirectory();
        boolean withSecond = !secondModel.equalsIgnoreCase("none");
        if (recalibrateOnly && withSecond != readsSecondModel(kept)) {
            // Its rankings must be the ones it makes in use: with a second model's features only if it reads them.
            throw new CiteBotException(keepRanker + (withSecond ? " reads no second model's features: add --second-model none"
                    : " reads a second model's features: name it with --second-model"));
        }
        try (BertEncoder model = Models.bundled(); BertEncoder second = withSecond ? Models.named(secondModel) : null) {
            Trainer trainer = new Trainer(embedder(model, cacheDir), withSecond ? embedder(second, cacheDir) : null);
            Trainer.Result result = recalibrateOnly ? trainer.recalibrate(evalSets, kept)
                    : trainer.train(evalSets, kept == null ? null : kept.ranker());
            System.out.println(result.report().strip());
            OutFile.write(out, result.model().toJson());
            System.out.println("\nwrote " + out + " (format " + RankerModel.FORMAT + ")");
        }
        return 0;
    }

    private static boolean readsSecondModel(RankerModel m) {
        return java.util.stream.Stream.concat(m.ranker().features().stream(), m.answerability().features().stream())
                .anyMatch(f -> f.key().contains("second"));
    }

    private static SentenceIndex.Embedder embedder(BertEncoder model, Path cacheDir) {
        return new SentenceIndex.Embedder(model, EmbeddingCache.open(cacheDir, model.modelName()));
    }
}
