package io.github.citebot;

import io.github.citebot.answer.Answer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library and the command line as a user runs them: citebot's classes in a jar, in a fresh JVM whose working
 * directory has no seeds folder, answering from the bundled articles.
 */
class AnyWorkingDirectoryTest {

    @TempDir
    static Path tmp;
    private static Path elsewhere;
    private static String classPath;
    private static List<String> seeds;

    @BeforeAll
    static void jar() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("seeds"))) {
            seeds = files.filter(io.github.citebot.corpus.CorpusLoader::isArticle).map(f -> f.getFileName().toString()).sorted().toList();
        }
        Path jar = tmp.resolve("citebot.jar");
        Path classes = Path.of("target/classes").toAbsolutePath();
        assertThat(run(tmp, Path.of(System.getProperty("java.home"), "bin", "jar").toString(), "--create", "--file",
                jar.toString(), "-C", classes.toString(), ".").code).isZero();
        elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
        // This JVM's class path, with citebot's classes from the jar instead of target/classes.
        classPath = Stream.concat(Stream.of(jar.toString()), Arrays.stream(System.getProperty("java.class.path")
                        .split(File.pathSeparator)).filter(p -> !Path.of(p).toAbsolutePath().equals(classes)))
                .collect(Collectors.joining(File.pathSeparator));
    }

    @Test
    void should_list_the_bundled_articles_from_a_folder_without_seeds() throws Exception {
        Run sources = java("io.github.citebot.cli.Main", "sources");

        assertThat(sources.code).as(sources.err).isZero();
        assertThat(sources.out.lines().map(l -> l.split("\\s+")[0]).toList()).isEqualTo(seeds);
        assertThat(Files.list(elsewhere)).isEmpty();
    }

    @Test
    void should_answer_a_library_call_from_the_bundled_articles_from_a_folder_without_seeds() throws Exception {
        Run library = java(AnyWorkingDirectoryTest.class.getName());

        assertThat(library.code).as(library.err).isZero();
        List<String> lines = library.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("answered");
        assertThat(lines.get(1)).isIn(seeds);
        assertThat(lines.get(2)).isEqualTo(String.valueOf(seeds.size()));
        // The bundled model was read from a plain file, unpacked once into the cache folder.
        assertThat(tmp.resolve("cache/citebot/models").toFile().list()).anyMatch(f -> f.endsWith("all-minilm-l6-v2.onnx"));
    }

    /** The library call of the test above, in the child JVM: the README's example. */
    public static void main(String[] args) {
        try (CiteBot bot = CiteBot.builder().build()) {
            Answer a = bot.ask("Why didn't Kim go?");
            System.out.println(a.answered() ? "answered" : "refused");
            System.out.println(a.citations().get(0).source());
            System.out.println(bot.sources().size());
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run java(String main, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", classPath, main));
        command.addAll(List.of(args));
        return run(elsewhere, command.toArray(String[]::new));
    }

    private static Run run(Path dir, String... command) throws IOException, InterruptedException {
        Path err = Files.createTempFile(tmp, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
        // Its own cache folder: the model and the embeddings are unpacked and cached there, not in the user's.
        pb.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        return new Run(code, out, Files.readString(err));
    }
}
