package io.github.citebot.cli;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.retrieval.RankerModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code eval} over corpus folders and {@code train}, as a user runs them, on a corpus made here from the seeds. */
class EvalCorporaTest {

    private static final Path DEV = Path.of("src/test/resources/eval/dev.jsonl");

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private PrintStream oldOut;
    private PrintStream oldErr;

    @TempDir
    Path dir;

    @BeforeEach
    void capture() {
        oldOut = System.out;
        oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(oldOut);
        System.setErr(oldErr);
    }

    /** A corpus folder in the shared layout: the seed articles and the dev questions. */
    private Path corpusFolder(String name) throws IOException {
        Path folder = dir.resolve(name);
        Files.createDirectories(folder.resolve("corpus"));
        try (Stream<Path> seeds = Files.list(Path.of("seeds"))) {
            for (Path f : seeds.filter(p -> p.toString().endsWith(".txt")).toList()) {
                Files.copy(f, folder.resolve("corpus").resolve(f.getFileName()));
            }
        }
        Files.copy(DEV, folder.resolve("questions.jsonl"));
        return folder;
    }

    @Test
    void should_print_one_row_per_corpus_and_ranker_with_the_baselines_beside_citebot() throws IOException {
        Path news = corpusFolder("news");

        assertThat(Main.run("eval", news.toString(), "--ranker", "citebot,bm25", "--no-cache", "--calibration"))
                .as(err.toString()).isZero();

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.get(0)).startsWith("| corpus | ranker | questions | hit@1 | hit@3 |");
        assertThat(lines).anyMatch(l -> l.startsWith("| news | citebot | 23 |"))
                .anyMatch(l -> l.startsWith("| news | bm25 | 23 |"))
                .anyMatch(l -> l.startsWith("expected calibration error"));
        // BM25 never refuses: it answers every unanswerable question, so its refusal is 0.
        String bm25 = lines.stream().filter(l -> l.startsWith("| news | bm25 |")).findFirst().orElseThrow();
        assertThat(bm25.split("\\|")[7].strip()).isEqualTo("0.000");
    }

    @Test
    void should_exit_2_in_one_line_for_a_folder_without_questions_and_an_unknown_ranker() throws IOException {
        Path bare = Files.createDirectories(dir.resolve("bare"));

        assertThat(Main.run("eval", bare.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).contains("questions.jsonl").contains(bare.toString());

        err.reset();
        assertThat(Main.run("eval", DEV.toString(), "--ranker", "magic")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).hasLineCount(1).contains("unknown ranker: magic");
    }

    @Test
    void should_train_the_same_bytes_twice_from_the_same_questions() throws IOException {
        Path news = corpusFolder("news");
        Path cache = dir.resolve("cache");

        assertThat(Main.run("train", news.toString(), "--cache", cache.toString(), "--out", dir.resolve("a.json").toString()))
                .as(err.toString()).isZero();
        assertThat(Main.run("train", news.toString(), "--cache", cache.toString(), "--out", dir.resolve("b.json").toString()))
                .as(err.toString()).isZero();

        assertThat(Files.readAllBytes(dir.resolve("a.json"))).isEqualTo(Files.readAllBytes(dir.resolve("b.json")));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("| news | citebot (held-out articles) | 23 |");
        io.github.citebot.retrieval.RankerModel trained =
                io.github.citebot.retrieval.RankerModel.parse(Files.readString(dir.resolve("a.json")), "a.json");
        assertThat(trained.trainedOn()).containsExactly("news");
        // By default the second model's cosines are features; with --second-model none they are not.
        assertThat(trained.ranker().features()).contains(io.github.citebot.retrieval.Feature.SECOND_COSINE);
        assertThat(Main.run("train", news.toString(), "--cache", cache.toString(), "--second-model", "none",
                "--out", dir.resolve("c.json").toString())).as(err.toString()).isZero();
        assertThat(io.github.citebot.retrieval.RankerModel.parse(Files.readString(dir.resolve("c.json")), "c.json")
                .answerability().features()).doesNotContain(io.github.citebot.retrieval.Feature.BEST_SECOND_COSINE);
    }

    @Test
    void should_recalibrate_the_confidence_alone_the_same_bytes_twice() throws IOException {
        Path cache = dir.resolve("cache");
        Path bundled = Path.of("src/main/resources/io/github/citebot/retrieval/ranker.json");
        List<String> args = List.of("train", "src/test/resources/eval/dev.jsonl", "src/test/resources/eval/paraphrases.jsonl",
                "src/test/resources/eval/fresh.jsonl", "--corpus", "seeds", "--cache", cache.toString(),
                "--second-model", "none", "--keep-ranker", bundled.toString(), "--recalibrate-only", "--out");
        for (String name : List.of("a.json", "b.json")) {
            List<String> run = new java.util.ArrayList<>(args);
            run.add(dir.resolve(name).toString());
            assertThat(Main.run(run.toArray(String[]::new))).as(err.toString()).isZero();
        }
        assertThat(Files.readAllBytes(dir.resolve("a.json"))).isEqualTo(Files.readAllBytes(dir.resolve("b.json")));
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("expected calibration error");

        RankerModel before = RankerModel.parse(Files.readString(bundled), bundled.toString());
        RankerModel after = RankerModel.parse(Files.readString(dir.resolve("a.json")), "a.json");
        assertThat(after.ranker()).isEqualTo(before.ranker());
        assertThat(after.answerability()).isNotEqualTo(before.answerability());
        // Every question of the seeds' gold files, heldout's too (never fitted on): the same citations and refusals,
        // and confidences in the same order, only mapped to other values.
        List<String> questions = new java.util.ArrayList<>();
        for (String set : List.of("dev", "paraphrases", "fresh", "heldout")) {
            io.github.citebot.eval.GoldFiles.read(Path.of("src/test/resources/eval/" + set + ".jsonl"))
                    .forEach(g -> questions.add(g.question()));
        }
        List<Answer> old;
        List<Answer> now;
        try (CiteBot a = CiteBot.builder().corpus(Path.of("seeds")).cache(cache).rankerModel(before).build();
             CiteBot b = CiteBot.builder().corpus(Path.of("seeds")).cache(cache).rankerModel(after).build()) {
            old = a.askAll(questions);
            now = b.askAll(questions);
        }
        int refused = 0;
        for (int i = 0; i < questions.size(); i++) {
            assertThat(now.get(i).answered()).as(questions.get(i)).isEqualTo(old.get(i).answered());
            assertThat(now.get(i).text()).as(questions.get(i)).isEqualTo(old.get(i).text());
            assertThat(now.get(i).citations()).as(questions.get(i)).isEqualTo(old.get(i).citations());
            refused += old.get(i).answered() ? 0 : 1;
            for (int j = 0; j < i; j++) {
                // Never in the opposite order (confidences are rounded, so a tie may become an order and back).
                assertThat(Double.compare(now.get(i).confidence(), now.get(j).confidence())
                        * Double.compare(old.get(i).confidence(), old.get(j).confidence())).isNotNegative();
            }
        }
        assertThat(refused).as("the seeds' off-topic questions are refused").isPositive();
    }
}
