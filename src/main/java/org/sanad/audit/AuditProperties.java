package org.sanad.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Sanad keeps about what happened.
 *
 * @param keepUnansweredText store the text of questions the documents did not answer
 *                           ({@code SANAD_AUDIT_KEEPUNANSWEREDTEXT}); off by default: then only their number is kept
 * @param counterFlushInterval how often the usage counts are added to the database
 *                           ({@code SANAD_AUDIT_COUNTERFLUSHINTERVAL}); at most this much counting is lost in a crash
 */
@ConfigurationProperties("sanad.audit")
public record AuditProperties(@DefaultValue("false") boolean keepUnansweredText,
        @DefaultValue("1s") Duration counterFlushInterval) {

    public AuditProperties {
        if (counterFlushInterval.isZero() || counterFlushInterval.isNegative()) {
            throw new IllegalArgumentException("sanad.audit.counter-flush-interval must be positive");
        }
    }

    /** The defaults but for keeping the text of unanswered questions. */
    public static AuditProperties keepingText(boolean keepUnansweredText) {
        return new AuditProperties(keepUnansweredText, Duration.ofSeconds(1));
    }
}
