package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import org.sanad.ask.ReplyComposer;
import org.sanad.broadcast.Subscribers;
import org.sanad.staff.Role;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/** The commands for everyone: the welcome, and the clinic's broadcasts (receive, stop, forget me). */
@Component
class ParentCommands {

    private final Subscribers subscribers;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final ReplyComposer replies;

    ParentCommands(Subscribers subscribers, AnswerMessages messages, TelegramTexts texts, ReplyComposer replies) {
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
                    subscribers.forget(call.chatId());
                    return reply(call, texts.get("forget.done"), null);
                }));
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
        return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
    }

    private List<BotApiMethod<?>> reply(Command.Call call, String text, InlineKeyboardMarkup keyboard) {
        return new ArrayList<>(messages.plain(call.chatId(), text, keyboard));
    }
}
