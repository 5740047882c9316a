package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET must look like before Sanad starts with them. */
class TelegramWebhookPropertiesTest {

    private static boolean usable(String url, String secret) {
        return new TelegramWebhookProperties(url, secret, 40, Duration.ofMillis(500)).isWebhookUsable();
    }

    @Test
    void unsetMeansLongPolling() {
        TelegramWebhookProperties polling = new TelegramWebhookProperties("", "", 40, Duration.ofMillis(500));
        assertThat(polling.webhook()).isFalse();
        assertThat(polling.isWebhookUsable()).isTrue();
    }

    @Test
    void aPublicAddressIsHttpsEndsWithTheWebhookPathAndComesWithASecret() {
        assertThat(usable("https://clinic.example.org/telegram/webhook", "s3cret_-X")).isTrue();
        assertThat(usable("https://clinic.example.org/sanad/telegram/webhook", "s3cret")).as("behind a prefix").isTrue();
        assertThat(usable("http://clinic.example.org/telegram/webhook", "s3cret")).as("plain http").isFalse();
        assertThat(usable("https://clinic.example.org/webhook", "s3cret")).as("another path").isFalse();
        assertThat(usable("https://clinic.example.org/telegram/webhook", "")).as("no secret").isFalse();
        assertThat(usable("https://clinic.example.org/telegram/webhook", "not allowed!")).isFalse();
        assertThat(usable("https://clinic.example.org/telegram/webhook", "x".repeat(257))).isFalse();
        assertThat(usable("http://127.0.0.1:8443/telegram/webhook", "s3cret")).as("a server on this machine")
                .isTrue();
    }

    @Test
    void neverPrintsTheSecret() {
        assertThat(new TelegramWebhookProperties("https://c.example/telegram/webhook", "top-secret-value", 40,
                Duration.ofMillis(500)).toString()).doesNotContain("top-secret-value");
    }
}
