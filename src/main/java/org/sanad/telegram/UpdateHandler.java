package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.broadcast.Subscribers;
import org.sanad.staff.Role;
import org.sanad.staff.Roles;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * What Sanad answers to one update: commands, questions (through the shared {@link AnswerService}), buttons, and a
 * kind word for what it cannot read. It returns the replies; {@link TelegramSender} sends them.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class UpdateHandler {

    private static final java.util.Set<String> STAFF_COMMANDS = java.util.Set.of("broadcast", "stats", "reindex");

    private final AnswerService answers;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final ReplyComposer replies;
    private final ButtonMemory buttons;
    private final BotIdentity bot;
    private final TelegramSender sender;
    private final Subscribers subscribers;
    private final UsageCounters counters;
    private final Roles roles;
    private final StaffCommands staff;

    UpdateHandler(AnswerService answers, AnswerMessages messages, TelegramTexts texts, ReplyComposer replies,
            ButtonMemory buttons, BotIdentity bot, TelegramSender sender, Subscribers subscribers,
            UsageCounters counters, Roles roles, StaffCommands staff) {
        this.answers = answers;
        this.messages = messages;
        this.texts = texts;
        this.replies = replies;
        this.buttons = buttons;
        this.bot = bot;
        this.sender = sender;
        this.subscribers = subscribers;
        this.counters = counters;
        this.roles = roles;
        this.staff = staff;
    }

    List<BotApiMethod<?>> handle(Update update) {
        if (update.hasCallbackQuery()) {
            return callback(update.getCallbackQuery());
        }
        boolean edited = !update.hasMessage();
        Message message = edited ? update.getEditedMessage() : update.getMessage();
        List<BotApiMethod<?>> replies = handle(message, edited);
        if (!message.isUserMessage() && !replies.isEmpty() && replies.get(0) instanceof SendMessage first) {
            // in a group, show whom Sanad is answering
            first.setReplyParameters(ReplyParameters.builder().messageId(message.getMessageId())
                    .allowSendingWithoutReply(true).build());
        }
        return replies;
    }

    private List<BotApiMethod<?>> handle(Message message, boolean edited) {
        long chatId = message.getChatId();
        if (!message.hasText()) {
            return list(messages.plain(chatId, texts.get("text-only"), null));
        }
        Optional<BotIdentity.Command> command = bot.command(message);
        if (command.isPresent()) {
            // an edited command is not run again: a corrected /broadcast must not go out twice
            if (edited) {
                return List.of();
            }
            if (!message.isUserMessage() && STAFF_COMMANDS.contains(command.get().name())) {
                // previews, statistics and reindex reports are not for a group's eyes
                return list(messages.plain(chatId, texts.get("private-only"), null));
            }
            return command(chatId, userOf(message), command.get());
        }
        String text = bot.withoutMention(message.getText());
        if (text.isBlank()) {
            return list(messages.plain(chatId, texts.get("ask-me"), null));
        }
        return question(chatId, text);
    }

    private List<BotApiMethod<?>> command(long chatId, long userId, BotIdentity.Command command) {
        return switch (command.name()) {
            case "start" -> list(messages.plain(chatId, texts.get("start") + "\n\n" + replies.doctorNote(),
                    topicButtons()));
            case "help" -> list(messages.plain(chatId, help(userId), null));
            case "subscribe" -> list(messages.plain(chatId,
                    texts.get(subscribers.subscribe(chatId) ? "subscribe.done" : "subscribe.already"), null));
            case "unsubscribe" -> list(messages.plain(chatId,
                    texts.get(subscribers.unsubscribe(chatId) ? "unsubscribe.done" : "unsubscribe.not-subscribed"),
                    null));
            case "forget" -> {
                subscribers.forget(chatId);
                yield list(messages.plain(chatId, texts.get("forget.done"), null));
            }
            case "broadcast" -> staff.broadcast(chatId, userId, command.args());
            case "stats" -> staff.stats(chatId, userId);
            case "reindex" -> staff.reindex(chatId, userId);
            default -> list(messages.plain(chatId, texts.get("unknown-command"), null));
        };
    }

    private String help(long userId) {
        StringBuilder help = new StringBuilder(texts.get("help"));
        if (roles.of(userId).includes(Role.STAFF)) {
            help.append("\n\n").append(texts.get("help.staff"));
        }
        if (roles.of(userId).includes(Role.ADMIN)) {
            help.append("\n\n").append(texts.get("help.admin"));
        }
        return help.append("\n\n").append(replies.doctorNote()).toString();
    }

    private InlineKeyboardMarkup topicButtons() {
        List<InlineKeyboardRow> rows = new ArrayList<>();
        for (int n = 1; texts.find("topic." + n + ".label") != null; n++) {
            rows.add(new InlineKeyboardRow(AnswerMessages.button(texts.get("topic." + n + ".label"),
                    Callbacks.topic(n))));
        }
        return rows.isEmpty() ? null : new InlineKeyboardMarkup(rows);
    }

    /** A parent's question, through the one pipeline every channel shares. */
    private List<BotApiMethod<?>> question(long chatId, String text) {
        TelegramSender.Typing typing = sender.typing(chatId);
        Answer answer = answers.answer(text);
        List<BotApiMethod<?>> reply = list(messages.render(chatId, answer));
        typing.done();
        return reply;
    }

    private List<BotApiMethod<?>> callback(CallbackQuery query) {
        long userId = query.getFrom().getId();
        long chatId = query.getMessage() != null ? query.getMessage().getChatId() : userId;
        Callbacks.Parsed data = Callbacks.parse(query.getData());
        return switch (data.kind()) {
            case TOPIC -> {
                String question = texts.find("topic." + data.value() + ".question");
                yield question == null ? ack(query, texts.get("button.expired"))
                        : acked(query, question(chatId, question));
            }
            case QUESTION -> buttons.question(data.value())
                    .map(question -> acked(query, question(chatId, question)))
                    .orElseGet(() -> ack(query, texts.get("button.expired")));
            case FEEDBACK -> switch (buttons.rate(data.value())) {
                case COUNTED -> {
                    counters.count(data.helpful() ? UsageCounters.Counter.FEEDBACK_HELPFUL
                            : UsageCounters.Counter.FEEDBACK_NOT_HELPFUL);
                    yield ack(query, texts.get("feedback.thanks"));
                }
                case ALREADY_RATED -> ack(query, texts.get("feedback.already"));
                case UNKNOWN -> ack(query, texts.get("button.expired"));
            };
            case BROADCAST_SEND, BROADCAST_CANCEL -> acked(query, staff.broadcastButton(chatId, userId,
                    Long.parseLong(data.value()), data.kind() == Callbacks.Kind.BROADCAST_SEND));
            case UNKNOWN -> ack(query, texts.get("button.expired"));
        };
    }

    /** Every button tap is answered, or the parent's Telegram shows a spinner until it gives up. */
    private static List<BotApiMethod<?>> ack(CallbackQuery query, String text) {
        return List.of(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).text(text).build());
    }

    private static List<BotApiMethod<?>> acked(CallbackQuery query, List<BotApiMethod<?>> then) {
        List<BotApiMethod<?>> all = new ArrayList<>();
        all.add(AnswerCallbackQuery.builder().callbackQueryId(query.getId()).build());
        all.addAll(then);
        return all;
    }

    private static long userOf(Message message) {
        return message.getFrom() == null ? 0 : message.getFrom().getId();
    }

    private static List<BotApiMethod<?>> list(List<? extends BotApiMethod<?>> methods) {
        return new ArrayList<>(methods);
    }
}
