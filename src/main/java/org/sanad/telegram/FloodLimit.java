package org.sanad.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code messages} updates per chat within a sliding {@code window}. The first update beyond it gets a
 * polite reply, the rest are ignored until the window has room again: a flooding chat cannot tie up the workers
 * the other parents need.
 */
final class FloodLimit {

    enum Verdict { ALLOW, WARN, IGNORE }

    private final int messages;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<Long, Window> chats = new ConcurrentHashMap<>();

    FloodLimit(int messages, Duration window) {
        this(messages, window, System::nanoTime);
    }

    FloodLimit(int messages, Duration window, LongSupplier clock) {
        this.messages = messages;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    Verdict check(long chatId) {
        long now = clock.getAsLong();
        Window window = chats.computeIfAbsent(chatId, id -> new Window());
        synchronized (window) {
            while (!window.times.isEmpty() && now - window.times.peekFirst() >= windowNanos) {
                window.times.pollFirst();
            }
            if (window.times.size() < messages) {
                window.times.addLast(now);
                window.warned = false;
                return Verdict.ALLOW;
            }
            if (!window.warned) {
                window.warned = true;
                return Verdict.WARN;
            }
            return Verdict.IGNORE;
        }
    }

    /** Drops chats that have been quiet for a whole window, so the map does not grow with every chat ever seen. */
    void forgetQuietChats() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<Long, Window>> it = chats.entrySet().iterator(); it.hasNext(); ) {
            Window window = it.next().getValue();
            synchronized (window) {
                Long last = window.times.peekLast();
                if (last == null || now - last >= windowNanos) {
                    it.remove();
                }
            }
        }
    }

    private static final class Window {
        final Deque<Long> times = new ArrayDeque<>();
        boolean warned;
    }
}
