package io.github.citebot.cli;

import io.github.citebot.eval.Scoring;
import io.github.citebot.eval.GoldFiles;

import io.github.citebot.CiteBot;
import io.github.citebot.CiteBotException;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.JsonRenderer;
import io.github.citebot.corpus.CorpusLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** {@code citebot eval FILE}: asks every question of a gold file and prints score.py's figures. */
@Command(name = "eval", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Answer every question of a gold file (score.py's format) and print the figures score.py prints.")
final class EvalCommand implements java.util.concurrent.Callable<Integer> {

    @Mixin
    BotOptions options;

    @Parameters(paramLabel = "FILE", description = "gold questions, one JSON object a line: id, question, answerable, gold")
    Path file;

    @Option(names = "--out", paramLabel = "ANSWERS", description = "also write the answers as JSON lines to this file")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<Scoring.GoldQuestion> gold = GoldFiles.read(file);
        Path outFolder = out == null ? null : out.toAbsolutePath().getParent();
        if (outFolder != null && !Files.isDirectory(outFolder)) {
            throw new CiteBotException("folder for --out not found: " + outFolder);
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        try (CiteBot bot = options.build()) {
            for (Scoring.GoldQuestion g : gold) {
                answers.put(Scoring.norm(g.question()), bot.ask(g.question()));
            }
        }
        List<String> misses = new ArrayList<>();
        Map<String, Object> figures = Scoring.score(gold, answers, Scoring.sourceTexts(options.corpus()), misses);
        misses.forEach(System.out::println);
        System.out.println(Scoring.line(figures));
        if (out != null) {
            JsonRenderer json = new JsonRenderer();
            List<String> lines = answers.values().stream().map(json::render).toList();
            try {
                Files.write(out, lines, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CiteBotException("cannot write the answers to " + out + ": " + e.getMessage(), e);
            }
        }
        return 0;
    }
}
