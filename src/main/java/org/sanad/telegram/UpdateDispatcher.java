package org.sanad.telegram;

import java.time.Duration;
import java.util.List;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * Receives the updates on the library's polling thread and only sorts them: which chat, whether it is for Sanad at
 * all, the flood limit. The work happens on {@link ChatOrderedExecutor}, so a slow answer never delays polling and
 * a parent's messages are answered in the order they were written. When the queue is full the parent gets a kind
 * "busy" reply at once rather than a wait.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class UpdateDispatcher implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);
    private static final long HOUSEKEEPING_NANOS = Duration.ofMinutes(10).toNanos();

    private final UpdateHandler handler;
    private final TelegramSender sender;
    private final BotIdentity bot;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final Roles roles;
    private final ChatOrderedExecutor workers;
    private final FloodLimit flood;
    private long lastHousekeeping = System.nanoTime();
    private volatile boolean stopped;

    UpdateDispatcher(UpdateHandler handler, TelegramSender sender, BotIdentity bot, AnswerMessages messages,
            TelegramTexts texts, Roles roles, TelegramProperties properties) {
        this.handler = handler;
        this.sender = sender;
        this.bot = bot;
        this.messages = messages;
        this.texts = texts;
        this.roles = roles;
        this.workers = new ChatOrderedExecutor(properties.workers(), properties.queueCapacity());
        this.flood = new FloodLimit(properties.floodMessages(), properties.floodWindow());
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                dispatch(update);
            } catch (RuntimeException e) {
                log.error("Update {} could not be dispatched", update.getUpdateId(), e);
            }
        }
        if (System.nanoTime() - lastHousekeeping > HOUSEKEEPING_NANOS) {
            lastHousekeeping = System.nanoTime();
            flood.forgetQuietChats();
        }
    }

    private void dispatch(Update update) {
        if (stopped) {
            // a long poll that returns while Sanad stops: not confirmed to Telegram, so delivered again at start
            return;
        }
        Long chatId = chatFor(update);
        if (chatId == null) {
            log.debug("Update {} is not for Sanad; ignored", update.getUpdateId());
            return;
        }
        // staff are trusted: a preview, a tap on "send" and a /stats in quick succession are their work
        FloodLimit.Verdict verdict = roles.of(userOf(update)).includes(Role.STAFF) ? FloodLimit.Verdict.ALLOW
                : flood.check(chatId);
        switch (verdict) {
            case WARN -> {
                log.info("A chat went over the flood limit; it is ignored for a while");
                acknowledge(update, null);
                messages.plain(chatId, texts.get("flood"), null).forEach(reply -> sender.sendLater(chatId, reply));
                return;
            }
            case IGNORE -> {
                acknowledge(update, null);
                return;
            }
            case ALLOW -> {
            }
        }
        boolean queued = workers.submit(chatId, () -> sender.sendAll(chatId, handler.handle(update)));
        if (!queued) {
            log.warn("All Telegram workers are busy and {} updates wait; a parent was asked to retry",
                    workers.waiting());
            if (!acknowledge(update, texts.get("busy"))) {
                messages.plain(chatId, texts.get("busy"), null).forEach(reply -> sender.sendLater(chatId, reply));
            }
        }
    }

    /** The chat to answer, or null when Sanad should stay silent (channels, group chatter, service updates). */
    private Long chatFor(Update update) {
        if (update.hasCallbackQuery()) {
            var query = update.getCallbackQuery();
            return query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId();
        }
        Message message = update.hasMessage() ? update.getMessage()
                : update.hasEditedMessage() ? update.getEditedMessage() : null;
        if (message == null || message.getChat() == null) {
            return null;
        }
        String type = message.getChat().getType();
        if ("channel".equals(type)) {
            return null;
        }
        if (("group".equals(type) || "supergroup".equals(type)) && !bot.isAddressed(message)) {
            return null;
        }
        return message.getChatId();
    }

    private static long userOf(Update update) {
        if (update.hasCallbackQuery()) {
            return update.getCallbackQuery().getFrom().getId();
        }
        Message message = update.hasMessage() ? update.getMessage() : update.getEditedMessage();
        return message == null || message.getFrom() == null ? 0 : message.getFrom().getId();
    }

    /** Answers a button tap that will not be handled; true when the update was one. */
    private boolean acknowledge(Update update, String text) {
        if (!update.hasCallbackQuery()) {
            return false;
        }
        long chatId = update.getCallbackQuery().getFrom().getId();
        sender.sendLater(chatId, AnswerCallbackQuery.builder()
                .callbackQueryId(update.getCallbackQuery().getId()).text(text).build());
        return true;
    }

    void shutdown(Duration grace) {
        stopped = true;
        workers.shutdown(grace);
    }
}
