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
import io.github.citebot.retrieval.LogOdds;
import io.github.citebot.retrieval.Ranking;
import io.github.citebot.retrieval.RankerModel;
import io.github.citebot.retrieval.Retriever;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * {@link #FALSE_REFUSAL} of the answerable questions, on held-out predictions. {@link #recalibrate} keeps a model
 * whole and only Platt-scales its confidence.
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
        Map<EvalSet, Retriever> retrievers = load(sets, examples);
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

    /**
     * The weightings a recalibration tries: a question of a corpus of n questions weighs n to the minus this power
     * (0: every question the same, so nearly all squad2's; 1: every corpus the same; 2: the smaller corpus more).
     */
    static final double[] CORPUS_POWERS = {0, 0.5, 1, 1.5, 2};

    /**
     * Platt scaling of a model's answerability: its log-odds {@code z} become {@code a * z + b}, {@code a > 0}, fitted
     * on whether the first citation of the model's own ranking is right. The ranker is kept and the refusal threshold
     * mapped through the same function, so the model ranks and refuses exactly as before and only its confidence
     * changes. The weighting is the one whose held-out-article calibration error on its worst corpus is lowest: one
     * function of the log-odds cannot fit corpora whose answers are right at different rates for the same log-odds
     * (squad2, half its questions written to look answerable, and the seeds' news), and none may be left far off.
     *
     * @throws IllegalStateException when the rounded model would decide one of the questions differently
     */
    public Result recalibrate(List<EvalSet> sets, RankerModel model) {
        List<Example> examples = new ArrayList<>();
        load(sets, examples);
        List<String> groups = new ArrayList<>(new TreeSet<>(examples.stream().map(Example::article).toList()));
        List<Integer> used = new ArrayList<>(); // questions with a candidate: the others get confidence 0 and are refused
        Ranking[] ranked = new Ranking[examples.size()];
        for (int i = 0; i < examples.size(); i++) {
            ranked[i] = examples.get(i).ranking().scored(model.ranker());
            if (!ranked[i].candidates().isEmpty()) {
                used.add(i);
            }
        }
        int n = used.size();
        double[] z = new double[n];
        boolean[] right = new boolean[n];
        boolean[] answered = new boolean[n];
        String[] article = new String[n];
        String[] corpus = new String[n];
        Answerability old = Answerability.learned(model.answerability(), model.minConfidence());
        for (int k = 0; k < n; k++) {
            Example ex = examples.get(used.get(k));
            z[k] = model.answerability().score(ranked[used.get(k)].best());
            right[k] = firstRight(ex, ranked[used.get(k)]);
            answered[k] = old.answers(old.probability(ranked[used.get(k)]));
            article[k] = ex.article();
            corpus[k] = corpus(ex);
        }
        Map<String, Integer> perCorpus = new TreeMap<>();
        for (String c : corpus) {
            perCorpus.merge(c, 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "Platt scaling of the answerability log-odds z "
                + "(confidence = sigmoid(a z + b)); cross-validation over %d articles; ECE over the answered questions "
                + "(all questions in brackets)%n%n", groups.size()));
        b.append("| weighting | a | b |");
        for (EvalSet set : sets) {
            b.append(' ').append(set.name()).append(" ECE before | held out |");
        }
        b.append(" held out, mean over corpora | worst corpus |\n|").append(" --- |".repeat(5 + 2 * sets.size())).append('\n');
        double[] before = new double[n]; // the model's own confidence
        for (int k = 0; k < n; k++) {
            before[k] = LogOdds.probability(z[k]);
        }
        double best = 0;
        double bestEce = Double.POSITIVE_INFINITY;
        double[] bestP = null;
        for (double power : CORPUS_POWERS) {
            double[] weight = weights(corpus, perCorpus, power);
            // Held-out-article confidence: each question's from an (a, b) fitted without its article.
            double[] p = new double[n];
            for (String g : groups) {
                double[] ab = platt(z, right, weight, k -> !article[k].equals(g));
                for (int k = 0; k < n; k++) {
                    if (article[k].equals(g)) {
                        p[k] = LogOdds.probability(ab[0] * z[k] + ab[1]);
                    }
                }
            }
            double[] ab = platt(z, right, weight, k -> true);
            b.append(String.format(Locale.ROOT, "| n^-%.1f | %.4f | %.4f |", power, ab[0], ab[1]));
            for (EvalSet set : sets) {
                java.util.function.IntPredicate in = k -> examples.get(used.get(k)).set() == set;
                b.append(String.format(Locale.ROOT, " %s | %s |", ece(before, right, answered, in), ece(p, right, answered, in)));
            }
            double mean = 0, worst = 0;
            for (String c : perCorpus.keySet()) {
                double e = calibration(p, right, k -> answered[k] && corpus[k].equals(c)).ece();
                mean += e / perCorpus.size();
                worst = Math.max(worst, e);
            }
            b.append(String.format(Locale.ROOT, " %.3f | %.3f |%n", mean, worst));
            if (worst < bestEce) {
                bestEce = worst;
                best = power;
                bestP = p;
            }
        }
        double[] ab = platt(z, right, weights(corpus, perCorpus, best), k -> true);
        if (!(ab[0] > 0)) {
            throw new IllegalStateException("the fitted slope " + ab[0] + " is not positive: confidence would fall as "
                    + "the model's log-odds rise");
        }
        double a = ab[0];
        double c = ab[1];
        LinearScorer gate = model.answerability();
        List<LinearScorer.Term> terms = gate.terms().stream().map(t -> new LinearScorer.Term(t.feature(), t.mean(),
                t.scale(), a * t.weight())).toList();
        double m = model.minConfidence();
        // The old threshold's log-odds through the same function (0 and 1 stay "answer anything" and "never answer").
        double threshold = m <= 0 || m >= 1 ? m : LogOdds.probability(a * Math.log(m / (1 - m)) + c);
        List<String> trainedOn = new ArrayList<>(model.trainedOn());
        trainedOn.add(String.format(Locale.ROOT, "confidence Platt-scaled (a %.4f, b %.4f, a question of a corpus of n weighing n^-%.1f) on %s: "
                + "the same ranking and refusals", a, c, best,
                String.join(", ", sets.stream().map(EvalSet::name).toList())));
        RankerModel recalibrated = new RankerModel(model.ranker(), new LinearScorer(a * gate.bias() + c, terms), threshold,
                trainedOn).rounded();
        Answerability now = Answerability.learned(recalibrated.answerability(), recalibrated.minConfidence());
        for (int k = 0; k < n; k++) {
            if (now.answers(now.probability(ranked[used.get(k)])) != answered[k]) {
                throw new IllegalStateException("rounded, the recalibrated model would " + (answered[k] ? "refuse " : "answer ")
                        + examples.get(used.get(k)).gold().question());
            }
        }
        b.append(String.format(Locale.ROOT, "%nchosen: n^-%.1f; refusal threshold %s -> %s%n",
                best, m, recalibrated.minConfidence()));
        b.append("\ncalibration of its held-out-article confidence (answered questions; right = first citation holds the answer)\n\n")
                .append(calibration(bestP, right, k -> answered[k]).table());
        return new Result(recalibrated, b.toString());
    }

    /** Each question's weight, a question of a corpus of n weighing n^-power, the mean weight 1. */
    private static double[] weights(String[] corpus, Map<String, Integer> perCorpus, double power) {
        double[] w = new double[corpus.length];
        double sum = 0;
        for (int k = 0; k < w.length; k++) {
            w[k] = Math.pow(perCorpus.get(corpus[k]), -power);
            sum += w[k];
        }
        for (int k = 0; k < w.length; k++) {
            w[k] *= w.length / sum;
        }
        return w;
    }

    private static double[] platt(double[] z, boolean[] right, double[] weight, java.util.function.IntPredicate use) {
        int[] rows = java.util.stream.IntStream.range(0, z.length).filter(use).toArray();
        double[] zs = new double[rows.length];
        boolean[] ys = new boolean[rows.length];
        double[] ws = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            zs[r] = z[rows[r]];
            ys[r] = right[rows[r]];
            ws[r] = weight[rows[r]];
        }
        return LogisticRegression.platt(zs, ys, ws);
    }

    private static Calibration calibration(double[] p, boolean[] right, java.util.function.IntPredicate use) {
        int[] rows = java.util.stream.IntStream.range(0, p.length).filter(use).toArray();
        double[] ps = new double[rows.length];
        boolean[] ys = new boolean[rows.length];
        for (int r = 0; r < rows.length; r++) {
            ps[r] = p[rows[r]];
            ys[r] = right[rows[r]];
        }
        return new Calibration(ps, ys);
    }

    /** "answered ECE (every question's ECE)" over the questions {@code in}. */
    private static String ece(double[] p, boolean[] right, boolean[] answered, java.util.function.IntPredicate in) {
        return String.format(Locale.ROOT, "%.3f (%.3f)", calibration(p, right, k -> in.test(k) && answered[k]).ece(),
                calibration(p, right, in).ece());
    }

    /** Indexes each set's corpus and adds its questions, with their unscored candidates, to {@code examples}. */
    private Map<EvalSet, Retriever> load(List<EvalSet> sets, List<Example> examples) {
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
        return retrievers;
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
        List<Example> used = examples.stream()
                .filter(ex -> use.test(ex) && ex.gold().answerable() && !ex.ranking().candidates().isEmpty()).toList();
        String[] corpus = used.stream().map(Trainer::corpus).toArray(String[]::new);
        Map<String, Integer> perCorpus = new TreeMap<>();
        for (String c : corpus) {
            perCorpus.merge(c, 1, Integer::sum);
        }
        // Every corpus weighs the same in the loss (mean weight 1), whatever the number of its questions: the
        // thousands written by SQuAD's annotators from a Wikipedia paragraph's own words must not drown the
        // hundred asked about news in other words (held-out seeds hit@1 0.789 unweighted, 0.895 so).
        double[] weight = weights(corpus, perCorpus, 1);
        List<List<LogisticRegression.Row>> lists = new ArrayList<>();
        for (int k = 0; k < used.size(); k++) {
            Example ex = used.get(k);
            List<LogisticRegression.Row> rows = new ArrayList<>();
            for (int i = 0; i < ex.right().length; i++) {
                rows.add(new LogisticRegression.Row(ex.ranking().candidates().get(i).features(), ex.right()[i], weight[k]));
            }
            lists.add(rows);
        }
        return LogisticRegression.fitListwise(features, lists);
    }

    /**
     * The corpus folder a question is about, as a URI: gold files over the same articles are one corpus, and the
     * bundled corpus may sit in the jar, a file system whose paths do not compare with the disk's.
     */
    private static String corpus(Example ex) {
        return ex.set().corpus().toAbsolutePath().normalize().toUri().toString();
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
