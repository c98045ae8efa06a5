package io.github.citebot.eval;

import io.github.citebot.SharedBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.answer.JsonRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** citebot's own figures (eval) against score.py's, and the quality bar they must clear. */
class ScoringTest {

    /** A copy of the shared dev set (our own questions about the bundled articles), so a fresh clone has it. */
    static final Path DEV = Path.of("src/test/resources/eval/dev.jsonl");
    /** The reference scorer; only the development checkout has it beside the project. */
    static final Path SCORE_PY = Path.of("../shared/eval/score.py");
    static final Path PARAPHRASES = Path.of("src/test/resources/eval/paraphrases.jsonl");
    static final Path FRESH = Path.of("src/test/resources/eval/fresh.jsonl");
    static final Path HELD_OUT = Path.of("src/test/resources/eval/heldout.jsonl");

    @TempDir
    Path dir;

    @Test
    void should_print_the_same_figures_as_score_py_on_the_same_answers() throws Exception {
        assumeTrue(Files.isRegularFile(SCORE_PY), "needs the reference scorer at " + SCORE_PY + " (development checkout only)");
        Map<String, Answer> answers = answer(DEV);
        // A wrong answer too, so that misses are counted the same way: drop the last answerable question's answer.
        Path file = dir.resolve("answers.jsonl");
        JsonRenderer json = new JsonRenderer();
        List<String> lines = new ArrayList<>(answers.values().stream().map(json::render).toList());
        lines.remove(1);
        Files.write(file, lines);
        Map<String, Answer> written = new LinkedHashMap<>(answers);
        written.remove(Scoring.norm(GoldFiles.questions(DEV).get(1)));

        List<String> misses = new ArrayList<>();
        String ours = Scoring.line(Scoring.score(GoldFiles.read(DEV), written, Scoring.sourceTexts(Path.of("seeds")), misses));
        Process p = new ProcessBuilder("python3", SCORE_PY.toString(), DEV.toString(), file.toString(), "--seeds", "seeds")
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> theirs = new String(p.getInputStream().readAllBytes()).lines().toList();
        assertThat(theirs.get(theirs.size() - 1)).isEqualTo(ours);
        assertThat(theirs.subList(0, theirs.size() - 1)).isEqualTo(misses);
    }

    @Test
    void should_clear_the_quality_bar_on_the_dev_questions() {
        Map<String, Object> f = Scoring.score(GoldFiles.read(DEV), answer(DEV), texts(), new ArrayList<>());
        assertThat((double) f.get("hit@1")).isGreaterThanOrEqualTo(0.90);
        assertThat((double) f.get("hit@3")).isGreaterThanOrEqualTo(0.95);
        assertThat((double) f.get("refusal_accuracy")).isEqualTo(1.0);
        assertThat((double) f.get("citations_per_answer")).isLessThanOrEqualTo(4.0);
        assertThat(f.get("furniture_citations")).isEqualTo(0);
        assertThat(f.get("unfaithful_citations")).isEqualTo(0);
    }

    @Test
    void should_stay_good_on_paraphrased_lower_case_and_unanswerable_questions_of_our_own() {
        Map<String, Object> f = Scoring.score(GoldFiles.read(PARAPHRASES), answer(PARAPHRASES), texts(), new ArrayList<>());
        assertThat((double) f.get("hit@1")).isGreaterThanOrEqualTo(0.85);
        assertThat((double) f.get("hit@3")).isGreaterThanOrEqualTo(0.90);
        assertThat((double) f.get("refusal_accuracy")).isGreaterThanOrEqualTo(0.80);
        assertThat(f.get("furniture_citations")).isEqualTo(0);
        assertThat(f.get("unfaithful_citations")).isEqualTo(0);
    }

    @Test
    void should_stay_above_its_floor_on_terse_questions_of_our_own() {
        Map<String, Object> f = Scoring.score(GoldFiles.read(FRESH), answer(FRESH), texts(), new ArrayList<>());
        assertThat((double) f.get("hit@1")).isGreaterThanOrEqualTo(0.65);
        assertThat((double) f.get("refusal_accuracy")).isGreaterThanOrEqualTo(0.90);
        assertThat(f.get("unfaithful_citations")).isEqualTo(0);
    }

    /** Written after the last round of tuning and never tuned on: what retrieval does on questions it has not seen. */
    @Test
    void should_stay_above_its_floor_on_held_out_questions() {
        Map<String, Object> f = Scoring.score(GoldFiles.read(HELD_OUT), answer(HELD_OUT), texts(), new ArrayList<>());
        assertThat((double) f.get("hit@1")).isGreaterThanOrEqualTo(0.80);
        assertThat((double) f.get("refusal_accuracy")).isGreaterThanOrEqualTo(0.70);
        assertThat(f.get("furniture_citations")).isEqualTo(0);
        assertThat(f.get("unfaithful_citations")).isEqualTo(0);
    }

    @Test
    void should_clear_the_same_bar_on_the_dev_questions_typed_in_lower_case_without_apostrophes_or_question_marks() {
        List<Scoring.GoldQuestion> careless = GoldFiles.read(DEV).stream()
                .map(g -> new Scoring.GoldQuestion(g.id(), g.question().toLowerCase(Locale.ROOT)
                        .replaceAll("['’?]", "").strip(), g.answerable(), g.gold()))
                .toList();
        Map<String, Object> f = Scoring.score(careless, answer(careless.stream().map(Scoring.GoldQuestion::question).toList()),
                texts(), new ArrayList<>());
        assertThat((double) f.get("hit@1")).isGreaterThanOrEqualTo(0.90);
        assertThat((double) f.get("hit@3")).isGreaterThanOrEqualTo(0.95);
        assertThat((double) f.get("refusal_accuracy")).isEqualTo(1.0);
    }

    private static Map<String, Answer> answer(Path gold) {
        return answer(GoldFiles.questions(gold));
    }

    private static Map<String, Answer> answer(List<String> questions) {
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (String q : questions) {
            answers.put(Scoring.norm(q), SharedBot.seeds().ask(q));
        }
        return answers;
    }

    private static Map<String, String> texts() {
        try {
            return Scoring.sourceTexts(Path.of("seeds"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
