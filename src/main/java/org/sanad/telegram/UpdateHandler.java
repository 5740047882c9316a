package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sanad.ask.Answer;
import org.sanad.ask.AnswerService;
import org.sanad.ask.Origin;
import org.sanad.ask.DangerReport;
import org.sanad.audit.UsageCounters;
import org.sanad.handoff.Conversation;
import org.sanad.handoff.Handoff;
import org.sanad.checkin.Injections;
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
 * {@link AnswerService}), a button, or a kind word for what it cannot read; while a parent talks to the clinic, their
 * messages go to the staff group instead (after triage), and staff replies there go back through the {@link Handoff}. It returns the replies;
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
    private final Handoff handoff;
    private final ClinicCommands clinic;
    private final ParentCommands parents;
    private final Injections injections;

    UpdateHandler(AnswerService answers, AnswerMessages messages, TelegramTexts texts, ButtonMemory buttons,
            BotIdentity bot, TelegramSender sender, UsageCounters counters, CommandRegistry commands,
            StaffCommands staff, ParentCommands parents, Injections injections, Handoff handoff,
            ClinicCommands clinic) {
        this.handoff = handoff;
        this.clinic = clinic;
        this.parents = parents;
        this.injections = injections;
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
        List<BotApiMethod<?>> replies = handle(message, edited, "tg-update:" + update.getUpdateId());
        if (!message.isUserMessage() && !replies.isEmpty() && replies.get(0) instanceof SendMessage first) {
            // in a group, show whom Sanad is answering
            first.setReplyParameters(ReplyParameters.builder().messageId(message.getMessageId())
                    .allowSendingWithoutReply(true).build());
        }
        if (message.isTopicMessage()) {
            // in a forum, the answer stays in the topic it answers
            replies.stream().filter(SendMessage.class::isInstance)
                    .forEach(reply -> ((SendMessage) reply).setMessageThreadId(message.getMessageThreadId()));
        }
        return replies;
    }

    private List<BotApiMethod<?>> handle(Message message, boolean edited, String reference) {
        long chatId = message.getChatId();
        if (!message.isUserMessage() && handoff.isStaffChat(chatId)) {
            Optional<List<BotApiMethod<?>>> handled = edited ? Optional.empty() : staffGroup(message);
            if (handled.isPresent()) {
                return handled.get();
            }
            if (!bot.isAddressed(message)) {
                return List.of(); // the staff's own chatter: every message of their group reaches Sanad
            }
        }
        if (message.isUserMessage()) {
            Optional<Conversation> conversation = handoff.openConversation(chatId);
            if (conversation.isPresent() && bot.command(message).isEmpty()) {
                return toClinic(conversation.get(), message);
            }
        }
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
        long userId = message.getFrom() == null ? 0 : message.getFrom().getId();
        if (!edited) {
            // the answer to "when was the injection?" when it is a date alone; anything else is a question
            Injections.Typed date = injections.typed(chatId, text);
            if (date instanceof Injections.Typed.Recorded recorded) {
                return parents.recorded(chatId, recorded.plan());
            }
            if (date instanceof Injections.Typed.InTheFuture) {
                return reply(chatId, "checkin.future");
            }
        }
        return question(chatId, text, Origin.telegram(chatId, userId, message.isUserMessage(), reference));
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

    /**
     * A parent's message while they talk to the clinic: copied to the staff group. Triage still comes first: a
     * danger sign gets the urgent advice at once, before the copy, and the staff are told Sanad gave it.
     */
    private List<BotApiMethod<?>> toClinic(Conversation conversation, Message message) {
        long chatId = message.getChatId();
        String text = message.hasText() ? message.getText() : message.getCaption();
        boolean urgent = text != null && !text.isBlank() && answers.isEmergency(text);
        if (urgent) {
            Answer answer = answers.answer(text);
            handoff.answered(chatId, answer.kind().name());
            sender.sendAll(chatId, messages.render(chatId, answer));
        }
        return handoff.fromParent(conversation, message.getMessageId(), urgent) ? List.of()
                : reply(chatId, "handoff.not-delivered");
    }

    /**
     * A message in the staff group that is about a conversation: a staff reply (relayed to the parent), or /close.
     * Empty when it is about none.
     */
    private Optional<List<BotApiMethod<?>>> staffGroup(Message message) {
        long chatId = message.getChatId();
        long userId = message.getFrom() == null ? 0 : message.getFrom().getId();
        Long replyTo = message.getReplyToMessage() == null ? null
                : message.getReplyToMessage().getMessageId().longValue();
        Integer topic = message.isTopicMessage() ? message.getMessageThreadId() : null;
        Handoff.StaffPost post = new Handoff.StaffPost(chatId, userId, message.getMessageId(), replyTo,
                bot.conversationNamedBy(message.getReplyToMessage()), topic);
        Optional<BotIdentity.CommandText> command = bot.command(message);
        if (command.isPresent()) {
            if (!command.get().name().equals("close")) {
                return Optional.empty();
            }
            return Optional.of(switch (handoff.closeByStaff(post)) {
                case CLOSED -> List.of(); // both sides are told by the handoff
                case NOT_ROUTED -> reply(chatId, "handoff.staff.close-how");
                case NOT_STAFF -> reply(chatId, "refused.staff");
                case ALREADY_CLOSED -> reply(chatId, "handoff.staff.already-closed");
                case RELAYED, FAILED -> List.of();
            });
        }
        return switch (handoff.fromStaff(post)) {
            case NOT_ROUTED -> Optional.empty();
            case NOT_STAFF, RELAYED, CLOSED -> Optional.of(List.of());
            case ALREADY_CLOSED -> Optional.of(reply(chatId, "handoff.staff.already-closed"));
            case FAILED -> Optional.of(reply(chatId, "handoff.staff.not-delivered"));
        };
    }

    /** A parent's question, through the one pipeline every channel shares. */
    private List<BotApiMethod<?>> question(long chatId, String text, Origin origin) {
        TelegramSender.Typing typing = sender.typing(chatId);
        Answer answer = answers.answer(text, origin);
        handoff.answered(chatId, answer.kind().name());
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
        // a private chat's id is its user's id
        Origin origin = Origin.telegram(chatId, userId, chatId == userId, "tg-callback:" + query.getId());
        return switch (data.kind()) {
            case TOPIC -> {
                String question = texts.find("topic." + data.value() + ".question");
                yield question == null ? ack(query, texts.get("button.expired"))
                        : acked(query, question(chatId, question, origin));
            }
            case QUESTION -> buttons.question(data.value(), chatId)
                    .map(question -> acked(query, question(chatId, question, origin)))
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
            case CHECKIN_ASK -> acked(query, parents.askWhen(new Command.Call(chatId, userId, "")));
            case CHECKIN_WHEN -> acked(query, parents.recorded(chatId,
                    injections.recordDaysAgo(chatId, Integer.parseInt(data.value()))));
            case CHECKIN_FINE -> acked(query, injections.fine(chatId)
                    .map(next -> reply(chatId, "checkin.fine", injections.when(next)))
                    .orElseGet(() -> reply(chatId, "checkin.fine.last")));
            case CHECKIN_SIGN -> {
                // exactly as an urgent report: the same advice, counted, and the staff alerted
                injections.signNoticed(chatId);
                yield acked(query, new ArrayList<>(messages.render(chatId,
                        answers.urgentReport(origin, DangerReport.Trigger.CHECKIN_BUTTON))));
            }
            case BROADCAST_RESEND -> acked(query, staff.resendButton(chatId, userId, Long.parseLong(data.value())));
            case BROADCAST_SEND, BROADCAST_CANCEL -> acked(query, staff.broadcastButton(chatId, userId,
                    Long.parseLong(data.value()), data.kind() == Callbacks.Kind.BROADCAST_SEND));
            case HANDOFF_OPEN -> acked(query, clinic.open(chatId, data.value().isEmpty() ? null : data.value()));
            case HANDOFF_END -> data.value().isEmpty() ? acked(query, clinic.end(chatId))
                    : ack(query, texts.get(switch (handoff.closeByStaff(chatId, userId, Long.parseLong(data.value()))) {
                        case CLOSED -> "handoff.staff.closed-button";
                        case ALREADY_CLOSED -> "handoff.staff.already-closed-button";
                        case NOT_STAFF -> "refused.staff";
                        case NOT_ROUTED, RELAYED, FAILED -> "button.expired";
                    }));
            case HANDOFF_MARK -> ack(query, texts.get("handoff.from-clinic"));
            // «yes, now»: exactly the urgent reply of a reported sign, through the same pipeline
            case CHECK_YES -> acked(query, new ArrayList<>(messages.render(chatId, answers.confirmDangerSign(origin))));
            case CHECK_NO -> acked(query, new ArrayList<>(messages.render(chatId, answers.noDangerSign())));
            case UNKNOWN -> ack(query, texts.get("button.expired"));
        };
    }

    private List<BotApiMethod<?>> reply(long chatId, String textKey, Object... args) {
        return new ArrayList<>(messages.plain(chatId, texts.get(textKey, args), null));
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
