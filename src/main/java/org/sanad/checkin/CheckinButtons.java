package org.sanad.checkin;

/**
 * The callback data of the check-in buttons, which the channel reads back: {@code ci:ask} record an injection,
 * {@code ci:when:<days ago>} when it was, {@code ci:ok} «كل شيء بخير», {@code ci:sign} «لاحظت علامة منها».
 */
public final class CheckinButtons {

    public static final String ASK = "ci:ask";
    public static final String WHEN_PREFIX = "ci:when:";
    public static final String FINE = "ci:ok";
    public static final String SIGN = "ci:sign";

    private CheckinButtons() {
    }

    public static String when(int daysAgo) {
        return WHEN_PREFIX + daysAgo;
    }
}
