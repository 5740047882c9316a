package org.sanad.outbox;

import java.time.Instant;

/**
 * When rows that wait for the quiet hours to end are not sent (check-ins, reminders). The check-in room provides it
 * from {@code QUIET_HOURS}; without one nothing is ever quiet.
 */
@FunctionalInterface
public interface QuietHours {

    QuietHours NEVER = now -> false;

    boolean isQuiet(Instant now);
}
