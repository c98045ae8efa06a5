package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.eval.EvalReport;
import io.github.citebot.eval.EvalSet;
import io.github.citebot.eval.Scoring;
import io.github.citebot.index.ProgressLine;
import io.github.citebot.retrieval.Ranker;
import io.github.citebot.retrieval.RankerModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code citebot eval DIR|FILE...}: asks every question of each set and prints score.py's figures, one row per
 * corpus and ranker; with a single gold file and ranker, score.py's own output.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Answer every question of each set and print the figures score.py prints.",
                "A set is a corpus folder with its questions (corpus/ and questions.jsonl, as ../shared/eval/corpora/*) "
                        + "or a gold file (score.py's format) over --corpus. One set and one ranker: score.py's output "
                        + "(misses, then its figures); otherwise a Markdown table, one row per set and ranker."})
final class EvalCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    BotOptions options;

    @Parameters(paramLabel = "DIR|FILE", arity = "1..*",
            description = "corpus folders with questions.jsonl, or gold files over --corpus")
    List<Path> sets;

    @Option(names = "--ranker", split = ",", paramLabel = "RANKER",
            description = "citebot (default), bm25, dense or rrf (baselines: top 3, never refuse); several, comma-separated")
    List<String> rankers = List.of(Ranker.CITEBOT.key());

    @Option(names = "--calibration", description = "also print citebot's reliability table and expected calibration error per set")
    boolean calibration;

    @Option(names = "--weights", paramLabel = "FILE", description = "a ranker file written by citebot train instead of the bundled one")
    Path weights;

    @Option(names = "--out", paramLabel = "ANSWERS", description = "also write the answers as JSON lines to this file (one set, one ranker)")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<EvalSet> evalSets = EvalSet.of(sets, options.corpus());
        List<Ranker> chosen = new ArrayList<>();
        for (String r : rankers) {
            chosen.add(java.util.Arrays.stream(Ranker.values()).filter(x -> x.key().equals(r)).findFirst()
                    .orElseThrow(() -> new CiteBotException("unknown ranker: " + r + " (citebot, bm25, dense or rrf)")));
        }
        boolean single = evalSets.size() == 1 && chosen.size() == 1;
        if (out != null && !single) {
            throw new CiteBotException("--out writes the answers of one set and one ranker; give one of each");
        }
        OutFile.check(out);
        RankerModel model = weights == null ? null : readWeights(weights);
        List<String> rows = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        for (EvalSet set : evalSets) {
            List<Scoring.GoldQuestion> gold = set.questions();
            for (Ranker ranker : chosen) {
                CiteBot.Builder b = options.builder(new ProgressLine(System.err)).corpus(set.corpus()).ranker(ranker);
                if (model != null) {
                    b.rankerModel(model);
                    if (options.minConfidence != null) {
                        b.minConfidence(options.minConfidence);
                    }
                }
                Map<String, Answer> answers = new LinkedHashMap<>();
                try (CiteBot bot = b.build()) {
                    List<Answer> all = bot.askAll(gold.stream().map(Scoring.GoldQuestion::question).toList());
                    for (int i = 0; i < gold.size(); i++) {
                        answers.put(Scoring.norm(gold.get(i).question()), all.get(i));
                    }
                }
                List<String> misses = new ArrayList<>();
                Map<String, Object> figures = Scoring.score(gold, answers, Scoring.sourceTexts(set.corpus()), misses);
                if (single) {
                    misses.forEach(System.out::println);
                    System.out.println(Scoring.line(figures));
                    write(answers);
                } else {
                    rows.add(EvalReport.row(set.name(), ranker.key(), gold, figures, EvalReport.answerableRefused(gold, answers)));
                }
                if (calibration && ranker == Ranker.CITEBOT) {
                    tables.add("calibration on " + set.name() + " (answered questions; right = first citation holds the answer)\n\n"
                            + EvalReport.calibration(gold, answers).table());
                }
            }
        }
        if (!rows.isEmpty()) {
            System.out.println(EvalReport.HEADER);
            rows.forEach(System.out::println);
        }
        tables.forEach(t -> System.out.println("\n" + t.strip()));
        return 0;
    }

    static RankerModel readWeights(Path file) {
        try {
            return RankerModel.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CiteBotException("cannot read the ranker file " + file + ": " + e.getMessage());
        }
    }

    private void write(Map<String, Answer> answers) {
        if (out == null) {
            return;
        }
        JsonRenderer json = new JsonRenderer();
        StringBuilder lines = new StringBuilder();
        answers.values().forEach(a -> lines.append(json.render(a)).append('\n'));
        OutFile.write(out, lines.toString());
    }
}
