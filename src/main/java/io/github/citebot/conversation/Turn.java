package io.github.citebot.conversation;

import io.github.citebot.answer.Answer;
import io.github.citebot.corpus.Sentence;

import java.util.List;
import java.util.Objects;

/**
 * One question of a conversation and what it got.
 *
 * @param answer the answer; its question is the question as typed, its {@link Answer#searched() searched} text
 *               what was searched for it when that differs
 * @param cited  the cited sentences in the order of the answer's citations, with their places in their articles
 */
public record Turn(Answer answer, List<Sentence> cited) {

    public Turn {
        Objects.requireNonNull(answer, "answer");
        cited = List.copyOf(cited);
    }

    /** The question as it was typed. */
    public String question() {
        return answer.question();
    }
}
