package io.github.citebot.eval;

import io.github.citebot.answer.Answer;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.CorpusLoader;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.IndexProgress;
import io.github.citebot.index.MemoryBackend;
import io.github.citebot.index.SentenceIndex;
import io.github.citebot.retrieval.Answerability;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Candidate;
import io.github.citebot.retrieval.ClaimGrouper;
import io.github.citebot.retrieval.Feature;
import io.github.citebot.retrieval.LinearScorer;
import io.github.citebot.retrieval.Ranking;
import io.github.citebot.retrieval.RankerModel;
import io.github.citebot.retrieval.Retriever;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Trains the ranker and the answerability model from labelled questions over their corpora, and measures both
 * by cross-validation over articles: each question belongs to the article that holds its answer (for a question
 * without one, the article of its nearest sentence), and is scored only by models trained without that article.
 * Deterministic: no random numbers, questions and articles in a fixed order, so the same data give the same
 * weights byte for byte.
 *
 * <p>The ranker is a listwise logistic regression (a softmax over each answerable question's candidates that
 * should favour the sentences holding the answer), every corpus weighing the same in its loss. The answerability model is a logistic regression on the best candidate of every question (does
 * the first citation hold the answer?), trained on the rankings the held-out rankers made, so that its
 * probabilities are those of rankings it has not seen. The refusal threshold is the highest that refuses at most
 * {@link #FALSE_REFUSAL} of the answerable questions, on held-out predictions.
 */
public final class Trainer {

    /** The share of answerable questions the refusal threshold may refuse. */
    public static final double FALSE_REFUSAL = 0.05;

    private final SentenceIndex.Embedder first;
    private final SentenceIndex.Embedder second;

    /**
     * @param first  the first model (all-MiniLM-L6-v2 in the product) with its cache
     * @param second the second model, whose cosines become features, or null for none
     */
    public Trainer(SentenceIndex.Embedder first, SentenceIndex.Embedder second) {
        this.first = first;
        this.second = second;
    }

    /** A question with its candidates, labelled, and the article it belongs to for cross-validation. */
    private record Example(EvalSet set, String article, Scoring.GoldQuestion gold, Ranking ranking, boolean[] right) {
    }

    /** The trained model and the held-out-article report. */
    public record Result(RankerModel model, String report) {
    }

    /** Trains on the sets and measures the held-out-article figures. */
    public Result train(List<EvalSet> sets) {
        return train(sets, null);
    }

    /**
     * Trains on the sets and measures the held-out-article figures; with a {@code fixedRanker}, only the
     * answerability model and the threshold are learned, for the rankings that ranker makes.
     */
    public Result train(List<EvalSet> sets, LinearScorer fixedRanker) {
        List<Example> examples = new ArrayList<>();
        Map<EvalSet, Retriever> retrievers = new LinkedHashMap<>();
        for (EvalSet set : sets) {
            List<Article> articles = new CorpusLoader().load(set.corpus());
            SentenceIndex index = SentenceIndex.build(articles, first, second, new MemoryBackend(), IndexProgress.NONE);
            // Scores come from the held-out rankers; this retriever only finds the candidates and their features.
            Retriever retriever = new Retriever(index, new LinearScorer(0, List.of()));
            retrievers.put(set, retriever);
            List<Scoring.GoldQuestion> gold = set.questions();
            List<Ranking> rankings = retriever.unscoredAll(gold.stream().map(Scoring.GoldQuestion::question).toList());
            for (int i = 0; i < gold.size(); i++) {
                examples.add(example(set, articles, gold.get(i), rankings.get(i)));
            }
        }
        List<String> groups = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::article).toList()));
        // The features these indexes give (the second model's only with one).
        List<Feature> gateFeatures = Arrays.stream(Feature.values()).filter(f -> examples.stream()
                .anyMatch(ex -> ex.ranking().best().has(f) || f == Feature.TOP_SCORE || f == Feature.SCORE_MARGIN)).toList();
        List<Feature> rankerFeatures = gateFeatures.stream().filter(f -> f.scope() == Feature.Scope.CANDIDATE).toList();

        // Held-out-article rankings: each question ranked by a ranker that never saw its article.
        Ranking[] heldOut = new Ranking[examples.size()];
        for (String g : groups) {
            LinearScorer ranker = fixedRanker != null ? fixedRanker
                    : fitRanker(examples, ex -> !ex.article().equals(g), rankerFeatures);
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).article().equals(g)) {
                    heldOut[i] = examples.get(i).ranking().scored(ranker);
                }
            }
        }
        // Held-out-article probabilities: each question's from an answerability model that never saw its article.
        double[] p = new double[examples.size()];
        for (String g : groups) {
            LinearScorer gate = fitGate(examples, heldOut, ex -> !ex.article().equals(g), gateFeatures);
            for (int i = 0; i < examples.size(); i++) {
                if (examples.get(i).article().equals(g)) {
                    p[i] = Answerability.learned(gate, 0).probability(heldOut[i]);
                }
            }
        }
        double threshold = threshold(examples, p);
        LinearScorer ranker = fixedRanker != null ? fixedRanker : fitRanker(examples, ex -> true, rankerFeatures);
        LinearScorer gate = fitGate(examples, heldOut, ex -> true, gateFeatures);
        RankerModel trained = new RankerModel(ranker, gate, Double.parseDouble(String.format(Locale.ROOT, "%.4f", threshold)),
                sets.stream().map(EvalSet::name).toList()).rounded();
        return new Result(trained, report(sets, retrievers, examples, heldOut, p, trained.minConfidence(), groups.size()));
    }

    private Example example(EvalSet set, List<Article> articles, Scoring.GoldQuestion g, Ranking ranking) {
        boolean[] right = new boolean[ranking.candidates().size()];
        String article = null;
        for (int i = 0; i < right.length; i++) {
            Candidate c = ranking.candidates().get(i);
            right[i] = g.answerable() && Scoring.supports(g, c.sentence().text());
            if (right[i] && article == null) {
                article = c.sentence().source();
            }
        }
        if (article == null && g.answerable()) {
            article = articles.stream().filter(a -> a.sentences().stream().map(Sentence::text)
                    .anyMatch(s -> Scoring.supports(g, s))).map(Article::source).findFirst().orElse(null);
        }
        if (article == null) {
            article = ranking.candidates().stream().filter(c -> c.evidence().denseRank() == 1)
                    .map(c -> c.sentence().source()).findFirst().orElse("none");
        }
        // Keyed by the corpus folder, not the set: gold files over the same articles share their folds.
        return new Example(set, set.corpus().toAbsolutePath().normalize().resolve(article).toString(), g, ranking, right);
    }

    private static LinearScorer fitRanker(List<Example> examples, Predicate<Example> use, List<Feature> features) {
        Predicate<Example> used = ex -> use.test(ex) && ex.gold().answerable() && !ex.ranking().candidates().isEmpty();
        Map<Path, Integer> perCorpus = new TreeMap<>();
        int total = 0;
        for (Example ex : examples) {
            if (used.test(ex)) {
                perCorpus.merge(corpus(ex), 1, Integer::sum);
                total++;
            }
        }
        List<List<LogisticRegression.Row>> lists = new ArrayList<>();
        for (Example ex : examples) {
            if (!used.test(ex)) {
                continue;
            }
            // Every corpus weighs the same in the loss (mean weight 1), whatever the number of its questions: the
            // thousands written by SQuAD's annotators from a Wikipedia paragraph's own words must not drown the
            // hundred asked about news in other words (held-out seeds hit@1 0.789 unweighted, 0.895 so).
            double weight = total / (double) (perCorpus.size() * perCorpus.get(corpus(ex)));
            List<LogisticRegression.Row> rows = new ArrayList<>();
            for (int i = 0; i < ex.right().length; i++) {
                rows.add(new LogisticRegression.Row(ex.ranking().candidates().get(i).features(), ex.right()[i], weight));
            }
            lists.add(rows);
        }
        return LogisticRegression.fitListwise(features, lists);
    }

    /** The corpus folder a question is about: gold files over the same articles are one corpus. */
    private static Path corpus(Example ex) {
        return ex.set().corpus().toAbsolutePath().normalize();
    }

    /**
     * The answerability model, every question weighing the same: its probabilities are to be calibrated over the
     * questions asked, not over corpora.
     */
    private static LinearScorer fitGate(List<Example> examples, Ranking[] heldOut, Predicate<Example> use,
                                        List<Feature> features) {
        List<LogisticRegression.Row> rows = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            Example ex = examples.get(i);
            if (use.test(ex) && !heldOut[i].candidates().isEmpty()) {
                rows.add(new LogisticRegression.Row(heldOut[i].best(), firstRight(ex, heldOut[i]), 1));
            }
        }
        return LogisticRegression.fit(features, rows);
    }

    private static boolean firstRight(Example ex, Ranking ranking) {
        return ex.gold().answerable() && !ranking.candidates().isEmpty()
                && Scoring.supports(ex.gold(), ranking.candidates().get(0).sentence().text());
    }

    /** The highest threshold that refuses at most {@link #FALSE_REFUSAL} of the answerable questions. */
    private static double threshold(List<Example> examples, double[] p) {
        double[] answerable = new double[(int) examples.stream().filter(ex -> ex.gold().answerable()).count()];
        int n = 0;
        for (int i = 0; i < examples.size(); i++) {
            if (examples.get(i).gold().answerable()) {
                answerable[n++] = p[i];
            }
        }
        Arrays.sort(answerable);
        int mayRefuse = (int) Math.floor(FALSE_REFUSAL * answerable.length);
        // Refusing below the (mayRefuse+1)-th lowest refuses exactly the mayRefuse lowest (ties aside).
        return answerable.length == 0 ? 0 : answerable[Math.min(mayRefuse, answerable.length - 1)];
    }

    private static String report(List<EvalSet> sets, Map<EvalSet, Retriever> retrievers, List<Example> examples,
                                 Ranking[] heldOut, double[] p, double threshold, int articles) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "held-out-article cross-validation over %d articles; refusal threshold %.4f%n%n", articles, threshold));
        b.append(EvalReport.HEADER).append('\n');
        List<Double> allP = new ArrayList<>();
        List<Boolean> allRight = new ArrayList<>();
        for (EvalSet set : sets) {
            Retriever retriever = retrievers.get(set);
            Map<String, Answer> answers = new LinkedHashMap<>();
            List<Scoring.GoldQuestion> gold = new ArrayList<>();
            for (int i = 0; i < examples.size(); i++) {
                Example ex = examples.get(i);
                if (ex.set() != set) {
                    continue;
                }
                double pi = p[i];
                Answerer answerer = new Answerer(retriever, fixed(pi, threshold), new ClaimGrouper(ClaimGrouper.SAME_CLAIM),
                        Answerer.KEEP_SHARE, Integer.MAX_VALUE);
                answers.put(Scoring.norm(ex.gold().question()), answerer.answer(ex.gold().question(), heldOut[i],
                        Answerer.DEFAULT_MAX_CITATIONS));
                gold.add(ex.gold());
                allP.add(pi);
                allRight.add(firstRight(ex, heldOut[i]));
            }
            Map<String, Object> figures;
            try {
                figures = Scoring.score(gold, answers, Scoring.sourceTexts(set.corpus()), new ArrayList<>());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            b.append(EvalReport.row(set.name(), "citebot (held-out articles)", gold, figures,
                    EvalReport.answerableRefused(gold, answers))).append('\n');
        }
        double[] conf = allP.stream().mapToDouble(Double::doubleValue).toArray();
        boolean[] right = new boolean[allRight.size()];
        for (int i = 0; i < right.length; i++) {
            right[i] = allRight.get(i);
        }
        b.append("\ncalibration of held-out-article confidence (every question; right = first candidate holds the answer)\n\n")
                .append(new Calibration(conf, right).table());
        return b.toString();
    }

    /** A held-out probability, already computed, and the threshold. */
    private static Answerability fixed(double p, double threshold) {
        return new Answerability() {
            @Override
            public double probability(Ranking ranking) {
                return p;
            }

            @Override
            public boolean answers(double probability) {
                return probability > 0 && probability >= threshold;
            }
        };
    }
}
