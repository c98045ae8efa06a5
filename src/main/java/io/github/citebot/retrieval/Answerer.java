package io.github.citebot.retrieval;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Article;
import io.github.citebot.corpus.Sentence;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The last two stages and the answer: groups the ranked candidates into claims ({@link ClaimGrouper}), decides
 * from the calibrated probability that the first citation answers whether to answer at all ({@link Answerability}),
 * keeps the claims nearly as likely as the best one, and adds the sentence before where a cited one cannot stand
 * alone.
 */
public final class Answerer {

    /** The default most citations in one answer. */
    public static final int DEFAULT_MAX_CITATIONS = 4;
    /**
     * A claim is cited beside the best one when the ranker finds it at least this share as likely to answer
     * ({@code exp(score - best score)}, the ranker's scores being log-linear): an alternative a quarter as likely
     * is worth a reader's glance, one much less likely is noise.
     */
    public static final double KEEP_SHARE = 0.25;

    /** Sentences that lean on the one before: a pronoun or connective start, or a bare quote attribution. */
    private static final Pattern NEEDS_CONTEXT = Pattern.compile("^(?:[“\"].*[”\"],? (?:he|she|they|it) (?:said|added)"
            + "|(?:He|She|It|They|This|That|These|Those|Others|But|And|Still|However|Yet)\\b)");

    private final Retriever retriever;
    private final Answerability answerability;
    private final ClaimGrouper claims;
    private final double keepShare;
    private final int citationCap;

    /** The answerer with the bundled model. */
    public Answerer(Retriever retriever) {
        this(retriever, learned(RankerModel.bundled()), new ClaimGrouper(ClaimGrouper.SAME_CLAIM), KEEP_SHARE,
                Integer.MAX_VALUE);
    }

    /**
     * @param keepShare   cite a claim when its odds against the best claim, {@code exp(score - best score)}, are at
     *                    least this (0: every claim, down to the cap)
     * @param citationCap the most citations whatever the caller asks for
     */
    public Answerer(Retriever retriever, Answerability answerability, ClaimGrouper claims, double keepShare,
                    int citationCap) {
        this.retriever = retriever;
        this.answerability = answerability;
        this.claims = claims;
        this.keepShare = keepShare;
        this.citationCap = citationCap;
    }

    /** The learned answerability of a model, at its own threshold. */
    public static Answerability learned(RankerModel model) {
        return Answerability.learned(model.answerability(), model.minConfidence());
    }

    public Retriever retriever() {
        return retriever;
    }

    /** The ranking of a query text (a question, or a query rewritten from one), best first. */
    public Ranking rank(String query) {
        return retriever.rank(query);
    }

    /** {@link #rank} for several query texts at once, embedded in one batch (a follow-up's two readings). */
    public List<Ranking> rankAll(List<String> queries) {
        return retriever.rankAll(queries);
    }

    /** The answer to a question, citing at most {@code maxCitations} sentences. */
    public Answer answer(String question, int maxCitations) {
        return answer(question, retriever.rank(question), maxCitations);
    }

    /**
     * The answer to a question from a ranking made for it (perhaps for a rewritten query), citing at most
     * {@code maxCitations} sentences.
     */
    public Answer answer(String question, Ranking ranking, int maxCitations) {
        return answer(question, ranking, probability(ranking), maxCitations);
    }

    /** The estimated probability that a ranking's first candidate answers its question. */
    public double probability(Ranking ranking) {
        return answerability.probability(ranking);
    }

    /**
     * The answer from a ranking whose probability of answering the caller estimated otherwise (a follow-up's,
     * from the rankings of the question as typed and as read with the conversation), refused below the threshold.
     */
    public Answer answer(String question, Ranking ranking, double p, int maxCitations) {
        double confidence = round(p);
        if (!answerability.answers(p) || ranking.candidates().isEmpty()) {
            return Answer.unanswered(question, confidence);
        }
        int max = Math.min(maxCitations, citationCap);
        Scorer scorer = retriever.scorer();
        List<ClaimGrouper.Claim> grouped = claims.group(ranking.candidates());
        double best = grouped.get(0).lead().score();
        List<Citation> citations = new ArrayList<>();
        Set<String> cited = new HashSet<>(); // a text copied into several articles is cited once
        StringBuilder text = new StringBuilder();
        for (ClaimGrouper.Claim claim : grouped) {
            if (citations.size() >= max || (keepShare > 0 && Math.exp(claim.lead().score() - best) < keepShare)) {
                break;
            }
            if (!cited.add(claim.lead().sentence().text())) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            Candidate lead = claim.lead();
            String context = context(lead.sentence());
            if (!context.isEmpty()) {
                text.append(context).append(' ');
            }
            text.append(lead.sentence().text());
            for (Candidate c : claim.members()) {
                if (citations.size() >= max) {
                    break;
                }
                if (c != lead && !cited.add(c.sentence().text())) {
                    continue;
                }
                citations.add(citation(citations.size() + 1, c, c == lead ? context : context(c.sentence()),
                        scorer.relevance(c.score())));
                text.append(" [").append(citations.size()).append(']');
            }
        }
        return new Answer(question, true, text.toString(), confidence, null, citations);
    }

    private String context(Sentence s) {
        if (!NEEDS_CONTEXT.matcher(s.text()).find()) {
            return "";
        }
        Sentence before = retriever.index().neighbour(s, -1);
        return before != null && before.paragraph() == s.paragraph() ? before.text() : "";
    }

    private Citation citation(int n, Candidate c, String context, double relevance) {
        Sentence s = c.sentence();
        Article a = retriever.index().article(s.source());
        Citation.Evidence e = c.evidence();
        return new Citation(n, s.source(), a.outlet(), a.title(), a.url(), a.published(), s.text(), context, round(relevance),
                new Citation.Evidence(e.denseRank(), round(e.denseScore()), e.lexicalRank(), round(e.lexicalScore())));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }
}
