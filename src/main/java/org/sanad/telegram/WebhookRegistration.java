package org.sanad.telegram;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethodBoolean;

/**
 * Telegram's {@code setWebhook}, sent as JSON (TelegramBots' own class is sent as a multipart form, which only a
 * certificate upload needs). Never {@code drop_pending_updates}: updates that wait at Telegram are parents' messages.
 */
final class WebhookRegistration extends BotApiMethodBoolean {

    /** What Sanad answers; anything else Telegram keeps to itself. */
    static final List<String> ALLOWED_UPDATES = List.of("message", "edited_message", "callback_query");

    @JsonProperty("url")
    private final String url;
    @JsonProperty("secret_token")
    private final String secretToken;
    @JsonProperty("allowed_updates")
    private final List<String> allowedUpdates = ALLOWED_UPDATES;
    @JsonProperty("max_connections")
    private final int maxConnections;

    WebhookRegistration(String url, String secretToken, int maxConnections) {
        this.url = url;
        this.secretToken = secretToken;
        this.maxConnections = maxConnections;
    }

    @Override
    public String getMethod() {
        return "setWebhook";
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "setWebhook[url=" + url + ", max_connections=" + maxConnections + "]";
    }
}
