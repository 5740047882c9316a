package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.audit.UsageCounters;
import org.sanad.staff.Role;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/**
 * What Sanad answers to one update: a command from the {@link CommandRegistry}, a question (through the shared
 * {@link AnswerService}), a button, or a kind word for what it cannot read. It returns the replies;
 * {@link TelegramSender} sends them.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class UpdateHandler {

    private final AnswerService answers;
    private final AnswerMessages messages;
    private final TelegramTexts texts;
    private final ButtonMemory buttons;
    private final BotIdentity bot;
    private final TelegramSender sender;
    private final UsageCounters counters;
    private final CommandRegistry commands;
    private final StaffCommands staff;

    UpdateHandler(AnswerService answers, AnswerMessages messages, TelegramTexts texts, ButtonMemory buttons,
            BotIdentity bot, TelegramSender sender, UsageCounters counters, CommandRegistry commands,
            StaffCommands staff) {
        this.answers = answers;
        this.messages = messages;
        this.texts = texts;
        this.buttons = buttons;
        this.bot = bot;
        this.sender = sender;
        this.counters = counters;
        this.commands = commands;
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
            return reply(chatId, "text-only");
        }
        Optional<BotIdentity.CommandText> typed = bot.command(message);
        if (typed.isPresent()) {
            // an edited command is not run again: a corrected /broadcast must not go out twice
            return edited ? List.of() : command(message, typed.get());
        }
        String text = bot.withoutMention(message.getText());
        if (text.isBlank()) {
            return reply(chatId, "ask-me");
        }
        return question(chatId, text);
    }

    private List<BotApiMethod<?>> command(Message message, BotIdentity.CommandText typed) {
        long chatId = message.getChatId();
        Optional<Command> command = commands.find(typed.name());
        if (command.isEmpty()) {
            return reply(chatId, "unknown-command");
        }
        if (!message.isUserMessage() && command.get().role() != Role.EVERYONE) {
            // previews, statistics and reindex reports are not for a group's eyes
            return reply(chatId, "private-only");
        }
        long userId = message.getFrom() == null ? 0 : message.getFrom().getId();
        return command.get().handler().handle(new Command.Call(chatId, userId, typed.args()));
    }

    /** A parent's question, through the one pipeline every channel shares. */
    private List<BotApiMethod<?>> question(long chatId, String text) {
        TelegramSender.Typing typing = sender.typing(chatId);
        Answer answer = answers.answer(text);
        List<BotApiMethod<?>> reply = new ArrayList<>(messages.render(chatId, answer));
        if (!answer.emergency()) {
            // "typing…" must not arrive after the answer it announces; urgent advice waits for nothing
            typing.done();
        }
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
            case QUESTION -> buttons.question(data.value(), chatId)
                    .map(question -> acked(query, question(chatId, question)))
                    .orElseGet(() -> ack(query, texts.get("button.expired")));
            case FEEDBACK -> switch (buttons.rate(data.value(), chatId)) {
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
            // «yes, now»: exactly the urgent reply of a reported sign, through the same pipeline
            case CHECK_YES -> acked(query, new ArrayList<>(messages.render(chatId, answers.confirmDangerSign())));
            case CHECK_NO -> acked(query, new ArrayList<>(messages.render(chatId, answers.noDangerSign())));
            case UNKNOWN -> ack(query, texts.get("button.expired"));
        };
    }

    private List<BotApiMethod<?>> reply(long chatId, String textKey) {
        return new ArrayList<>(messages.plain(chatId, texts.get(textKey), null));
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
}
