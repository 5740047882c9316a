package org.sanad.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * At most {@code refusals} refused admin calls a window from one address; beyond them the address gets 429 without its
 * token even being compared, until the window has passed. Guessing a token becomes slow, and a flood of wrong tokens
 * costs nothing. A right token is never refused before that: an admin calling from another address is not held up.
 * Behind a proxy the address is the client's only when the proxy's forwarded headers are trusted
 * ({@code SERVER_FORWARDHEADERSSTRATEGY=native}, as the replicas' compose file sets it).
 */
final class RefusedCallsLimit {

    private final int refusals;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, long[]> windows = new ConcurrentHashMap<>();

    RefusedCallsLimit(int refusals, Duration window, LongSupplier clock) {
        this.refusals = refusals;
        this.windowNanos = window.toNanos();
        this.clock = clock;
    }

    /** The address has used up its refusals for now. */
    boolean exhausted(String address) {
        long[] window = windows.get(address);
        return window != null && clock.getAsLong() - window[0] < windowNanos && window[1] >= refusals;
    }

    /** One more refused call from the address. */
    void refused(String address) {
        long now = clock.getAsLong();
        if (windows.size() > 10_000) {
            windows.values().removeIf(window -> now - window[0] >= windowNanos);
        }
        windows.compute(address, (a, window) -> window == null || now - window[0] >= windowNanos
                ? new long[] {now, 1} : new long[] {window[0], window[1] + 1});
    }
}
