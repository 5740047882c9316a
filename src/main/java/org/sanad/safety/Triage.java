package org.sanad.safety;

import java.util.List;

/**
 * What the red-flag detector decided about a message, and which rule decided it (for clinicians' audit; never
 * the message text).
 *
 * @param level      how the reply must treat the message
 * @param categories the red-flag categories found, e.g. {@code swallowing}
 * @param rule       the rule that fired, e.g. {@code inability+swallow}
 */
public record Triage(Level level, List<String> categories, String rule) {

    public enum Level {
        /** Nothing that concerns safety. */
        NONE,
        /** A red-flag word, but negated («بيتنفس كويس»): answer, with the short safety note. */
        NEGATED,
        /** A general question about a red flag («هل يسبب صعوبة في البلع؟»): answer, with the safety note. */
        MENTION,
        /** A report of a red flag: urgent-care advice first. */
        URGENT,
        /** A caregiver writing of harming themselves or the child: a crisis reply instead of an article. */
        CRISIS
    }

    public Triage {
        categories = List.copyOf(categories);
    }

    public static Triage none() {
        return new Triage(Level.NONE, List.of(), "none");
    }

    public boolean urgent() {
        return level == Level.URGENT;
    }

    /**
     * The message reports a red flag, alone or within a crisis: the reply opens with the urgent-care advice.
     * A crisis is recognised by its categories ({@code harm-self}, {@code harm-child}); any other is a red flag.
     */
    public boolean reportsRedFlag() {
        return level == Level.URGENT || level == Level.CRISIS
                && categories.stream().anyMatch(c -> !c.equals("harm-self") && !c.equals("harm-child"));
    }

    public boolean needsSafetyNote() {
        return level == Level.NEGATED || level == Level.MENTION;
    }
}
