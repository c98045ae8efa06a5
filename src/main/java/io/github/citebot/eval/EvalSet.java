package io.github.citebot.eval;

import io.github.citebot.CiteBotException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A corpus with questions about it: a folder laid out as {@code corpus/} + {@code questions.jsonl} (as
 * {@code ../shared/eval/corpora/*}), or a gold file over a corpus folder given apart.
 *
 * @param name   how reports name it: the folder's name, or the gold file's without {@code .jsonl}
 * @param corpus the folder of articles
 * @param gold   the questions, in score.py's format
 */
public record EvalSet(String name, Path corpus, Path gold) {

    /**
     * The set an argument names: a corpus folder with its questions, or a gold file over {@code corpus}.
     *
     * @throws CiteBotException naming the argument when it is neither
     */
    public static EvalSet of(Path arg, Path corpus) {
        if (Files.isDirectory(arg)) {
            Path articles = arg.resolve("corpus");
            Path questions = arg.resolve("questions.jsonl");
            if (!Files.isDirectory(articles) || !Files.isRegularFile(questions)) {
                throw new CiteBotException("not a corpus folder with its questions (corpus/ and questions.jsonl): " + arg);
            }
            return new EvalSet(name(arg), articles, questions);
        }
        if (!Files.isRegularFile(arg)) {
            throw new CiteBotException("no such gold file or corpus folder: " + arg);
        }
        return new EvalSet(name(arg).replaceFirst("\\.jsonl$", ""), corpus, arg);
    }

    /** The sets the arguments name, in their order. */
    public static List<EvalSet> of(List<Path> args, Path corpus) {
        return args.stream().map(a -> of(a, corpus)).toList();
    }

    private static String name(Path p) {
        Path f = p.toAbsolutePath().normalize().getFileName();
        return f == null ? p.toString() : f.toString();
    }

    /** The questions. */
    public List<Scoring.GoldQuestion> questions() {
        return GoldFiles.read(gold);
    }
}
