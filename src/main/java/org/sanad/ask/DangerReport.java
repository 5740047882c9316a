package org.sanad.ask;

import java.time.Instant;
import java.util.List;

/**
 * The pipeline produced an URGENT or CRISIS answer: what the clinic's staff must hear about at once. Told to every
 * {@link DangerListener}.
 *
 * @param kind       {@link Answer.Kind#URGENT} or {@link Answer.Kind#CRISIS}
 * @param categories the danger signs' categories (e.g. {@code swallowing}); empty when a button reported "a sign"
 * @param at         when
 * @param origin     where from
 * @param trigger    a message the parent wrote, or a button they pressed
 * @param text       the parent's own words for a message; null for a button. Listeners keep it only where the clinic
 *                   asked for it ({@code STAFF_ALERT_INCLUDE_TEXT})
 */
public record DangerReport(Answer.Kind kind, List<String> categories, Instant at, Origin origin, Trigger trigger,
        String text) {

    public enum Trigger {
        /** A message the parent wrote. */
        MESSAGE,
        /** «لاحظت علامة منها» under a check-in. */
        CHECKIN_BUTTON,
        /** A button confirming a danger sign after Sanad asked (a CHECK reply's «نعم»). */
        CONFIRM_BUTTON
    }

    public DangerReport {
        categories = List.copyOf(categories);
    }
}
