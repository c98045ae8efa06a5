package io.github.citebot.eval;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.CorpusLoader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The figures of ../shared/eval/score.py, computed the same way: hit@1, hit@3 and MRR over answerable questions,
 * refusal accuracy over unanswerable ones, citations per answer, furniture and unfaithful citations.
 */
public final class Scoring {

    /** A question of the gold file: {@code {"id", "question", "answerable", "gold": [substring, ...]}}. */
    public record GoldQuestion(String id, String question, boolean answerable, List<String> gold) {
    }

    /** The phrases of page furniture that score.py counts; the same list. */
    static final List<String> FURNITURE = List.of("support the moscow times", "contributed to this report",
            "remind me later", "paiment methods", "not ready to support today", "story highlights", "read more",
            "1 of 3", "alexander zemlianichenko", "we have a small favor to ask", "your support, no matter how small",
            "wrote this story from atlanta", "foreign agent", "please support us monthly");

    private Scoring() {
    }

    /** score.py's normalisation: curly quotes and dashes folded, white space collapsed, lower case. */
    public static String norm(String s) {
        return s.replace('\u2019', '\'').replace('\u2018', '\'').replace('\u201c', '"').replace('\u201d', '"')
                .replace('\u2014', '-').replace('\u2013', '-').replace('\u00a0', ' ')
                .replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a sentence supports the answer to a question: it holds one of the gold substrings, normalised. */
    public static boolean supports(GoldQuestion g, String sentence) {
        String s = norm(sentence);
        return g.gold().stream().map(Scoring::norm).anyMatch(s::contains);
    }

    /**
     * The figures, in score.py's order and rounding.
     *
     * @param sources each source id's normalised file text, for the faithfulness check
     * @param misses  filled with one line per miss, as score.py prints them
     */
    public static Map<String, Object> score(List<GoldQuestion> gold, Map<String, Answer> answers,
                                     Map<String, String> sources, List<String> misses) {
        int nAns = 0, nNo = 0, hit1 = 0, hit3 = 0, refusedOk = 0, missing = 0, unfaithful = 0, furniture = 0;
        int totalCites = 0;
        double rr = 0;
        for (GoldQuestion g : gold) {
            Answer a = answers.get(norm(g.question()));
            List<Citation> cites = a == null || !a.answered() ? List.of() : a.citations();
            if (a == null) {
                missing++;
                misses.add("miss " + g.id() + " no answer line");
            }
            totalCites += cites.size();
            for (Citation c : cites) {
                String s = norm(c.sentence());
                if (FURNITURE.stream().anyMatch(s::contains)) {
                    furniture++;
                }
                String src = sources.get(c.source());
                if (src == null || !src.contains(s)) {
                    unfaithful++;
                }
            }
            if (g.answerable()) {
                nAns++;
                List<String> golds = g.gold().stream().map(Scoring::norm).toList();
                int rank = 0;
                for (int i = 0; i < cites.size() && rank == 0; i++) {
                    String s = norm(cites.get(i).sentence());
                    if (golds.stream().anyMatch(s::contains)) {
                        rank = i + 1;
                    }
                }
                if (rank == 1) {
                    hit1++;
                }
                if (rank >= 1 && rank <= 3) {
                    hit3++;
                }
                if (rank > 0) {
                    rr += 1.0 / rank;
                } else {
                    misses.add("miss " + g.id() + " gold not cited");
                }
            } else {
                nNo++;
                if (cites.isEmpty()) {
                    refusedOk++;
                } else {
                    misses.add("miss " + g.id() + " answered an unanswerable question");
                }
            }
        }
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("answerable", nAns);
        res.put("hit@1", round(hit1 / (double) Math.max(nAns, 1), 3));
        res.put("hit@3", round(hit3 / (double) Math.max(nAns, 1), 3));
        res.put("mrr", round(rr / Math.max(nAns, 1), 3));
        res.put("unanswerable", nNo);
        res.put("refusal_accuracy", round(refusedOk / (double) Math.max(nNo, 1), 3));
        res.put("citations_per_answer", round(totalCites / (double) Math.max(gold.size(), 1), 2));
        res.put("furniture_citations", furniture);
        res.put("unfaithful_citations", unfaithful);
        res.put("missing_answers", missing);
        return res;
    }

    /** The figures as score.py prints them: {@code key=value} pairs on one line. */
    public static String line(Map<String, Object> figures) {
        List<String> parts = new ArrayList<>();
        figures.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }

    /** Python's round(x, places): half-even on the double's exact decimal value. */
    private static double round(double x, int places) {
        return new java.math.BigDecimal(x).setScale(places, java.math.RoundingMode.HALF_EVEN).doubleValue();
    }

    /** Each article file's normalised text, by file name, as score.py reads the seeds. */
    public static Map<String, String> sourceTexts(Path corpus) throws IOException {
        Map<String, String> texts = new HashMap<>();
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path f : files.filter(Files::isRegularFile).filter(CorpusLoader::isArticle).toList()) {
                texts.put(f.getFileName().toString(),
                        Scoring.norm(new String(Files.readAllBytes(f), StandardCharsets.UTF_8)));
            }
        }
        return texts;
    }
}
