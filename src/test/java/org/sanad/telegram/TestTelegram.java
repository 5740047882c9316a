package org.sanad.telegram;

import java.net.URI;
import java.time.Duration;
import org.sanad.outbox.ChatSender;
import org.sanad.broadcast.Subscribers;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;

/** Builds Telegram's side of Sanad outside Spring, for the tests of the rooms that send through it. */
public final class TestTelegram {

    private TestTelegram() {
    }

    /** The application's {@link ChatSender}, talking to the Bot API at {@code apiUrl} (a fake, in tests). */
    public static ChatSender chatSender(String apiUrl, String token, Subscribers subscribers) {
        URI url = URI.create(apiUrl);
        TelegramProperties properties = new TelegramProperties(token, url, Duration.ofSeconds(50),
                Duration.ofSeconds(30), 4, 1000, 4, Duration.ofMillis(500), Duration.ofSeconds(120), 20,
                Duration.ofSeconds(60));
        var client = new OkHttpTelegramClient(token, new TelegramUrl(url.getScheme(), url.getHost(), url.getPort(), false));
        return new TelegramSender(client, properties, subscribers);
    }
}
