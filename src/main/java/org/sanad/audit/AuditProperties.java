package org.sanad.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What Sanad keeps about what happened.
 *
 * @param keepUnansweredText store the text of questions the documents did not answer
 *                           ({@code SANAD_AUDIT_KEEPUNANSWEREDTEXT}); off by default: then only their number is kept
 */
@ConfigurationProperties("sanad.audit")
public record AuditProperties(@DefaultValue("false") boolean keepUnansweredText) {
}
