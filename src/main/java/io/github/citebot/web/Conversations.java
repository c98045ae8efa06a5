package io.github.citebot.web;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The chats of the page's users by the id each page sends, bounded and expiring: a chat idle for longer than
 * {@code idle} starts afresh, and past {@code max} chats the least recently used is forgotten, so that clients
 * making up ids cannot fill the memory.
 *
 * @param <C> a chat's state
 */
final class Conversations<C> {

    private record Entry<C>(C chat, long lastUsed) {
    }

    private final int max;
    private final long idleNanos;
    private final LongSupplier clock;
    /** In access order: the eldest is the least recently used. */
    private final LinkedHashMap<String, Entry<C>> chats = new LinkedHashMap<>(16, 0.75f, true);

    Conversations(int max, Duration idle, LongSupplier nanoClock) {
        if (max < 1) {
            throw new IllegalArgumentException("max conversations must be at least 1, got " + max);
        }
        this.max = max;
        this.idleNanos = idle.toNanos();
        this.clock = nanoClock;
    }

    Conversations(int max, Duration idle) {
        this(max, idle, System::nanoTime);
    }

    /** The chat with this id: the one kept, unless it was idle too long, else a new one from {@code newChat}. */
    synchronized C get(String id, Supplier<C> newChat) {
        long now = clock.getAsLong();
        for (Iterator<Entry<C>> it = chats.values().iterator(); it.hasNext(); ) {
            if (now - it.next().lastUsed() > idleNanos) {
                it.remove();
            } else {
                break; // the rest were used more recently
            }
        }
        Entry<C> e = chats.get(id);
        C chat = e != null ? e.chat() : newChat.get();
        chats.put(id, new Entry<>(chat, now));
        if (chats.size() > max) {
            Iterator<Map.Entry<String, Entry<C>>> eldest = chats.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
        return chat;
    }

    synchronized int size() {
        return chats.size();
    }
}
