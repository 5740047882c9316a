package org.sanad.telegram;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.annotation.Validated;
import org.telegram.telegrambots.meta.TelegramUrl;

/**
 * The Telegram channel's settings. Besides the two named in the clinic's contract, each is set as
 * {@code SANAD_TELEGRAM_<NAME>} (e.g. {@code SANAD_TELEGRAM_WORKERS}); a duration without a unit is in seconds.
 *
 * @param token          the bot token from BotFather ({@code TELEGRAM_BOT_TOKEN}); blank: Telegram is off
 * @param apiUrl         the Bot API base URL ({@code TELEGRAM_API_URL}), scheme, host and port only
 * @param pollTimeout    how long one getUpdates call waits for news (Telegram's long polling)
 * @param requestTimeout how long one call to the Bot API may take before it counts as failed
 * @param workers        threads that answer messages; messages of one chat are still answered in order
 * @param queueCapacity  messages waiting for a worker before newcomers get the "busy" reply
 * @param sendAttempts   tries per reply when Telegram times out or answers 5xx
 * @param retryBackoff   the first wait between those tries; it doubles each time
 * @param maxRetryAfter  the longest 429 {@code retry_after} the sender waits before it gives the reply up
 * @param floodMessages  messages one chat may send within {@code floodWindow} before Sanad stops answering it
 * @param floodWindow    the flood limit's window
 */
@Validated
@ConfigurationProperties("sanad.telegram")
public record TelegramProperties(
        @DefaultValue("") String token,
        @NotNull @DefaultValue("https://api.telegram.org") URI apiUrl,
        @DefaultValue("50s") @DurationUnit(ChronoUnit.SECONDS) Duration pollTimeout,
        @DefaultValue("30s") @DurationUnit(ChronoUnit.SECONDS) Duration requestTimeout,
        @DefaultValue("4") @Min(1) @Max(64) int workers,
        @DefaultValue("1000") @Min(1) int queueCapacity,
        @DefaultValue("4") @Min(1) @Max(10) int sendAttempts,
        @DefaultValue("500ms") @DurationUnit(ChronoUnit.SECONDS) Duration retryBackoff,
        @DefaultValue("120s") @DurationUnit(ChronoUnit.SECONDS) Duration maxRetryAfter,
        @DefaultValue("20") @Min(1) int floodMessages,
        @DefaultValue("60s") @DurationUnit(ChronoUnit.SECONDS) Duration floodWindow) {

    public boolean enabled() {
        return !token.isBlank();
    }

    /** The library takes scheme, host and port apart; a path would be silently lost, so it is refused. */
    @AssertTrue(message = "TELEGRAM_API_URL must be http(s)://host[:port] with no path")
    public boolean isApiUrlUsable() {
        String scheme = apiUrl.getScheme();
        String path = apiUrl.getPath();
        return ("http".equals(scheme) || "https".equals(scheme)) && apiUrl.getHost() != null
                && (path == null || path.isEmpty() || "/".equals(path)) && apiUrl.getQuery() == null;
    }

    @AssertTrue(message = "sanad.telegram durations must be positive")
    public boolean isTimingPositive() {
        return !pollTimeout.isNegative() && !requestTimeout.isNegative() && !requestTimeout.isZero()
                && !retryBackoff.isNegative()
                && !maxRetryAfter.isNegative() && !floodWindow.isNegative() && !floodWindow.isZero();
    }

    public TelegramUrl telegramUrl() {
        int port = apiUrl.getPort() != -1 ? apiUrl.getPort() : "https".equals(apiUrl.getScheme()) ? 443 : 80;
        return new TelegramUrl(apiUrl.getScheme(), apiUrl.getHost(), port, false);
    }

    /** Never prints the token: settings end up in logs and error reports. */
    @Override
    public String toString() {
        return "TelegramProperties[token=" + (enabled() ? "***" : "") + ", apiUrl=" + apiUrl + ", pollTimeout="
                + pollTimeout + ", requestTimeout=" + requestTimeout + ", workers=" + workers + ", queueCapacity="
                + queueCapacity + ", sendAttempts=" + sendAttempts + ", retryBackoff=" + retryBackoff
                + ", maxRetryAfter=" + maxRetryAfter + ", floodMessages=" + floodMessages + ", floodWindow="
                + floodWindow + "]";
    }
}
