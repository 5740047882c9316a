package org.sanad.staff;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Counts refusals per actor and action within a window, so that a flood of refused calls costs a couple of audit
 * entries and log lines instead of one each: the first refusal of a window is reported at once ({@link #first}), the
 * others are counted and reported together when the window has passed.
 */
final class RefusalTally {

    /** The refusals after the first one of a window. */
    record Repeated(String actor, String action, String reason, long count) {
    }

    private record Key(String actor, String action) {
    }

    private static final class Window {
        final long start;
        final String reason;
        long repeated;

        Window(long start, String reason) {
            this.start = start;
            this.reason = reason;
        }
    }

    private final long windowNanos;
    private final Consumer<Repeated> report;
    private final LongSupplier clock;
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private ScheduledExecutorService flusher;

    RefusalTally(Duration window, Consumer<Repeated> report) {
        this(window, report, System::nanoTime);
    }

    RefusalTally(Duration window, Consumer<Repeated> report, LongSupplier clock) {
        this.windowNanos = window.toNanos();
        this.report = report;
        this.clock = clock;
    }

    /** True for the first refusal of the actor and action in a window: that one is written out; the others counted. */
    boolean first(String actor, String action, String reason) {
        flush();
        Key key = new Key(actor, action);
        boolean[] first = {false};
        windows.compute(key, (k, window) -> {
            if (window == null) {
                first[0] = true;
                return new Window(clock.getAsLong(), reason);
            }
            window.repeated++;
            return window;
        });
        if (!first[0]) {
            startFlusher();
        }
        return first[0];
    }

    /** Reports and closes the windows that have passed. */
    void flush() {
        long now = clock.getAsLong();
        for (Iterator<Map.Entry<Key, Window>> it = windows.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Window> entry = it.next();
            Window window = entry.getValue();
            if (now - window.start >= windowNanos && windows.remove(entry.getKey(), window) && window.repeated > 0) {
                report.accept(new Repeated(entry.getKey().actor(), entry.getKey().action(), window.reason,
                        window.repeated));
            }
        }
    }

    /** So that the count of the last window is written even when no refusal follows it. */
    private synchronized void startFlusher() {
        if (flusher == null) {
            flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "refusal-tally");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(1, windowNanos / 4);
            flusher.scheduleWithFixedDelay(() -> {
                try {
                    flush();
                } catch (RuntimeException e) {
                    // the next refusal or tick tries again
                }
            }, every, every, TimeUnit.NANOSECONDS);
        }
    }
}
