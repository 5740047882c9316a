package org.sanad.telegram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads that answer what the {@link TelegramInbox} holds: {@code workers} threads for every update, urgent ones
 * first, and one more kept for urgent updates only, so that a danger sign never waits for a worker behind other
 * parents' long questions. A worker that finds nothing waits until this replica stores an update or
 * {@code poll} has passed (updates another replica stored, or took back from a dead one). A housekeeping thread takes
 * back the claims of dead replicas and forgets old answered updates.
 */
final class InboxWorkers {

    private static final Logger log = LoggerFactory.getLogger(InboxWorkers.class);
    /** A claim held this long is a hung worker's; its update goes back to the queue (Telegram's replies take s). */
    private static final Duration STUCK = Duration.ofMinutes(10);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    /** Before the workers start: nobody to wake. */
    static final InboxWorkers IDLE = new InboxWorkers();

    private final TelegramInbox inbox;
    private final java.util.function.Function<TelegramInbox.Claimed, FloodLimit.Verdict> processor;
    private final int workers;
    private final Duration poll;
    private final Duration recoverEvery;
    private final Duration keepAnswered;
    private final Object signal = new Object();
    private final List<Thread> threads = new ArrayList<>();
    private ScheduledExecutorService housekeeping;
    private volatile boolean running;
    private long wakeups;

    InboxWorkers(TelegramInbox inbox, java.util.function.Function<TelegramInbox.Claimed, FloodLimit.Verdict> processor,
            int workers, Duration poll,
            Duration recoverEvery, Duration keepAnswered) {
        this.inbox = inbox;
        this.processor = processor;
        this.workers = workers;
        this.poll = poll;
        this.recoverEvery = recoverEvery;
        this.keepAnswered = keepAnswered;
    }

    private InboxWorkers() {
        this(null, claimed -> FloodLimit.Verdict.ALLOW, 0, Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    void start() {
        running = true;
        for (int i = 0; i <= workers; i++) {
            boolean urgentOnly = i == workers;
            Thread thread = new Thread(() -> work(urgentOnly), urgentOnly ? "telegram-urgent" : "telegram-chat-" + (i + 1));
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "telegram-inbox-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
        housekeeping.scheduleWithFixedDelay(this::recover, 0, recoverEvery.toMillis(), TimeUnit.MILLISECONDS);
        housekeeping.scheduleWithFixedDelay(this::prune, PRUNE_EVERY.toMillis(), PRUNE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Something was stored: idle workers look at once. */
    void wake() {
        synchronized (signal) {
            wakeups++;
            signal.notifyAll();
        }
    }

    private void work(boolean urgentOnly) {
        TelegramInbox.Claimed answered = null;
        FloodLimit.Verdict verdict = null;
        while (running) {
            Optional<TelegramInbox.Claimed> claimed;
            long seen;
            synchronized (signal) {
                seen = wakeups;
            }
            try {
                // the update just answered is marked done in the same commit as the next claim
                claimed = inbox.finishAndClaim(answered, verdict, urgentOnly);
                answered = null;
            } catch (RuntimeException e) {
                log.warn("Cannot claim Telegram updates ({}); trying again", e.getClass().getSimpleName());
                idle(seen);
                continue;
            }
            if (claimed.isEmpty()) {
                idle(seen);
                continue;
            }
            answered = claimed.get();
            try {
                verdict = processor.apply(answered);
            } catch (RuntimeException e) {
                log.error("A Telegram update failed ({})", e.getClass().getName());
                verdict = FloodLimit.Verdict.ALLOW;
            }
        }
        if (answered != null) {
            try {
                inbox.done(answered, verdict);
            } catch (RuntimeException e) {
                log.debug("Could not mark the last update done ({}); another replica may answer it again",
                        e.getClass().getSimpleName());
            }
        }
    }

    /** Waits for a wake-up that came after {@code seen}, or for the poll interval. */
    private void idle(long seen) {
        synchronized (signal) {
            if (wakeups != seen || !running) {
                return;
            }
            try {
                signal.wait(poll.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    private void recover() {
        try {
            int back = inbox.recover(STUCK);
            if (back > 0) {
                log.info("{} Telegram updates of a replica that stopped answering are back in the queue", back);
                wake();
            }
        } catch (RuntimeException e) {
            log.debug("Could not look for claims of dead replicas ({})", e.getClass().getSimpleName());
        }
    }

    private void prune() {
        try {
            inbox.prune(keepAnswered);
        } catch (RuntimeException e) {
            log.debug("Could not prune the inbox ({})", e.getClass().getSimpleName());
        }
    }

    /** Finishes what is under way (up to {@code grace}), then gives back what this replica claimed and did not answer. */
    void shutdown(Duration grace) {
        if (!running && threads.isEmpty()) {
            return;
        }
        running = false;
        wake();
        if (housekeeping != null) {
            housekeeping.shutdownNow();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        for (Thread thread : threads) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            thread.interrupt();
        }
        try {
            inbox.releaseMine();
        } catch (RuntimeException e) {
            log.debug("Could not give back claimed updates ({}); they come back when this replica counts as dead",
                    e.getClass().getSimpleName());
        }
    }
}
