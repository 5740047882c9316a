package org.sanad.telegram;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.sanad.handoff.ClinicHours;
import org.sanad.handoff.Handoff;
import org.sanad.staff.Role;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Talking to the clinic, in Telegram's words: /clinic (and its button) opens a conversation and says when staff
 * usually answer, /endclinic ends it; /close is the staff's, sent in reply in their group (the update handler reads
 * it there); anywhere else it says how to use it.
 */
@Component
class ClinicCommands {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Handoff handoff;
    private final AnswerMessages messages;
    private final TelegramTexts texts;

    ClinicCommands(Handoff handoff, AnswerMessages messages, TelegramTexts texts) {
        this.handoff = handoff;
        this.messages = messages;
        this.texts = texts;
    }

    List<Command> commands() {
        return List.of(new Command("clinic", texts.get("command.clinic"), Role.EVERYONE,
                        call -> open(call.chatId(), null)),
                new Command("endclinic", texts.get("command.endclinic"), Role.EVERYONE, call -> end(call.chatId())));
    }

    /** Shown in the staff's menu; it works in their group in reply to a conversation, where the handler reads it. */
    Command close() {
        return new Command("close", texts.get("command.close"), Role.STAFF,
                call -> reply(call.chatId(), texts.get("handoff.staff.close-how"), null));
    }

    /** @param outcome Sanad's answer the parent tapped the button under, or null */
    List<BotApiMethod<?>> open(long chatId, String outcome) {
        return switch (handoff.open(chatId, outcome)) {
            case OPENED -> reply(chatId, texts.get("handoff.opened") + hours() + "\n\n"
                    + texts.get("handoff.while-open"), endButton());
            case ALREADY_OPEN -> reply(chatId, texts.get("handoff.already-open"), endButton());
            case UNAVAILABLE -> reply(chatId, texts.get("handoff.unavailable"), null);
        };
    }

    List<BotApiMethod<?>> end(long chatId) {
        return reply(chatId, texts.get(handoff.closeByParent(chatId) ? "handoff.ended-by-parent" : "handoff.not-open"),
                null);
    }

    /** When staff usually answer, and when they will see this if the clinic is closed now; empty when not set. */
    private String hours() {
        Handoff.Availability availability = handoff.availability();
        ClinicHours hours = availability.hours();
        if (!hours.known()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\n").append(texts.get("handoff.hours", days(hours),
                TIME.format(hours.opens()), TIME.format(hours.closes())));
        if (!availability.openNow() && availability.nextOpening() != null) {
            text.append(' ').append(texts.get("handoff.closed-now",
                    texts.get("handoff.day." + availability.nextOpening().getDayOfWeek().name()),
                    TIME.format(availability.nextOpening())));
        }
        return text.toString();
    }

    /** «من الأحد إلى الخميس» for consecutive days, else the days one by one. */
    private String days(ClinicHours hours) {
        List<java.time.DayOfWeek> days = hours.daysInOrder();
        boolean consecutive = days.size() > 2;
        for (int i = 1; i < days.size() && consecutive; i++) {
            consecutive = days.get(i) == days.get(i - 1).plus(1);
        }
        if (consecutive) {
            return texts.get("handoff.days-range", texts.get("handoff.day." + days.get(0).name()),
                    texts.get("handoff.day." + days.get(days.size() - 1).name()));
        }
        return String.join(texts.get("handoff.days-list-separator"),
                days.stream().map(day -> texts.get("handoff.day." + day.name())).toList());
    }

    private InlineKeyboardMarkup endButton() {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(AnswerMessages.button(
                texts.get("handoff.button.end"), Callbacks.handoffEnd()))));
    }

    private List<BotApiMethod<?>> reply(long chatId, String text, InlineKeyboardMarkup keyboard) {
        return new ArrayList<>(messages.plain(chatId, text, keyboard));
    }
}
