package org.sanad.telegram;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanad.ask.AnswerService;
import org.sanad.handoff.Handoff;
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
 * Every update, from long polling or the webhook, takes one path: sorted on arrival (which chat, whether it is for
 * Sanad at all, whether triage finds a danger sign), stored in the {@link TelegramInbox} before Telegram is told it
 * arrived, then answered by a worker of whichever replica claims it: the flood limit, the answer, the replies. So no
 * update is lost when a replica dies, a chat is answered in order across replicas, and a danger sign is answered
 * before other parents' slower questions. When too many updates wait, newcomers get a kind "busy" reply at once.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class UpdateDispatcher implements LongPollingUpdateConsumer {

    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);
    private static final Duration STORE_RETRY = Duration.ofSeconds(1);
    /**
     * Messages up to this long are triaged on arrival, to decide which updates are answered first; longer ones beside
     * the arrival ({@link #triageLater}). A danger-sign report is short.
     */
    static final int PRIORITY_TRIAGE_CHARACTERS = 500;

    private final UpdateHandler handler;
    private final TelegramSender sender;
    private final BotIdentity bot;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final Roles roles;
    private final TelegramInbox inbox;
    private final AnswerService answers;
    private final TelegramProperties properties;
    private final Handoff handoff;
    /** TelegramBots' types are Jackson 2 types; Spring's own mapper is Jackson 3. */
    private final ObjectMapper json = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private volatile boolean stopped;

    UpdateDispatcher(UpdateHandler handler, TelegramSender sender, BotIdentity bot, AnswerMessages messages,
            TelegramTexts texts, Roles roles, TelegramInbox inbox, AnswerService answers,
            TelegramProperties properties, Handoff handoff) {
        this.handoff = handoff;
        this.handler = handler;
        this.sender = sender;
        this.bot = bot;
        this.messages = messages;
        this.texts = texts;
        this.roles = roles;
        this.inbox = inbox;
        this.answers = answers;
        this.properties = properties;
    }

    // ------------------------------------------------------------------ arrival

    /**
     * Long polling: the library moves its offset past these updates when this returns, and Telegram forgets them at
     * the next poll; so this returns only once they are stored, retrying while the database is away. It never throws:
     * an exception would end the library's polling for good.
     */
    @Override
    public void consume(List<Update> updates) {
        List<TelegramInbox.Entry> entries = new ArrayList<>();
        boolean shortOnes = true;
        for (List<Update> chat : shortestFirst(updates)) {
            boolean isShort = chat.stream().allMatch(update -> textOf(update) == null
                    || textOf(update).length() <= PRIORITY_TRIAGE_CHARACTERS);
            if (shortOnes && !isShort) {
                // the short messages (a danger-sign report among them) go in before the long ones are read
                if (!storeDurably(entries)) {
                    return;
                }
                entries = new ArrayList<>();
                shortOnes = false;
            }
            for (Update update : chat) {
                try {
                    entry(update, null).ifPresent(entries::add);
                } catch (RuntimeException e) {
                    log.error("Update {} could not be read; it is skipped ({})", update.getUpdateId(),
                            e.getClass().getSimpleName());
                }
            }
        }
        storeDurably(entries); // false: stopping, never confirmed to Telegram, which sends them again at the next start
    }

    /**
     * The batch by chat, each chat's updates in Telegram's order, the chats with the shortest messages first: triage
     * reads every word, so 50 messages of 4,096 characters take a while, and a short danger-sign report among them is
     * stored, and answered by the urgent worker, before they have all been read. Whole chats move, so a chat's
     * updates still reach the inbox in order.
     */
    static List<List<Update>> shortestFirst(List<Update> updates) {
        java.util.Map<Object, List<Update>> chats = new java.util.LinkedHashMap<>();
        for (Update update : updates) {
            chats.computeIfAbsent(chatKey(update), key -> new ArrayList<>()).add(update);
        }
        List<List<Update>> ordered = new ArrayList<>(chats.values());
        ordered.sort(java.util.Comparator.comparingInt(chat -> chat.stream()
                .mapToInt(update -> textOf(update) == null ? 0 : textOf(update).length()).max().orElse(0)));
        return ordered;
    }

    private static Object chatKey(Update update) {
        if (update.hasCallbackQuery()) {
            var query = update.getCallbackQuery();
            return query.getMessage() != null ? query.getMessage().getChatId() : query.getFrom().getId();
        }
        Message message = update.hasMessage() ? update.getMessage()
                : update.hasEditedMessage() ? update.getEditedMessage() : null;
        return message != null && message.getChat() != null ? message.getChatId() : "update " + update.getUpdateId();
    }

    /** Stores, retrying while the database is away; false when Sanad stops first. */
    private boolean storeDurably(List<TelegramInbox.Entry> entries) {
        while (true) {
            try {
                storeOrRefuse(entries);
                return true;
            } catch (RuntimeException e) {
                log.error("Cannot store {} Telegram updates ({}); retrying in {} s", entries.size(),
                        e.getClass().getSimpleName(), STORE_RETRY.toSeconds());
                if (stopped || !pause(STORE_RETRY)) {
                    return false;
                }
            }
        }
    }

    /**
     * The webhook: stores the update (its JSON as Telegram sent it) and returns once it is on disk. A database that
     * cannot store it throws, the webhook answers an error, and Telegram sends the update again.
     */
    void accept(Update update, String body) {
        storeOrRefuse(entry(update, body).map(List::of).orElse(List.of()));
    }

    private void storeOrRefuse(List<TelegramInbox.Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        long room = properties.queueCapacity() - inbox.unfinished();
        List<TelegramInbox.Entry> kept = entries;
        if (room < entries.size()) {
            kept = entries.subList(0, (int) Math.max(0, room));
            List<TelegramInbox.Entry> refused = entries.subList(kept.size(), entries.size());
            log.warn("{} Telegram updates wait already; {} parents were asked to retry", properties.queueCapacity(),
                    refused.size());
            refused.forEach(this::busy);
        }
        inbox.store(kept);
        workers().wake();
    }

    /** The inbox entry of an update Sanad answers; empty for what it stays silent on (channels, group chatter). */
    Optional<TelegramInbox.Entry> entry(Update update, String body) {
        Long chatId = chatFor(update);
        if (chatId == null) {
            log.debug("Update {} is not for Sanad; ignored", update.getUpdateId());
            return Optional.empty();
        }
        String text = textOf(update);
        // «yes, my child has one of the signs now» and a check-in's «لاحظت علامة منها» are danger-sign reports too
        Callbacks.Kind tapped = update.hasCallbackQuery()
                ? Callbacks.parse(update.getCallbackQuery().getData()).kind() : Callbacks.Kind.UNKNOWN;
        boolean urgent = tapped == Callbacks.Kind.CHECK_YES || tapped == Callbacks.Kind.CHECKIN_SIGN;
        if (text != null && !text.isBlank()) {
            if (text.length() <= PRIORITY_TRIAGE_CHARACTERS) {
                urgent = answers.isEmergency(text);
            } else {
                triageLater(update.getUpdateId(), text);
            }
        }
        try {
            return Optional.of(new TelegramInbox.Entry(update.getUpdateId(), chatId, userOf(update), urgent,
                    body != null ? body : json.writeValueAsString(update)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an update could not be written as JSON", e);
        }
    }

    /**
     * A long message is triaged beside the arrival, not in its way: 50 messages of 4,096 characters must not hold up
     * the arrival of a short danger-sign report behind them. Once read, an urgent one is moved up the queue (if it is
     * still waiting). Only the queue's order depends on this: the answer itself always triages the whole message.
     */
    private void triageLater(int updateId, String text) {
        try {
            lateTriage.execute(() -> {
                try {
                    if (answers.isEmergency(text)) {
                        inbox.markUrgent(updateId);
                        workers().wake();
                    }
                } catch (RuntimeException e) {
                    log.debug("Update {} could not be triaged early ({})", updateId, e.getClass().getSimpleName());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException full) {
            log.debug("Too many long messages wait for early triage; update {} keeps its place", updateId);
        }
    }

    /** One thread, a bounded queue: early triage is a courtesy to the queue's order, never a load of its own. */
    private final java.util.concurrent.ThreadPoolExecutor lateTriage = new java.util.concurrent.ThreadPoolExecutor(1,
            1, 0, java.util.concurrent.TimeUnit.MILLISECONDS, new java.util.concurrent.ArrayBlockingQueue<>(1000),
            runnable -> {
                Thread thread = new Thread(runnable, "telegram-early-triage");
                thread.setDaemon(true);
                return thread;
            });

    /** The update Telegram sent, read with TelegramBots' own (Jackson 2) types. */
    Update read(String body) throws JsonProcessingException {
        return json.readValue(body, Update.class);
    }

    private void busy(TelegramInbox.Entry refused) {
        long chatId = refused.chatId();
        try {
            Update update = read(refused.body());
            if (!acknowledge(update, texts.get("busy"))) {
                messages.plain(chatId, texts.get("busy"), null).forEach(reply -> sender.sendLater(chatId, reply));
            }
        } catch (JsonProcessingException e) {
            log.debug("A refused update could not be read again");
        }
    }

    // ------------------------------------------------------------------ answering, on a worker

    /**
     * Answers one claimed update; called by a worker, never twice at once for one chat. The worker marks it done, in
     * one commit with its next claim.
     *
     * @return the flood limit's verdict, kept with the update
     */
    FloodLimit.Verdict process(TelegramInbox.Claimed claimed) {
        FloodLimit.Verdict verdict = FloodLimit.Verdict.ALLOW;
        try {
            Update update = read(claimed.body());
            long chatId = claimed.chatId();
            // staff are trusted: a preview, a tap on "send" and a /stats in quick succession are their work
            verdict = roles.of(claimed.userId()).includes(Role.STAFF) ? FloodLimit.Verdict.ALLOW
                    : flood(claimed);
            switch (verdict) {
                case WARN -> {
                    log.info("A chat went over the flood limit; it is ignored for a while");
                    acknowledge(update, null);
                    sender.sendAll(chatId, messages.plain(chatId, texts.get("flood"), null));
                }
                case IGNORE -> acknowledge(update, null);
                case ALLOW -> sender.sendAll(chatId, handler.handle(update));
            }
        } catch (JsonProcessingException e) {
            log.error("Update {} could not be read; it is skipped", claimed.updateId());
        } catch (RuntimeException e) {
            // the type only: a message may quote the parent's words
            log.error("Update {} failed ({}); it is not tried again", claimed.updateId(), e.getClass().getName());
        }
        return verdict;
    }

    /** A flood limit that cannot be read lets the message through: a danger-sign report must never go unanswered. */
    private FloodLimit.Verdict flood(TelegramInbox.Claimed claimed) {
        try {
            return inbox.flood(claimed, properties.floodMessages(), properties.floodWindow());
        } catch (RuntimeException e) {
            log.error("The flood limit of update {} could not be read ({}); it is answered", claimed.updateId(),
                    e.getClass().getName());
            return FloodLimit.Verdict.ALLOW;
        }
    }

    // ------------------------------------------------------------------ sorting

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
        // the staff group's messages all come in: a staff reply to a parent's copied message is addressed to nobody
        if (("group".equals(type) || "supergroup".equals(type)) && !bot.isAddressed(message)
                && !handoff.isStaffChat(message.getChatId())) {
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

    private static String textOf(Update update) {
        Message message = update.hasMessage() ? update.getMessage()
                : update.hasEditedMessage() ? update.getEditedMessage() : null;
        return message != null && message.hasText() ? message.getText() : null;
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

    // ------------------------------------------------------------------ workers

    private volatile InboxWorkers workers;

    /** Starts answering what the inbox holds (also what other replicas stored and could not answer). */
    synchronized void start(Duration poll, Duration recoverEvery, Duration keepAnswered) {
        stopped = false;
        if (workers == null) {
            workers = new InboxWorkers(inbox, this::process, properties.workers(), poll, recoverEvery, keepAnswered);
            workers.start();
        }
    }

    private InboxWorkers workers() {
        InboxWorkers running = workers;
        return running != null ? running : InboxWorkers.IDLE;
    }

    void shutdown(Duration grace) {
        stopped = true;
        lateTriage.shutdownNow();
        InboxWorkers running = workers;
        if (running != null) {
            running.shutdown(grace);
        }
    }

    private static boolean pause(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
