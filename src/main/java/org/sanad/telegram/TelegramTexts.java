package org.sanad.telegram;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;

/** The channel's Arabic texts, from the {@code telegram.*} keys of {@code messages.properties}. */
@Component
class TelegramTexts {

    private static final Locale ARABIC = Locale.forLanguageTag("ar");

    private final MessageSource messages;

    TelegramTexts(MessageSource messages) {
        this.messages = messages;
    }

    String get(String key, Object... args) {
        return messages.getMessage("telegram." + key, args, ARABIC);
    }

    /** For numbered lists such as the start topics: null when the key does not exist. */
    String find(String key) {
        try {
            return get(key);
        } catch (NoSuchMessageException e) {
            return null;
        }
    }
}
