package io.github.citebot.conversation;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Names;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Candidate;
import io.github.citebot.retrieval.Feature;
import io.github.citebot.retrieval.Features;
import io.github.citebot.retrieval.LogOdds;
import io.github.citebot.retrieval.Ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a question of a conversation. A standalone question is searched as typed. A follow-up is searched as
 * typed and as {@link HistoryQuery} rewrites it, and each sentence's score is the two rankings' scores mixed:
 * the rewritten question's share is {@link #HISTORY_SHARE} of how much the question leans on the conversation
 * ({@link FollowUp#weight()}), moved by how likely each search is to have found an answer, so a sentence that
 * answers the question as typed can still win and a literal "why?" that finds nothing gives way. To that come
 * priors from the previous answer's citations: a little for their articles, more for their neighbours (the
 * answer to "who said that?" or "did he give more details?" is often a few sentences away), less for repeating
 * them. The ranker's scores being log-odds, the priors are odds ratios. Whether the articles answer at all is
 * read from both rankings for the sentence that won ({@link #probability}): the rewritten question alone would
 * find its topic answerable whatever was asked about it.
 */
final class FollowUpSearch {

    /** The share of a full follow-up's search that goes to the rewritten question. */
    static final double HISTORY_SHARE = 0.7;
    /**
     * The share of a full follow-up's answerability that goes to the rewritten question: the history tells where
     * to look, but it makes its topic look answerable whatever was asked about it, so the question as typed
     * keeps an equal say in whether it is answered.
     */
    static final double ANSWERABILITY_SHARE = 0.5;
    /** Odds ratios, at a full follow-up's weight: a sentence of an article the previous answer cited... */
    static final double SAME_ARTICLE = Math.log(1.25);
    /** ...and one next to a cited sentence, halved with each sentence between them... */
    static final double NEXT_TO_CITED = Math.log(1.5);
    /** ...up to this many sentences away. */
    static final int NEAR_SPAN = 3;
    /** A sentence already cited: a follow-up asks for something not said yet, though it may still be there. */
    static final double ALREADY_SAID = -Math.log(4);

    private FollowUpSearch() {
    }

    /** The question's turn, given the earlier ones, oldest first. */
    static Turn answer(Answerer answerer, String question, List<Turn> earlier, int maxCitations) {
        Names names = answerer.retriever().index().names();
        FollowUp lean = FollowUp.of(question, earlier, names);
        if (lean == FollowUp.STANDALONE) {
            Ranking own = answerer.rank(question);
            return turn(answerer.answer(question, own, maxCitations), own);
        }
        String searched = HistoryQuery.of(question, earlier, names);
        List<Ranking> both = answerer.rankAll(List.of(question, searched));
        Ranking own = both.get(0);
        Ranking history = both.get(1);
        double h = share(lean.weight() * HISTORY_SHARE, answerer.probability(own), answerer.probability(history));
        Map<String, Candidate> ownById = byId(own);
        Map<String, Candidate> historyById = byId(history);
        double ownFloor = floor(own);
        double historyFloor = floor(history);
        List<Sentence> cited = earlier.get(earlier.size() - 1).cited();
        Ranking fused = Ranking.fused(List.of(own, history), s ->
                (1 - h) * score(ownById.get(s.id()), ownFloor)
                        + h * score(historyById.get(s.id()), historyFloor)
                        + lean.weight() * prior(s, cited));
        double p = probability(answerer, question, lean, fused, own, ownById, history, historyById);
        Answer a = answerer.answer(question, fused, p, maxCitations);
        return turn(a.asked(question, searched), fused);
    }

    /**
     * The probability that the fused ranking's first sentence answers: what each ranking's answerability says of
     * that sentence, as log-odds, mixed. A question with nothing of its own to find ("who said that?", "why?")
     * leaves it to the rewritten question; one that has ("when did he die?") must be answered as typed as well,
     * with {@link #ANSWERABILITY_SHARE} of the say going to the conversation, and read as asked of that sentence
     * ({@link #asIfNearest}). A {@link FollowUp#VAGUE} question asks all it asks as typed, so it alone says whether
     * the articles answer it: the conversation only led the search to its topic, which would make any question on
     * it look answerable.
     */
    private static double probability(Answerer answerer, String question, FollowUp lean, Ranking fused,
                                      Ranking own, Map<String, Candidate> ownById,
                                      Ranking history, Map<String, Candidate> historyById) {
        if (fused.candidates().isEmpty()) {
            return 0;
        }
        String best = fused.candidates().get(0).sentence().id();
        double literal = LogOdds.of(answerer.probability(asIfNearest(first(own, ownById.get(best)))));
        double read = LogOdds.of(answerer.probability(first(history, historyById.get(best))));
        double a = lean == FollowUp.VAGUE ? 0
                : lean.weight() * (HistoryQuery.telling(question).isEmpty() ? 1 : ANSWERABILITY_SHARE);
        return LogOdds.probability((1 - a) * literal + a * read);
    }

    /** In one model: how near the question its nearest sentence is, how far ahead of the next, and one candidate. */
    private record Nearness(Feature best, Feature spread, Feature candidate) {
    }

    private static final List<Nearness> NEARNESS = List.of(
            new Nearness(Feature.BEST_COSINE, Feature.COSINE_SPREAD, Feature.COSINE),
            new Nearness(Feature.BEST_SECOND_COSINE, Feature.SECOND_COSINE_SPREAD, Feature.SECOND_COSINE));

    /**
     * The question as typed, read as if its nearest sentence were the one that leads the ranking. Whether the
     * articles answer a follow-up as typed is asked of the sentence the conversation led to, and the question's
     * nearest sentence may be on another subject ("What did his wife say about it?" finds the one sentence with a
     * wife in it): its best cosine, and its lead over the next nearest, are cut to the leading sentence's.
     */
    static Ranking asIfNearest(Ranking r) {
        if (r.candidates().isEmpty()) {
            return r;
        }
        Features lead = r.candidates().get(0).features();
        Features asked = r.question();
        for (Nearness n : NEARNESS) {
            if (asked.has(n.best()) && lead.has(n.candidate())) {
                double behind = Math.max(0, asked.get(n.best()) - lead.get(n.candidate()));
                asked = asked.with(n.best(), asked.get(n.best()) - behind).with(n.spread(), asked.get(n.spread()) - behind);
            }
        }
        return new Ranking(r.candidates(), asked, r.type());
    }

    /**
     * The history's share of the search, {@code prior} moved by how well each search finds something: a literal
     * question that finds nothing ("why?") leaves it to the conversation, one that finds a likely answer keeps
     * its say. The shares are weighed by each ranking's probability of answering, as evidence for each reading.
     */
    static double share(double prior, double literal, double history) {
        double h = prior * history;
        double o = (1 - prior) * literal;
        return h + o > 0 ? h / (h + o) : prior;
    }

    /**
     * A ranking's view of one candidate as if it had come first, its question features kept: what its
     * answerability says of that candidate. A candidate the ranking did not find counts as its last one: as far as
     * the ranking knows, no more relevant than that.
     */
    private static Ranking first(Ranking r, Candidate c) {
        List<Candidate> all = r.candidates();
        if (all.isEmpty()) {
            return r;
        }
        Candidate lead = c != null ? c : all.get(all.size() - 1);
        List<Candidate> reordered = new ArrayList<>(all.size());
        reordered.add(lead);
        all.stream().filter(x -> x != lead).forEach(reordered::add);
        double next = reordered.size() > 1 ? reordered.get(1).score() : lead.score();
        return new Ranking(reordered, r.question().with(Feature.TOP_SCORE, lead.score())
                .with(Feature.SCORE_MARGIN, lead.score() - next), r.type());
    }

    /** What standing near the sentences cited last is worth, as log-odds: evidence of what the talk is about. */
    static double prior(Sentence s, List<Sentence> cited) {
        int nearest = Integer.MAX_VALUE;
        for (Sentence c : cited) {
            if (c.source().equals(s.source())) {
                nearest = Math.min(nearest, Math.abs(c.index() - s.index()));
            }
        }
        if (nearest == Integer.MAX_VALUE) {
            return 0;
        }
        if (nearest == 0) {
            return SAME_ARTICLE + ALREADY_SAID;
        }
        return SAME_ARTICLE + (nearest > NEAR_SPAN ? 0 : NEXT_TO_CITED * Math.pow(0.5, nearest - 1));
    }

    private static double score(Candidate c, double floor) {
        return c == null ? floor : c.score();
    }

    private static Map<String, Candidate> byId(Ranking r) {
        Map<String, Candidate> byId = new HashMap<>();
        r.candidates().forEach(c -> byId.put(c.sentence().id(), c));
        return byId;
    }

    /** What a sentence the ranking did not find scores: as much as the least relevant it found. */
    private static double floor(Ranking r) {
        return r.scored().stream().mapToDouble(Ranking.Scored::score).min().orElse(0);
    }

    /** The answer with the sentences it cites, found in the ranking it was made from. */
    private static Turn turn(Answer answer, Ranking ranking) {
        Map<String, Sentence> byText = new HashMap<>();
        for (Ranking.Scored s : ranking.scored()) {
            byText.putIfAbsent(s.sentence().source() + "\n" + s.sentence().text(), s.sentence());
        }
        List<Sentence> cited = new ArrayList<>();
        for (Citation c : answer.citations()) {
            Sentence s = byText.get(c.source() + "\n" + c.sentence());
            if (s != null) {
                cited.add(s);
            }
        }
        return new Turn(answer, cited);
    }
}
