package org.sanad.telegram;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;

/**
 * How updates reach Sanad: long polling (the default) or, with {@code TELEGRAM_WEBHOOK_URL} set, a webhook that
 * Telegram calls at {@code POST /telegram/webhook}; and the inbox every update passes through either way. Besides the
 * two contract names, each is set as {@code SANAD_TELEGRAM_<NAME>}.
 *
 * @param webhookUrl         the public HTTPS address Telegram calls ({@code TELEGRAM_WEBHOOK_URL}); its path ends
 *                           with {@code /telegram/webhook} (a proxy in front may add a prefix); empty: long polling
 * @param webhookSecret      what Telegram sends in {@code X-Telegram-Bot-Api-Secret-Token}
 *                           ({@code TELEGRAM_WEBHOOK_SECRET}): 1 to 256 of {@code A-Z a-z 0-9 _ -}
 * @param webhookConnections how many webhook requests Telegram may have open at once ({@code max_connections})
 * @param inboxPoll          how often an idle worker looks for updates that another replica received
 */
@Validated
@ConfigurationProperties("sanad.telegram")
public record TelegramWebhookProperties(
        @DefaultValue("") String webhookUrl,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("40") @Min(1) @Max(100) int webhookConnections,
        @NotNull @DefaultValue("500ms") @DurationUnit(ChronoUnit.SECONDS) Duration inboxPoll) {

    /** The path Sanad serves the webhook at; the public URL's path ends with it. */
    public static final String PATH = "/telegram/webhook";

    public boolean webhook() {
        return !webhookUrl.isBlank();
    }

    @AssertTrue(message = "TELEGRAM_WEBHOOK_URL must be an https:// address whose path ends with /telegram/webhook "
            + "(plain http only for a Bot API server on this machine), and TELEGRAM_WEBHOOK_SECRET must then be set: "
            + "1 to 256 of A-Z a-z 0-9 _ -")
    public boolean isWebhookUsable() {
        if (!webhook()) {
            return true;
        }
        URI url;
        try {
            url = URI.create(webhookUrl.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        boolean secure = "https".equals(url.getScheme()) || "http".equals(url.getScheme()) && isLoopback(url);
        return secure && url.getHost() != null && url.getPath() != null && url.getPath().endsWith(PATH)
                && webhookSecret.matches("[A-Za-z0-9_-]{1,256}");
    }

    @AssertTrue(message = "SANAD_TELEGRAM_INBOXPOLL must be positive")
    public boolean isInboxPollPositive() {
        return inboxPoll != null && inboxPoll.toMillis() > 0;
    }

    private static boolean isLoopback(URI url) {
        try {
            return url.getHost() != null && InetAddress.getByName(url.getHost()).isLoopbackAddress();
        } catch (Exception e) {
            return false;
        }
    }

    /** Never prints the secret: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "TelegramWebhookProperties[webhookUrl=" + webhookUrl + ", webhookSecret="
                + (webhookSecret.isBlank() ? "" : "***") + ", webhookConnections=" + webhookConnections
                + ", inboxPoll=" + inboxPoll + "]";
    }
}
