package org.sanad.telegram;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * {@code POST /telegram/webhook}: where Telegram delivers updates in webhook mode. A request without the right
 * {@code X-Telegram-Bot-Api-Secret-Token} gets 401 (compared in constant time). An update is answered 200 only once it
 * is stored in the inbox; anything else (a database away, a replica still starting) gets an error and Telegram sends
 * the update again. The body is read with TelegramBots' Jackson 2 types, never Spring's Jackson 3.
 */
@RestController
class TelegramWebhook {

    private static final Logger log = LoggerFactory.getLogger(TelegramWebhook.class);
    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    /** Far above any update Telegram sends (a 4,096-character message with its entities is some 30 KB). */
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final TelegramWebhookProperties properties;
    private final ObjectProvider<UpdateDispatcher> dispatcher;
    private final ObjectProvider<TelegramChannel> channel;
    private final byte[] secret;

    TelegramWebhook(TelegramWebhookProperties properties,
            ObjectProvider<UpdateDispatcher> dispatcher,
            ObjectProvider<TelegramChannel> channel) {
        this.properties = properties;
        this.dispatcher = dispatcher;
        this.channel = channel;
        this.secret = digest(properties.webhookSecret());
    }

    @PostMapping(path = TelegramWebhookProperties.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> receive(HttpServletRequest request) throws IOException {
        UpdateDispatcher updates = dispatcher.getIfAvailable();
        if (!properties.webhook() || updates == null) {
            return error(HttpStatus.NOT_FOUND, "the Telegram webhook is off");
        }
        String given = request.getHeader(SECRET_HEADER);
        if (given == null || !MessageDigest.isEqual(digest(given), secret)) {
            return error(HttpStatus.UNAUTHORIZED, "wrong or missing secret token");
        }
        TelegramChannel telegram = channel.getIfAvailable();
        if (telegram == null || !telegram.ready()) {
            // the bot does not know its own name yet (group messages): Telegram tries again shortly
            return error(HttpStatus.SERVICE_UNAVAILABLE, "starting");
        }
        byte[] body = readBounded(request.getInputStream());
        if (body == null) {
            return error(HttpStatus.PAYLOAD_TOO_LARGE, "the update is too large");
        }
        String json = new String(body, StandardCharsets.UTF_8);
        Update update;
        try {
            update = updates.read(json);
        } catch (IOException e) {
            return error(HttpStatus.BAD_REQUEST, "not a Telegram update");
        }
        if (update.getUpdateId() == null) {
            return error(HttpStatus.BAD_REQUEST, "not a Telegram update");
        }
        try {
            updates.accept(update, json);
        } catch (RuntimeException e) {
            log.warn("Update {} could not be stored ({}); Telegram will send it again", update.getUpdateId(),
                    e.getClass().getSimpleName());
            return error(HttpStatus.SERVICE_UNAVAILABLE, "not stored; send it again");
        }
        return ResponseEntity.ok(Map.of("ok", true));
    }

    /** The body, or null when it is longer than {@link #MAX_BODY_BYTES} (also when chunked: no length announced). */
    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }

    /** Compared as SHA-256 digests: equal lengths, so that not even the secret's length shows in the timing. */
    private static byte[] digest(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static ResponseEntity<Map<String, Object>> error(HttpStatus status, String message) {
        return ResponseEntity.status(status).body(Map.of("error", message));
    }
}
