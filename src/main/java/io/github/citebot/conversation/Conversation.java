package io.github.citebot.conversation;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.retrieval.Answerer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * One chat with the bot: questions asked in turn, each read with the turns before it, so that "Who said that?"
 * after "Why didn't Kim go to Moscow?" is searched as a question about Kim's trip (see {@link FollowUpSearch}).
 * A question that names a new subject is answered as {@link CiteBot#ask} would answer it.
 *
 * <pre>{@code
 * Conversation chat = bot.conversation();
 * chat.ask("Why didn't Kim go to Moscow?");
 * Answer a = chat.ask("Who said that?");   // a.searched(): what was searched for it
 * }</pre>
 *
 * <p>It keeps the last {@value #MAX_TURNS} turns only. Not thread-safe: one per chat, used by one thread at a
 * time (the bot it came from is thread-safe, and any number of conversations can share it).
 */
public final class Conversation {

    /** How many turns a conversation remembers: enough for a topic and its follow-ups. */
    public static final int MAX_TURNS = 4;

    /**
     * How a conversation reaches its bot: checks and trims the question, then runs the step with the answerer of
     * the bot's current index, which it holds meanwhile.
     */
    @FunctionalInterface
    public interface Engine {
        Turn answer(String question, BiFunction<Answerer, String, Turn> step);
    }

    private final Engine engine;
    private final int maxCitations;
    private final Deque<Turn> turns = new ArrayDeque<>();

    /** A new conversation; made by {@link CiteBot#conversation()}. */
    public Conversation(Engine engine, int maxCitations) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.maxCitations = maxCitations;
    }

    /**
     * The answer to the next question of this conversation. Its {@link Answer#searched()} says what was searched
     * when that was not the question as typed.
     *
     * @throws io.github.citebot.CiteBotException when the question is null or blank
     */
    public Answer ask(String question) {
        List<Turn> earlier = turns();
        Turn turn = engine.answer(question, (answerer, q) -> FollowUpSearch.answer(answerer, q, earlier, maxCitations));
        turns.addLast(turn);
        while (turns.size() > MAX_TURNS) {
            turns.removeFirst();
        }
        return turn.answer();
    }

    /** The turns remembered, oldest first. */
    public List<Turn> turns() {
        return List.copyOf(turns);
    }

    /** Forgets every turn: the next question starts afresh. */
    public void reset() {
        turns.clear();
    }

    /**
     * Goes on from these turns instead of this conversation's own, as when a chat answers an earlier message
     * (its last {@value #MAX_TURNS} are kept).
     */
    public void reset(List<Turn> earlier) {
        turns.clear();
        List<Turn> kept = earlier.subList(Math.max(0, earlier.size() - MAX_TURNS), earlier.size());
        kept.forEach(t -> turns.addLast(Objects.requireNonNull(t, "turn")));
    }
}
