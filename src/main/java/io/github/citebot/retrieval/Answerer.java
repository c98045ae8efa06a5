package io.github.citebot.retrieval;

import dev.langchain4j.store.embedding.CosineSimilarity;
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
 * Makes an {@link Answer} from ranked candidates: decides whether the articles answer the question at all, groups
 * sentences from different articles that say the same thing into one claim citing all of them, keeps the claims
 * close to the best one, and adds the neighbouring sentence where a cited one cannot stand alone.
 */
public final class Answerer {

    /**
     * Below this answerability the articles do not answer the question. No similarity cut-off alone separates
     * "what is the population of Pyongyang?" (close to "He has decided to stay in Pyongyang") from answerable
     * questions worded unlike their answers, so answerability adds to the best cosine similarity the share of the
     * question's words that the best sentence covers and how far the nearest sentence stands out from the next
     * nearest ({@link Ranking#denseSpread()}), and takes away the share of the question's words that the corpus
     * never mentions, and whether the best sentence holds the kind of answer asked for ({@link #W_ANSWER_KIND}).
     * The weights were chosen on 101 questions (the dev set and two sets of our own, a third of them
     * unanswerable), in the middle of a broad region where all do about equally well.
     */
    static final double ANSWER_THRESHOLD = 0.595;
    static final double W_ANSWER_COVERAGE = 0.25;
    static final double W_ANSWER_UNKNOWN = 0.25;
    static final double W_ANSWER_SPREAD = 0.80;
    /**
     * Taken away when the question asks for a kind of answer that is unmistakable (a date, an age, a number) and
     * the best sentence holds none: "How old is Kim Jong Un?" is close to sentences about him, but none says his
     * age. Any value from 0.2 to 0.5 refuses the same questions of the 101; the lowest is kept.
     */
    static final double W_ANSWER_KIND = 0.20;
    /** Two sentences at least this similar say the same thing. */
    static final double SAME_CLAIM = 0.80;
    /** A claim is kept beside the best one when its relevance is at least this share of the best's. */
    static final double KEEP_SHARE = 0.85;
    /** The default most citations in one answer. */
    public static final int DEFAULT_MAX_CITATIONS = 4;

    /** Sentences that lean on the one before: a pronoun or connective start, or a bare quote attribution. */
    private static final Pattern NEEDS_CONTEXT = Pattern.compile("^(?:[“\"].*[”\"],? (?:he|she|they|it) (?:said|added)"
            + "|(?:He|She|It|They|This|That|These|Those|Others|But|And|Still|However|Yet)\\b)");

    private final Retriever retriever;

    public Answerer(Retriever retriever) {
        this.retriever = retriever;
    }

    /** The answer to a question, citing at most {@code maxCitations} sentences. */
    public Answer answer(String question, int maxCitations) {
        return answer(question, rank(question), maxCitations);
    }

    /**
     * The candidates for one query text, most relevant first: with {@link #answer(String, Ranking, int)}, the seam
     * for a caller that searches with several texts and fuses their rankings (a follow-up in a conversation).
     */
    public Ranking rank(String query) {
        return retriever.rank(query);
    }

    /**
     * The answer to a question from a ranking made for it: its own, or one fused from several
     * ({@link Ranking#fused}), whose answerability is the one it was given.
     */
    public Answer answer(String question, Ranking ranking, int maxCitations) {
        List<Claim> claims = group(ranking.candidates());
        double answerability = claims.isEmpty() ? 0 : ranking.givenAnswerability()
                .orElseGet(() -> answerability(ranking, claims.get(0).members().get(0)));
        if (answerability < ANSWER_THRESHOLD) {
            return Answer.unanswered(question, confidence(answerability));
        }
        double best = claims.get(0).relevance();
        List<Citation> citations = new ArrayList<>();
        Set<String> cited = new HashSet<>(); // a text copied into several articles is cited once
        StringBuilder text = new StringBuilder();
        for (Claim claim : claims) {
            if (citations.size() >= maxCitations || claim.relevance() < best * KEEP_SHARE) {
                break;
            }
            if (!cited.add(claim.members().get(0).sentence().text())) {
                continue;
            }
            if (text.length() > 0) {
                text.append(' ');
            }
            Candidate lead = claim.members().get(0);
            String context = context(lead.sentence());
            if (!context.isEmpty()) {
                text.append(context).append(' ');
            }
            text.append(lead.sentence().text());
            for (Candidate c : claim.members()) {
                if (citations.size() >= maxCitations) {
                    break;
                }
                if (c != lead && !cited.add(c.sentence().text())) {
                    continue;
                }
                citations.add(citation(citations.size() + 1, c, c == lead ? context : context(c.sentence())));
                text.append(" [").append(citations.size()).append(']');
            }
        }
        return new Answer(question, true, text.toString(), confidence(answerability), citations);
    }

    /**
     * How well a sentence would answer the ranking's query, were it the best; below {@link #threshold()}, it would
     * not. A sentence the ranking did not find counts as covering none of the query's words.
     */
    public static double answerability(Ranking ranking, Sentence best) {
        Candidate found = ranking.candidates().stream().filter(c -> c.sentence().id().equals(best.id())).findFirst()
                .orElse(new Candidate(best, null, 0, 0, 0, 0, 0, 0));
        return answerability(ranking, found);
    }

    /** The answerability {@link #answer(String, Ranking, int)} needs at least to answer. */
    public static double threshold() {
        return ANSWER_THRESHOLD;
    }

    private static double answerability(Ranking ranking, Candidate best) {
        QuestionType type = ranking.type();
        boolean lacksKind = type.unmistakable() && !type.answeredBy(best.sentence().text());
        return ranking.bestDenseScore() + W_ANSWER_COVERAGE * best.coverage()
                - W_ANSWER_UNKNOWN * ranking.unknownShare() + W_ANSWER_SPREAD * ranking.denseSpread()
                - (lacksKind ? W_ANSWER_KIND : 0);
    }

    /**
     * Candidates grouped into claims, best first (the order of their best sentences); each claim holds at most one
     * sentence per source. A claim is not ranked higher for being reported by more outlets: the widely reported
     * facts are background ("Kim's first trip abroad"), seldom the answer to the question asked.
     */
    private static List<Claim> group(List<Candidate> ranked) {
        List<Claim> claims = new ArrayList<>();
        for (Candidate c : ranked) {
            Claim home = null;
            for (Claim claim : claims) {
                if (claim.accepts(c)) {
                    home = claim;
                    break;
                }
            }
            if (home != null) {
                home.members().add(c);
            } else {
                claims.add(new Claim(new ArrayList<>(List.of(c))));
            }
        }
        return claims;
    }

    private String context(Sentence s) {
        if (!NEEDS_CONTEXT.matcher(s.text()).find()) {
            return "";
        }
        Sentence before = retriever.index().neighbour(s, -1);
        return before != null && before.paragraph() == s.paragraph() ? before.text() : "";
    }

    private Citation citation(int n, Candidate c, String context) {
        Sentence s = c.sentence();
        Article a = retriever.index().article(s.source());
        return new Citation(n, s.source(), a.outlet(), a.title(), a.url(), a.published(), s.text(), context, round(c.relevance()),
                new Citation.Evidence(c.denseRank(), round(c.denseScore()), c.lexicalRank(), round(c.lexicalScore())));
    }

    /** A monotone map of answerability to 0..1, at 0.5 on the answer threshold. */
    private static double confidence(double answerability) {
        return round(1 / (1 + Math.exp(-12 * (answerability - ANSWER_THRESHOLD))));
    }

    private static double round(double x) {
        return Math.round(x * 1000) / 1000.0;
    }

    /** Sentences from different articles that say the same thing; at most one sentence per article. */
    private record Claim(List<Candidate> members) {

        boolean accepts(Candidate c) {
            Candidate lead = members.get(0);
            if (c.embedding() == null || lead.embedding() == null) {
                return false;
            }
            return members.stream().noneMatch(m -> m.sentence().source().equals(c.sentence().source()))
                    && CosineSimilarity.between(lead.embedding(), c.embedding()) >= SAME_CLAIM;
        }

        double relevance() {
            return members.get(0).relevance();
        }
    }
}
