package io.github.citebot.cli;

import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code citebot sources} and the prompt's {@code :sources}: one article a line, titles wrapped whole-word. */
class SourcesCommandTest {

    private static final List<Article> SEEDS = new CorpusLoader().load(Path.of("seeds"));

    @ParameterizedTest(name = "{0} columns")
    @ValueSource(ints = {80, 120})
    void should_wrap_titles_at_word_boundaries_within_the_terminal_width(int width) {
        String table = SourcesCommand.render(SEEDS, width);

        assertThat(table.lines()).allMatch(line -> line.length() <= width, "fits in " + width + " columns");
        // Every word of every title is on one line, whole: nothing is cut in the middle of a word.
        List<String> words = table.lines().flatMap(line -> Arrays.stream(line.strip().split("\\s+"))).toList();
        for (Article a : SEEDS) {
            assertThat(words).containsSubsequence(a.title().split("\\s+"));
        }
    }

    @Test
    void should_keep_one_line_per_article_when_not_on_a_terminal() {
        String table = SourcesCommand.render(SEEDS, 0);

        assertThat(table.lines()).hasSize(SEEDS.size());
        for (int i = 0; i < SEEDS.size(); i++) {
            assertThat(table.lines().toList().get(i)).startsWith(SEEDS.get(i).source()).contains(SEEDS.get(i).title());
        }
    }

    @Test
    void should_line_up_the_counts_whatever_the_length_of_file_names(@TempDir Path corpus) throws Exception {
        Files.writeString(corpus.resolve("Computational_complexity_theory_and_more.txt"), "A title\n\nOne sentence. Two.\n");
        Files.writeString(corpus.resolve("short.txt"), "Another title\n\nOne sentence here.\n");

        List<String> lines = SourcesCommand.render(new CorpusLoader().load(corpus), 0).lines().toList();

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).indexOf("A title")).isEqualTo(lines.get(1).indexOf("Another title")).isPositive();
    }

    @Test
    void should_keep_a_line_that_fits_as_it_is() {
        String table = SourcesCommand.render(SEEDS, 1000);

        assertThat(table).isEqualTo(SourcesCommand.render(SEEDS, 0));
    }
}
