package org.sanad.admin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param keepUnansweredText store the text of questions the documents did not answer ({@code BOT_KEEP_UNANSWERED_TEXT});
 *                           off by default: then only their number is kept
 */
@ConfigurationProperties("sanad.usage")
public record UsageProperties(@DefaultValue("false") boolean keepUnansweredText) {
}
