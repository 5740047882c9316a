package org.sanad.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Says once, at start-up, that Telegram is off when no token is set: a clinic should not wonder why. */
@Component
class TelegramOffNotice implements SmartInitializingSingleton {

    private static final Logger log = LoggerFactory.getLogger(TelegramOffNotice.class);

    private final TelegramProperties properties;

    TelegramOffNotice(TelegramProperties properties) {
        this.properties = properties;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!properties.enabled()) {
            log.info("Telegram is off: TELEGRAM_BOT_TOKEN is not set");
        }
    }
}
