package io.github.citebot.retrieval;

import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.index.Vocabulary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The second stage: each candidate's {@link Feature features} for the question, and the question's own. What
 * depends only on the sentence (its terms, which kinds of answer it holds, its position) is worked out once when
 * the extractor is made, at index time, so a question costs a few look-ups per candidate.
 */
final class FeatureExtractor {

    /** How many of the nearest sentences {@link Feature#COSINE_SPREAD} compares the nearest one with. */
    static final int SPREAD_OF = 10;

    /** Sentences that say the answer is not known: "it was not clear why", "He did not elaborate." */
    private static final Pattern NON_ANSWER = Pattern.compile("(?i)\\b(not (immediately )?clear|unclear"
            + "|no (further )?explanation|did not elaborate|declined to (comment|elaborate|say)|(is|was|remains) unknown)\\b");
    private static final Pattern WORD = Pattern.compile("\\S+");

    /** What a sentence is, whatever the question: worked out once. */
    private record Facts(Set<String> terms, int answersTypes, boolean nonAnswer, double position, boolean opensParagraph,
                         double length, Set<String> titleTerms, Set<String> paragraphTerms, String before,
                         String after) {
    }

    private final Vocabulary vocabulary;
    private final Map<String, Facts> facts = new HashMap<>();

    FeatureExtractor(List<Article> articles) {
        List<Sentence> all = articles.stream().flatMap(a -> a.sentences().stream()).toList();
        this.vocabulary = new Vocabulary(all);
        for (Article a : articles) {
            Set<String> title = Vocabulary.terms(a.title());
            List<Sentence> ss = a.sentences();
            Map<Integer, Set<String>> paragraphs = new HashMap<>();
            for (Sentence s : ss) {
                paragraphs.computeIfAbsent(s.paragraph(), p -> new java.util.HashSet<>()).addAll(vocabulary.termsOf(s));
            }
            for (int i = 0; i < ss.size(); i++) {
                Sentence s = ss.get(i);
                int types = 0;
                for (QuestionType t : QuestionType.values()) {
                    if (t.answeredBy(s.text())) {
                        types |= 1 << t.ordinal();
                    }
                }
                long words = WORD.matcher(s.text()).results().count();
                facts.put(s.id(), new Facts(vocabulary.termsOf(s), types, NON_ANSWER.matcher(s.text()).find(),
                        ss.size() > 1 ? i / (double) (ss.size() - 1) : 0,
                        i == 0 || ss.get(i - 1).paragraph() != s.paragraph(), Math.log1p(words), title,
                        paragraphs.get(s.paragraph()), i > 0 ? ss.get(i - 1).id() : null, i + 1 < ss.size() ? ss.get(i + 1).id() : null));
            }
        }
    }

    /** The question's telling words, as the index analyses them. */
    Set<String> terms(String keywords) {
        return Vocabulary.terms(keywords);
    }

    /**
     * The candidates with their features, in the same order, and the question features that do not depend on
     * the scorer (those that do, {@link Feature#TOP_SCORE} and {@link Feature#SCORE_MARGIN}, the ranking adds).
     *
     * @param second each candidate's cosine in the second model, in their order; null without a second model
     */
    Ranking extract(String question, String keywords, List<Candidate> found, double[] second) {
        QuestionType type = QuestionType.of(question);
        Set<String> terms = terms(keywords);
        double termWeight = 0, unknownWeight = 0;
        Map<String, Double> idf = new java.util.LinkedHashMap<>();
        for (String t : terms) {
            double w = vocabulary.idf(t);
            idf.put(t, w);
            termWeight += w;
            if (!vocabulary.known(t)) {
                unknownWeight += w;
            }
        }
        double[] cosines = found.stream().mapToDouble(c -> c.evidence().denseScore()).toArray();
        double best = Arrays.stream(cosines).max().orElse(0);
        double floor = found.stream().filter(c -> c.evidence().denseRank() > 0)
                .mapToDouble(c -> c.evidence().denseScore()).min().orElse(0);
        double maxBm25 = found.stream().mapToDouble(c -> c.evidence().lexicalScore()).max().orElse(0);
        Map<String, Double> cosineById = new HashMap<>();
        for (Candidate c : found) {
            if (c.evidence().denseRank() > 0) {
                cosineById.put(c.sentence().id(), c.evidence().denseScore());
            }
        }
        double bestSecond = second == null ? 0 : Arrays.stream(second).max().orElse(0);
        List<Candidate> out = new ArrayList<>(found.size());
        for (int k = 0; k < found.size(); k++) {
            Candidate c = found.get(k);
            Facts f = facts.get(c.sentence().id());
            if (f == null) {
                continue; // not of this corpus (cannot happen with one index, but a shared store may lag)
            }
            double own = 0, context = 0, title = 0, paragraph = 0;
            Set<String> before = f.before == null ? Set.of() : facts.get(f.before).terms;
            Set<String> after = f.after == null ? Set.of() : facts.get(f.after).terms;
            for (Map.Entry<String, Double> t : idf.entrySet()) {
                if (f.terms.contains(t.getKey())) {
                    own += t.getValue();
                } else if (before.contains(t.getKey()) || after.contains(t.getKey())) {
                    context += t.getValue();
                }
                if (f.paragraphTerms.contains(t.getKey())) {
                    paragraph += t.getValue();
                }
                if (f.titleTerms.contains(t.getKey())) {
                    title += t.getValue();
                }
            }
            boolean answers = (f.answersTypes & (1 << type.ordinal())) != 0;
            var e = c.evidence();
            double neighbour = Math.max(f.before == null ? floor : cosineById.getOrDefault(f.before, floor),
                    f.after == null ? floor : cosineById.getOrDefault(f.after, floor));
            Features.Builder b = new Features.Builder()
                    .set(Feature.COSINE, e.denseScore())
                    .set(Feature.COSINE_GAP, best - e.denseScore())
                    .set(Feature.DENSE_RECIPROCAL_RANK, e.denseRank() > 0 ? 1.0 / e.denseRank() : 0)
                    .set(Feature.BM25, maxBm25 > 0 ? e.lexicalScore() / maxBm25 : 0)
                    .set(Feature.BM25_RECIPROCAL_RANK, e.lexicalRank() > 0 ? 1.0 / e.lexicalRank() : 0)
                    .set(Feature.COVERAGE, termWeight > 0 ? own / termWeight : 0)
                    .set(Feature.CONTEXT_COVERAGE, termWeight > 0 ? context / termWeight : 0)
                    .set(Feature.PARAGRAPH_COVERAGE, termWeight > 0 ? paragraph / termWeight : 0)
                    .set(Feature.TITLE_MATCH, termWeight > 0 ? title / termWeight : 0)
                    .set(Feature.TYPE_MATCH, type != QuestionType.OTHER && answers ? 1 : 0)
                    .set(Feature.TYPE_MISS, type.unmistakable() && !answers ? 1 : 0)
                    .set(Feature.REASON_MISS, type == QuestionType.REASON && !answers ? 1 : 0)
                    .set(Feature.NON_ANSWER, f.nonAnswer ? 1 : 0)
                    .set(Feature.ARTICLE_POSITION, f.position)
                    .set(Feature.PARAGRAPH_START, f.opensParagraph ? 1 : 0)
                    .set(Feature.NEIGHBOUR_COSINE, neighbour)
                    .set(Feature.LENGTH, f.length);
            if (second != null) {
                int rank = 1;
                for (double other : second) {
                    rank += other > second[k] ? 1 : 0;
                }
                b.set(Feature.SECOND_COSINE, second[k])
                        .set(Feature.SECOND_RECIPROCAL_RANK, 1.0 / rank);
            }
            out.add(c.withFeatures(b.build()));
        }
        Features asked = Features.none()
                .with(Feature.BEST_COSINE, best)
                .with(Feature.COSINE_SPREAD, spread(cosines))
                .with(Feature.UNKNOWN_SHARE, termWeight > 0 ? unknownWeight / termWeight : 0)
                .with(Feature.BEST_BM25, Math.log1p(maxBm25));
        if (second != null) {
            asked = asked.with(Feature.BEST_SECOND_COSINE, bestSecond).with(Feature.SECOND_COSINE_SPREAD, spread(second));
        }
        return new Ranking(out, asked, type);
    }

    /** The best cosine minus the mean of the {@link #SPREAD_OF} best. */
    private static double spread(double[] cosines) {
        double[] nearest = Arrays.stream(cosines).boxed().sorted((x, y) -> Double.compare(y, x)).limit(SPREAD_OF)
                .mapToDouble(Double::doubleValue).toArray();
        return nearest.length == 0 ? 0 : nearest[0] - Arrays.stream(nearest).average().orElse(0);
    }
}
