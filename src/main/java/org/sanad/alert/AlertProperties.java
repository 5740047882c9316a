package org.sanad.alert;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where danger alerts go.
 *
 * @param staffChatId the clinic staff's Telegram group ({@code STAFF_CHAT_ID}); null: no alerts are sent
 * @param includeText copy the parent's words into the alert ({@code STAFF_ALERT_INCLUDE_TEXT}); off by default
 */
@ConfigurationProperties("sanad.alert")
public record AlertProperties(Long staffChatId, @DefaultValue("false") boolean includeText) {
}
