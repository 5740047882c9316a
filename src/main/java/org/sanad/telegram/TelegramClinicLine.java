package org.sanad.telegram;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.sanad.handoff.ClinicLine;
import org.sanad.handoff.HandoffProperties;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxKind;
import org.sanad.outbox.OutboxMessage;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Conversations with the clinic in Telegram's terms. Relayed messages (copyMessage, so their text never passes
 * through Sanad's storage) and Sanad's notes go through the one database outbox, once each (an idempotency key per
 * relay), paced and kept across restarts: a staff reply reaches the parent with a «🏥» mark under it, a parent's
 * message reaches the staff group with its conversation's number and «إنهاء المحادثة» under it (a reply to it is
 * routed by that number). The header is posted at once, so that a staff group Sanad cannot reach is known while the
 * parent waits; in a forum, so is the topic, whose id every later message of the conversation needs.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramClinicLine implements ClinicLine {

    private static final DateTimeFormatter OPENED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TelegramSender sender;
    private final TelegramTexts texts;
    private final Outbox outbox;
    private final ZoneId zone;
    private final Map<Long, Boolean> forums = new ConcurrentHashMap<>();

    TelegramClinicLine(TelegramSender sender, TelegramTexts texts, Outbox outbox, HandoffProperties properties) {
        this.sender = sender;
        this.texts = texts;
        this.outbox = outbox;
        this.zone = properties.zone();
    }

    @Override
    public boolean isForum(long staffChatId) {
        Boolean known = forums.get(staffChatId);
        if (known != null) {
            return known;
        }
        return sender.call(staffChatId, GetChat.builder().chatId(staffChatId).build())
                .map(chat -> {
                    boolean forum = Boolean.TRUE.equals(chat.getIsForum());
                    forums.put(staffChatId, forum);
                    return forum;
                })
                .orElse(false); // not known now: asked again next time
    }

    @Override
    public OptionalInt openTopic(long staffChatId, String name) {
        return sender.call(staffChatId, CreateForumTopic.builder().chatId(staffChatId).name(name).build())
                .map(topic -> OptionalInt.of(topic.getMessageThreadId()))
                .orElse(OptionalInt.empty());
    }

    @Override
    public OptionalLong postHeader(long staffChatId, Integer topicId, Header header) {
        String link = "<a href=\"tg://user?id=" + header.parentChatId() + "\">"
                + Html.escape(texts.get("handoff.parent-link", String.valueOf(header.parentChatId()))) + "</a>";
        String outcome = header.lastOutcome() == null ? null : texts.find("handoff.outcome." + header.lastOutcome());
        String html = ReplySplitter.RIGHT_TO_LEFT_MARK + Html.escape(texts.get("handoff.header", "{0}", "{1}", "{2}",
                        "{3}"))
                .replace("{0}", String.valueOf(header.conversationId()))
                .replace("{1}", link)
                .replace("{2}", Html.escape(OPENED.format(header.openedAt().atZone(zone)) + " (" + zone.getId() + ")"))
                .replace("{3}", Html.escape(outcome != null ? outcome : texts.get("handoff.outcome.none")));
        SendMessage message = AnswerMessages.message(staffChatId, html, new InlineKeyboardMarkup(List.of(
                new InlineKeyboardRow(AnswerMessages.button(texts.get("handoff.button.end"),
                        Callbacks.handoffEnd(header.conversationId()))))));
        message.setMessageThreadId(topicId);
        return sender.call(staffChatId, message).map(sent -> OptionalLong.of(sent.getMessageId()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public Copied copy(Copy copy) {
        // a staff reply is marked as the clinic's; a parent's message carries its conversation for the staff
        OutboxMessage.Button button = copy.fromClinic()
                ? OutboxMessage.Button.callback(texts.get("handoff.button.from-clinic"), Callbacks.handoffFromClinic())
                : OutboxMessage.Button.callback(texts.get("handoff.button.end-numbered",
                        String.valueOf(copy.conversationId())), Callbacks.handoffEnd(copy.conversationId()));
        outbox.enqueue(Outbox.Request.of(OutboxKind.RELAY, copy.toChatId(),
                        OutboxMessage.copyOf(copy.fromChatId(), copy.messageId()).withButtons(button)
                                .inThread(copy.topicId()).replyingTo(copy.replyTo()))
                .about(copy.parentChatId())
                .key("relay:" + copy.fromChatId() + ":" + copy.messageId() + ":" + copy.toChatId()));
        // queued, or queued before (an update answered again): either way it goes out once
        return Copied.queued();
    }

    @Override
    public void tell(long conversationId, long chatId, Integer topicId, Long replyTo, Notice notice) {
        String key = switch (notice) {
            case PARENT_CLOSED_BY_STAFF -> "handoff.ended-by-staff";
            case PARENT_CLOSED_IDLE -> "handoff.ended-idle";
            case STAFF_CLOSED_BY_STAFF -> "handoff.staff.closed-by-staff";
            case STAFF_CLOSED_BY_PARENT -> "handoff.staff.closed-by-parent";
            case STAFF_CLOSED_IDLE -> "handoff.staff.closed-idle";
            case STAFF_FORGOTTEN -> "handoff.staff.forgotten";
            case STAFF_URGENT -> "handoff.staff.urgent";
        };
        String text = texts.get(key, String.valueOf(conversationId));
        String once = "handoff:" + conversationId + ":" + notice.name()
                + (notice == Notice.STAFF_URGENT ? ":" + UUID.randomUUID() : "");
        // at the conversation's priority, so that a note about a copy comes right after it (the danger alert itself
        // goes to the staff chat at ALERT priority, from the alert room)
        outbox.enqueue(Outbox.Request.of(OutboxKind.RELAY, chatId,
                OutboxMessage.text(text).inThread(topicId).replyingTo(replyTo)).key(once));
    }
}
