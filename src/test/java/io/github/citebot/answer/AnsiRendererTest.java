package io.github.citebot.answer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AnsiRendererTest {

    private static final String LONG = "Putin spokesman Dmitry Peskov told The Associated Press \"internal matters\" were "
            + "preventing Kim from leaving North Korea, and the Kremlin had been told of it in advance of the parade.";
    private static final String CONTEXT = "Peskov did not elaborate.";

    private static Answer answer() {
        Citation.Evidence evidence = new Citation.Evidence(2, 0.6141, 0, 0);
        return new Answer("Why didn't Kim go?", true, LONG + " [1]", 0.8, List.of(
                new Citation(1, "000_a.txt", "Associated Press", "Kim will not come to Moscow", LONG, CONTEXT, 0.74,
                        evidence)));
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 60, 80, 120})
    void should_wrap_every_line_to_the_width_keeping_every_word(int width) {
        String out = new AnsiRenderer(false).render(answer(), width);

        assertThat(out.lines()).allMatch(l -> l.length() <= width);
        assertThat(out.replaceAll("\\s+", " ")).contains(LONG + " [1]").contains("(" + CONTEXT + ") " + LONG);
        // Everything of a citation after its "[1]" hangs under it.
        List<String> lines = out.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("[1] ")).findFirst().orElseThrow());
        assertThat(lines.subList(header + 1, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("    "));
    }

    @Test
    void should_not_wrap_when_the_width_is_unknown() {
        String out = new AnsiRenderer(false).render(answer(), 0);

        assertThat(out).startsWith(LONG + " [1]\n").contains("\n    " + LONG + "\n");
    }

    @Test
    void should_emphasise_with_ansi_styles_only_when_colour_is_on() {
        String coloured = new AnsiRenderer(true).render(answer(), 80);
        String plain = new AnsiRenderer(false).render(answer(), 80);

        assertThat(coloured).contains("\u001B[").contains("Associated Press");
        assertThat(plain).doesNotContain("\u001B");
        assertThat(coloured.replaceAll("\u001B\\[[0-9;]*m", "")).isEqualTo(plain);
    }

    @Test
    void should_say_the_articles_dont_say_without_citations() {
        String out = new AnsiRenderer(false).render(Answer.unanswered("Who won?", 0.1), 80);

        assertThat(out).isEqualTo(Answer.NO_ANSWER + "\n");
    }

    @Test
    void should_explain_a_citation_with_both_ranks_and_the_final_score() {
        Citation c = answer().citations().get(0);

        String out = new AnsiRenderer(false).renderEvidence(c, 100);

        assertThat(out).startsWith("[1] Associated Press, \"Kim will not come to Moscow\" (000_a.txt)\n")
                .contains("dense search  rank 2, cosine similarity 0.614\n")
                .contains("BM25 search   not among its results\n")
                .contains("final score   0.740 (after fusion and re-ranking)\n");
    }
}
