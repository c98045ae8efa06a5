package io.github.citebot.telegram;

import io.github.citebot.CiteBot;
import io.github.citebot.answer.Answer;
import io.github.citebot.conversation.Conversation;
import io.github.citebot.conversation.Turn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Each chat's conversation, so that "who said that?" follows on from the question before it in the same chat and
 * never from another chat's. A reply to one of the bot's answers follows on from that answer instead (its question
 * and citations), however much was asked since. Bounded: a chat idle for {@link #IDLE} is forgotten, at most
 * {@link #MAX_CHATS} are kept (the least recently active goes first), and each remembers its last
 * {@link #ANSWERS_KEPT} answers for replies. Thread-safe: updates of one chat are answered one at a time.
 */
final class Chats {

    static final Duration IDLE = Duration.ofHours(1);
    static final int MAX_CHATS = 10_000;
    static final int ANSWERS_KEPT = 50;

    private final CiteBot citebot;
    private final Clock clock;
    private final Map<Long, Chat> chats = new LinkedHashMap<>(16, 0.75f, true);

    Chats(CiteBot citebot, Clock clock) {
        this.citebot = citebot;
        this.clock = clock;
    }

    /**
     * The answer to a question in a chat, given its place in the conversation, sent by {@code send}, which tells
     * the ids of the messages that carried it.
     *
     * @param repliedTo the bot's message the question replies to, or null
     * @param send      sends the answer; returns the ids of the messages that carried it
     */
    void answer(long chatId, Integer repliedTo, String question, Function<Answer, List<Integer>> send) {
        Chat chat = chat(chatId);
        synchronized (chat) {
            List<Turn> thread = repliedTo == null ? null : chat.threads.get(repliedTo);
            if (thread != null) {
                chat.conversation.reset(thread);
            }
            Answer answer = chat.conversation.ask(question);
            List<Turn> turns = chat.conversation.turns();
            for (Integer id : send.apply(answer)) {
                chat.threads.put(id, turns);
            }
        }
    }

    private synchronized Chat chat(long chatId) {
        Instant now = clock.instant();
        chats.values().removeIf(c -> c.lastActive.plus(IDLE).isBefore(now));
        Chat chat = chats.computeIfAbsent(chatId, id -> new Chat(citebot.conversation()));
        chat.lastActive = now;
        while (chats.size() > MAX_CHATS) {
            chats.remove(chats.keySet().iterator().next());
        }
        return chat;
    }

    /** How many chats are remembered. */
    synchronized int size() {
        return chats.size();
    }

    private static final class Chat {
        final Conversation conversation;
        /** The turns behind each of the bot's answers, by message id, for a reply to it. */
        final Map<Integer, List<Turn>> threads = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, List<Turn>> eldest) {
                return size() > ANSWERS_KEPT;
            }
        };
        volatile Instant lastActive;

        Chat(Conversation conversation) {
            this.conversation = conversation;
        }
    }
}
