package org.sanad.telegram;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks on a small pool, one at a time and in arrival order per chat, different chats in parallel. The
 * total of waiting tasks is bounded: {@link #submit} refuses instead of blocking, so the caller (the library's
 * single polling thread) never waits.
 */
final class ChatOrderedExecutor {

    private static final Logger log = LoggerFactory.getLogger(ChatOrderedExecutor.class);

    private final ExecutorService pool;
    private final int capacity;
    private final Map<Long, Deque<Runnable>> queues = new HashMap<>();
    private int waiting;

    ChatOrderedExecutor(int threads, int capacity) {
        this.capacity = capacity;
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "telegram-chat-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    /** Queues {@code task} behind the chat's earlier tasks; false when too many tasks are waiting already. */
    boolean submit(long chatId, Runnable task) {
        synchronized (queues) {
            if (waiting >= capacity || pool.isShutdown()) {
                return false;
            }
            waiting++;
            Deque<Runnable> queue = queues.get(chatId);
            if (queue != null) {
                queue.addLast(task); // a worker is on this chat and will get to it
                return true;
            }
            queue = new ArrayDeque<>();
            queue.addLast(task);
            queues.put(chatId, queue);
        }
        pool.execute(() -> drain(chatId));
        return true;
    }

    /** Runs the chat's next task, then hands the chat back to the pool so that busy chats take turns. */
    private void drain(long chatId) {
        Runnable task;
        synchronized (queues) {
            task = queues.get(chatId).pollFirst();
            waiting--;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("A Telegram update failed", e);
        } finally {
            boolean more;
            synchronized (queues) {
                Deque<Runnable> queue = queues.get(chatId);
                more = !queue.isEmpty();
                if (!more) {
                    queues.remove(chatId);
                }
            }
            if (more) {
                try {
                    pool.execute(() -> drain(chatId));
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    log.debug("Shutting down with Telegram updates still queued");
                }
            }
        }
    }

    int waiting() {
        synchronized (queues) {
            return waiting;
        }
    }

    void shutdown(Duration grace) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
