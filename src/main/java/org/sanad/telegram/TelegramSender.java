package org.sanad.telegram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.sanad.broadcast.Subscribers;
import org.sanad.outbox.ChatSender;
import org.sanad.outbox.OutboxMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.ActionType;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendChatAction;
import org.telegram.telegrambots.meta.api.methods.CopyMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.MessageId;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;

/**
 * The one way anything of Sanad's reaches Telegram, and the one place Telegram's answers are read: 429 (wait
 * {@code retry_after}), 403 (the parent blocked the bot), other 4xx (a request that will never succeed), 5xx and
 * no connection (nothing arrived), and a timeout after the request left (it may have arrived).
 *
 * <p>Replies are retried here: timeouts and 5xx with a doubling backoff, a 429 after the wait Telegram asks for; a
 * 403 means nothing more is sent to that chat and it is no longer a subscriber. Broadcasts get one try each through
 * {@link ChatSender}, because their sender keeps its own pace, retries and exactly-once bookkeeping. Logs name the
 * method and the error, never the text.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramSender implements ChatSender {

    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);
    private static final Duration TYPING_WAIT = Duration.ofSeconds(2);

    enum Status { SENT, BLOCKED, FAILED }

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
            Status status = execute(chatId, method);
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
        return CompletableFuture.supplyAsync(() -> execute(chatId, method), background);
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

    /** A reply: tried until Telegram takes it, refuses it for good, or the attempts run out. */
    Status execute(long chatId, BotApiMethod<?> method) {
        return deliver(chatId, method).status();
    }

    /**
     * Like {@link #execute}, for a call whose answer Sanad needs (the id of a copied message, a new forum topic):
     * empty unless Telegram took it.
     */
    <T extends java.io.Serializable> java.util.Optional<T> call(long chatId, BotApiMethod<T> method) {
        Delivered<T> delivered = deliver(chatId, method);
        return delivered.status() == Status.SENT ? java.util.Optional.ofNullable(delivered.value())
                : java.util.Optional.empty();
    }

    private record Delivered<T>(Status status, T value) {
    }

    private <T extends java.io.Serializable> Delivered<T> deliver(long chatId, BotApiMethod<T> method) {
        int failures = 0;
        int throttled = 0;
        while (true) {
            Attempt<T> attempt = attemptFor(method);
            ChatSender.Result result = attempt.result();
            switch (result.outcome()) {
                case SENT -> {
                    return new Delivered<>(Status.SENT, attempt.value());
                }
                case RETRY_AFTER -> {
                    Duration wait = result.retryAfter();
                    if (++throttled > properties.sendAttempts() * 2 || wait.compareTo(properties.maxRetryAfter()) > 0) {
                        log.warn("Telegram kept throttling {} (retry_after {}s); the reply is dropped",
                                method.getMethod(), wait.toSeconds());
                        return new Delivered<>(Status.FAILED, null);
                    }
                    log.info("Telegram throttled {}: waiting {}s as asked", method.getMethod(), wait.toSeconds());
                    if (!sleep(wait)) {
                        return new Delivered<>(Status.FAILED, null);
                    }
                    continue;
                }
                case BLOCKED -> {
                    log.info("A chat has blocked the bot; it gets nothing more");
                    subscribers.blocked(chatId);
                    return new Delivered<>(Status.BLOCKED, null);
                }
                case FAILED_PERMANENTLY -> {
                    log.warn("Telegram refused {}: {}", method.getMethod(), result.reason());
                    return new Delivered<>(Status.FAILED, null);
                }
                case FAILED_TRANSIENTLY, IN_DOUBT ->
                        log.info("Telegram failed {} ({}); retrying", method.getMethod(), result.reason());
            }
            if (++failures >= properties.sendAttempts()) {
                log.warn("Gave up {} after {} attempts", method.getMethod(), failures);
                return new Delivered<>(Status.FAILED, null);
            }
            if (!sleep(properties.retryBackoff().multipliedBy(1L << Math.min(failures - 1, 10)))) {
                return new Delivered<>(Status.FAILED, null);
            }
        }
    }

    /**
     * An outbox message (a broadcast, its report, an alert, a check-in, a relay): one try, in Telegram's HTML (a plain
     * text escaped), starting right-to-left; a copy keeps the original and takes the text as its caption.
     */
    @Override
    public ChatSender.Result send(long chatId, OutboxMessage message) {
        String html = message.text() == null ? null
                : ReplySplitter.RIGHT_TO_LEFT_MARK + (message.html() ? message.text() : Html.escape(message.text()));
        InlineKeyboardMarkup keyboard = keyboard(message);
        if (message.isCopy()) {
            return attempt(CopyMessage.builder()
                    .chatId(chatId)
                    .fromChatId(message.copyFromChat())
                    .messageId(Math.toIntExact(message.copyMessageId()))
                    .caption(html)
                    .parseMode(html == null ? null : "HTML")
                    .replyMarkup(keyboard)
                    .messageThreadId(message.threadId())
                    .replyParameters(replyParameters(message))
                    .build());
        }
        return attempt(SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode("HTML")
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .replyMarkup(keyboard)
                .messageThreadId(message.threadId())
                .replyParameters(replyParameters(message))
                .build());
    }

    // the answered message may have been deleted since: the message goes out all the same
    private static ReplyParameters replyParameters(OutboxMessage message) {
        return message.replyTo() == null ? null : ReplyParameters.builder()
                .messageId(Math.toIntExact(message.replyTo())).allowSendingWithoutReply(true).build();
    }

    private static InlineKeyboardMarkup keyboard(OutboxMessage message) {
        if (message.buttons().isEmpty()) {
            return null;
        }
        List<InlineKeyboardRow> rows = message.buttons().stream()
                .map(row -> new InlineKeyboardRow(row.stream().map(button -> button.url() != null
                        ? InlineKeyboardButton.builder().text(button.label()).url(button.url()).build()
                        : InlineKeyboardButton.builder().text(button.label()).callbackData(button.callbackData())
                                .build()).toList()))
                .toList();
        return new InlineKeyboardMarkup(rows);
    }

    /** One call, and what Telegram's answer (or its silence) means. */
    /** What came of one send, with the id Telegram gave the message: the handoff answers a copy by it later. */
    private ChatSender.Result attempt(BotApiMethod<?> method) {
        Attempt<?> attempt = attemptFor(method);
        Object sent = attempt.value();
        if (sent instanceof Message message && message.getMessageId() != null) {
            return ChatSender.Result.sent(message.getMessageId());
        }
        if (sent instanceof MessageId id && id.getMessageId() != null) {
            return ChatSender.Result.sent(id.getMessageId());
        }
        return attempt.result();
    }

    private record Attempt<T>(ChatSender.Result result, T value) {
    }

    private <T extends java.io.Serializable> Attempt<T> attemptFor(BotApiMethod<T> method) {
        try {
            return new Attempt<>(ChatSender.Result.sent(), client.execute(method));
        } catch (TelegramApiRequestException e) {
            Integer code = e.getErrorCode();
            String reason = code + " " + describe(e);
            if (code == null) {
                return new Attempt<>(ChatSender.Result.failedTransiently(reason), null);
            }
            if (code == 429) {
                return new Attempt<>(ChatSender.Result.retryAfter(Duration.ofSeconds(retryAfter(e))), null);
            }
            if (code == 403) {
                return new Attempt<>(ChatSender.Result.blocked(reason), null);
            }
            if (code >= 400 && code < 500) {
                return new Attempt<>(ChatSender.Result.failedPermanently(reason), null);
            }
            return new Attempt<>(ChatSender.Result.failedTransiently(reason), null);
        } catch (TelegramApiException | RuntimeException e) {
            String reason = "no answer: " + e.getClass().getSimpleName();
            return new Attempt<>(neverSent(e) ? ChatSender.Result.failedTransiently(reason)
                    : ChatSender.Result.inDoubt(reason), null);
        }
    }

    /** A connection that could not even be made sent nothing; anything later may have reached Telegram. */
    private static boolean neverSent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
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
