package io.github.citebot.conversation;

import io.github.citebot.answer.Answer;
import io.github.citebot.answer.Citation;
import io.github.citebot.corpus.Sentence;
import io.github.citebot.retrieval.Answerer;
import io.github.citebot.retrieval.Ranking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers a question of a conversation. A standalone question is searched as typed. A follow-up is searched as
 * typed and as {@link HistoryQuery} rewrites it; each sentence's relevance is the two rankings' relevances mixed
 * by how much the question leans on the conversation ({@link FollowUp#weight()} of {@link #HISTORY_SHARE}), so
 * a sentence that answers the question as typed can still win, plus a little for standing close to a sentence
 * cited in the previous answer (the answer to "who said that?" or "did he give more details?" is usually in the
 * same article, a few sentences away). Whether the articles answer at all is the answerabilities of the two
 * rankings mixed the same way: a follow-up that the articles do not answer gets "The articles don't say.".
 */
final class FollowUpSearch {

    /** The share of a full follow-up's search that goes to the rewritten question. */
    static final double HISTORY_SHARE = 0.7;
    /** Added, at a full follow-up's weight, to a sentence of an article the previous answer cited... */
    static final double SAME_ARTICLE = 0.03;
    /** ...and to one next to a cited sentence, this much less with each sentence between them. */
    static final double NEXT_TO_CITED = 0.04;
    static final double NEXT_DECAY = 0.5;
    /** How many sentences away from a cited one still count as near it. */
    static final int NEAR_SPAN = 3;
    /**
     * Taken, at a full follow-up's weight, from the sentences the previous answer cited: a follow-up asks for
     * something not said yet, though it may still be there ("who said that?").
     */
    static final double ALREADY_SAID = 0.10;

    private FollowUpSearch() {
    }

    /** The question's turn, given the earlier ones, oldest first. */
    static Turn answer(Answerer answerer, String question, List<Turn> earlier, int maxCitations) {
        FollowUp lean = FollowUp.of(question, earlier);
        Ranking own = answerer.rank(question);
        if (lean == FollowUp.STANDALONE) {
            return turn(answerer.answer(question, own, maxCitations), own);
        }
        String searched = HistoryQuery.of(question, earlier);
        Ranking history = answerer.rank(searched);
        double h = lean.weight() * HISTORY_SHARE;
        Map<String, Double> ownRelevance = relevance(own);
        Map<String, Double> historyRelevance = relevance(history);
        double ownFloor = floor(own);
        double historyFloor = floor(history);
        List<Sentence> cited = earlier.get(earlier.size() - 1).cited();
        Ranking fused = Ranking.fused(List.of(own, history), s ->
                (1 - h) * ownRelevance.getOrDefault(s.id(), ownFloor)
                        + h * historyRelevance.getOrDefault(s.id(), historyFloor)
                        + lean.weight() * nearCited(s, cited));
        Answer a = answerer.answer(question, fused, maxCitations);
        return turn(a.asked(question, searched), fused);
    }

    /** What standing near the sentences cited last is worth: evidence that the conversation is about them. */
    static double nearCited(Sentence s, List<Sentence> cited) {
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
            return SAME_ARTICLE - ALREADY_SAID;
        }
        return SAME_ARTICLE + (nearest > NEAR_SPAN ? 0 : NEXT_TO_CITED * Math.pow(NEXT_DECAY, nearest - 1));
    }

    private static Map<String, Double> relevance(Ranking r) {
        Map<String, Double> byId = new HashMap<>();
        r.scored().forEach(s -> byId.put(s.sentence().id(), s.score()));
        return byId;
    }

    /** What a sentence the ranking did not find counts as: as relevant as the least relevant it found. */
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
