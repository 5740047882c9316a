package org.sanad.telegram;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sanad.broadcast.Subscribers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The one way the channel's replies reach Telegram. Timeouts and 5xx are retried with a doubling backoff; a 429
 * waits the {@code retry_after} Telegram asks for; a 403 means the parent blocked the bot, so nothing more is
 * sent to that chat and it is no longer a subscriber. Logs name the method and the error, never the text.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    private static final Duration TYPING_WAIT = Duration.ofSeconds(2);

    enum Status { SENT, BLOCKED, FAILED }

    record Result<T>(Status status, T value) {
    }

    private final TelegramClient client;
    private final TelegramProperties properties;
    private final Subscribers subscribers;
    private final ExecutorService background = Executors.newFixedThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "telegram-send");
        thread.setDaemon(true);
        return thread;
    });

    TelegramSender(TelegramClient client, TelegramProperties properties, Subscribers subscribers) {
        this.client = client;
        this.properties = properties;
        this.subscribers = subscribers;
    }

    /** Sends in order; a chat that blocked the bot gets nothing more. */
    Status sendAll(long chatId, List<? extends BotApiMethod<?>> methods) {
        Status worst = Status.SENT;
        for (BotApiMethod<?> method : methods) {
            Status status = execute(chatId, method).status();
            if (status == Status.BLOCKED) {
                return status;
            }
            if (status != Status.SENT) {
                worst = status;
            }
        }
        return worst;
    }

    /** Sends without waiting, for what must not hold the polling thread up ("busy", flood notice, button acks). */
    CompletableFuture<Status> sendLater(long chatId, BotApiMethod<?> method) {
        return CompletableFuture.supplyAsync(() -> execute(chatId, method).status(), background);
    }

    /**
     * Shows "typing…" while a reply is prepared: the request goes out at once without holding the worker, and
     * {@link Typing#done()} waits briefly for it so that it never arrives after the answer it announces. It is not
     * retried: a lost typing action is no reason to hold an answer back.
     */
    Typing typing(long chatId) {
        CompletableFuture<Boolean> sending;
        try {
            sending = client.executeAsync(SendChatAction.builder().chatId(chatId)
                    .action(ActionType.TYPING.toString()).build());
        } catch (TelegramApiException e) {
            return () -> { };
        }
        return () -> {
            try {
                sending.get(TYPING_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.debug("The typing action did not go through ({})", e.getClass().getSimpleName());
            }
        };
    }

    interface Typing {
        void done();
    }

    <T extends Serializable> Result<T> execute(long chatId, BotApiMethod<T> method) {
        int failures = 0;
        int throttled = 0;
        while (true) {
            try {
                return new Result<>(Status.SENT, client.execute(method));
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                if (code != null && code == 429) {
                    Duration wait = Duration.ofSeconds(retryAfter(e));
                    if (++throttled > properties.sendAttempts() * 2 || wait.compareTo(properties.maxRetryAfter()) > 0) {
                        log.warn("Telegram kept throttling {} (retry_after {}s); the reply is dropped",
                                method.getMethod(), wait.toSeconds());
                        return new Result<>(Status.FAILED, null);
                    }
                    log.info("Telegram throttled {}: waiting {}s as asked", method.getMethod(), wait.toSeconds());
                    if (!sleep(wait)) {
                        return new Result<>(Status.FAILED, null);
                    }
                    continue;
                }
                if (code != null && code == 403) {
                    log.info("A chat has blocked the bot; it gets nothing more");
                    subscribers.blocked(chatId);
                    return new Result<>(Status.BLOCKED, null);
                }
                if (code != null && code < 500) {
                    log.warn("Telegram refused {}: {} {}", method.getMethod(), code, describe(e));
                    return new Result<>(Status.FAILED, null);
                }
                log.info("Telegram failed {} with {}; retrying", method.getMethod(), code);
            } catch (TelegramApiException e) {
                log.info("Calling {} failed ({}); retrying", method.getMethod(), e.getClass().getSimpleName());
            }
            if (++failures >= properties.sendAttempts()) {
                log.warn("Gave up {} after {} attempts", method.getMethod(), failures);
                return new Result<>(Status.FAILED, null);
            }
            if (!sleep(properties.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 10)))) {
                return new Result<>(Status.FAILED, null);
            }
        }
    }

    void shutdown() {
        background.shutdownNow();
    }

    private static int retryAfter(TelegramApiRequestException e) {
        Integer seconds = e.getParameters() == null ? null : e.getParameters().getRetryAfter();
        return seconds == null || seconds < 1 ? 1 : seconds;
    }

    /** Telegram's description of a refusal: about the request's form, never its text; capped all the same. */
    private static String describe(TelegramApiRequestException e) {
        String description = String.valueOf(e.getApiResponse());
        return description.length() > 120 ? description.substring(0, 120) + "…" : description;
    }

    private static boolean sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
