package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.AuditLog;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.sanad.broadcast.Subscribers;
import org.sanad.handoff.Handoff;
import org.sanad.checkin.CheckinButtons;
import org.sanad.checkin.Injections;
import org.sanad.staff.Role;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * The commands for everyone: the welcome, the clinic's broadcasts (receive, stop), the check-ins after an injection
 * (record it, stop them) and forget me.
 */
@Component
class ParentCommands {

    private final Subscribers subscribers;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final ReplyComposer replies;
    private final AuditLog audit;
    private final ButtonMemory buttons;
    private final ObjectProvider<TelegramInbox> inbox;
    private final Handoff handoff;
    private final Injections injections;

    /** Without the audit log, button memory and check-ins: for tests of the commands' words. */
    ParentCommands(Subscribers subscribers, AnswerMessages messages, TelegramTexts texts, ReplyComposer replies) {
        this(subscribers, messages, texts, replies, null, null, null, null, null);
    }

    @Autowired
    ParentCommands(Subscribers subscribers, AnswerMessages messages, TelegramTexts texts, ReplyComposer replies,
            AuditLog audit, ButtonMemory buttons, ObjectProvider<TelegramInbox> inbox, Injections injections,
            Handoff handoff) {
        this.handoff = handoff;
        this.injections = injections;
        this.audit = audit;
        this.buttons = buttons;
        this.inbox = inbox;
        this.subscribers = subscribers;
        this.messages = messages;
        this.texts = texts;
        this.replies = replies;
    }

    /** What Sanad does and does not do, the doctor note, and buttons for common topics. */
    Command start() {
        return command("start", call -> reply(call, texts.get("start") + "\n\n" + replies.doctorNote(),
                topicButtons()));
    }

    List<Command> subscriptions() {
        return List.of(
                command("subscribe", call -> reply(call,
                        texts.get(subscribers.subscribe(call.chatId()) ? "subscribe.done" : "subscribe.already"),
                        null)),
                command("unsubscribe", call -> reply(call, texts.get(subscribers.unsubscribe(call.chatId())
                        ? "unsubscribe.done" : "unsubscribe.not-subscribed"), null)),
                command("forget", call -> {
                    forget(call);
                    return reply(call, texts.get("forget.done"), null);
                }),
                command("injection", this::askWhen),
                command("stopcheckins", call -> reply(call, texts.get(injections.stop(call.chatId())
                        ? "checkin.stopped" : "checkin.not-active"), null)));
    }

    /** /injection and the button on /start: when was it? */
    List<BotApiMethod<?>> askWhen(Command.Call call) {
        injections.asked(call.chatId());
        InlineKeyboardMarkup when = new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(
                AnswerMessages.button(texts.get("checkin.today"), CheckinButtons.when(0)),
                AnswerMessages.button(texts.get("checkin.yesterday"), CheckinButtons.when(1)),
                AnswerMessages.button(texts.get("checkin.two-days"), CheckinButtons.when(2)))));
        return reply(call, texts.get("checkin.ask"), when);
    }

    /** The explanation sent once the injection is recorded: what Sanad will send, when, and how to stop it. */
    List<BotApiMethod<?>> recorded(long chatId, Injections.Plan plan) {
        StringBuilder checkins = new StringBuilder();
        for (java.time.Instant due : plan.checkins()) {
            checkins.append("• ").append(injections.when(due)).append('\n');
        }
        if (plan.checkins().isEmpty()) {
            checkins.append(texts.get("checkin.started.none")).append('\n');
        }
        String quiet = injections.properties().quietWindow()
                .map(window -> texts.get("checkin.quiet", window.start().toString(), window.end().toString()))
                .orElse("");
        return new ArrayList<>(messages.plain(chatId, texts.get("checkin.started", injections.when(plan.injectedAt()),
                checkins.toString(), injections.when(plan.reminder()), quiet), null));
    }

    /**
     * Everything stored about the chat goes: the subscription and its deliveries, the buttons of its replies, its
     * answered updates, an open conversation with the clinic and the routing of every one; the audit log keeps what
     * happened but no longer says who.
     */
    private void forget(Command.Call call) {
        subscribers.forget(call.chatId());
        if (handoff != null) {
            handoff.forget(call.chatId());
        }
        if (injections != null) {
            injections.forget(call.chatId());
        }
        if (audit != null) {
            audit.forget("telegram:" + call.userId());
            buttons.forget(call.chatId());
            TelegramInbox updates = inbox.getIfAvailable();
            if (updates != null) {
                updates.forget(call.chatId());
            }
        }
    }

    private Command command(String name, Command.Handler handler) {
        return new Command(name, texts.get("command." + name), Role.EVERYONE, handler);
    }

    private InlineKeyboardMarkup topicButtons() {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (int n = 1; texts.find("topic." + n + ".label") != null; n++) {
            rows.add(new InlineKeyboardRow(AnswerMessages.button(texts.get("topic." + n + ".label"),
                    Callbacks.topic(n))));
        }
        rows.add(new InlineKeyboardRow(AnswerMessages.button(texts.get("checkin.start-button"), CheckinButtons.ASK)));
        return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
    }

    private List<BotApiMethod<?>> reply(Command.Call call, String text, InlineKeyboardMarkup keyboard) {
        return new ArrayList<>(messages.plain(call.chatId(), text, keyboard));
    }
}
