package org.sanad.telegram;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.sanad.handoff.ClinicLine;
import org.sanad.handoff.HandoffProperties;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.CopyMessage;
import org.telegram.telegrambots.meta.api.methods.forum.CreateForumTopic;
import org.telegram.telegrambots.meta.api.methods.groupadministration.GetChat;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.ReplyParameters;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Conversations with the clinic in Telegram's terms: a forum topic per conversation where the staff group is a
 * forum, the header (the parent's {@code tg://user?id=} link, when it opened, Sanad's last outcome) with its
 * «إنهاء المحادثة» button, copies with copyMessage (a staff reply reaches the parent with a «🏥» mark under it), and
 * Sanad's short notes. Every call goes through {@link TelegramSender}, which reads Telegram's errors and retries.
 */
@Component
@Conditional(TelegramClientConfiguration.TokenSet.class)
class TelegramClinicLine implements ClinicLine {

    private static final DateTimeFormatter OPENED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final TelegramSender sender;
    private final TelegramTexts texts;
    private final ZoneId zone;
    private final Map<Long, Boolean> forums = new ConcurrentHashMap<>();

    TelegramClinicLine(TelegramSender sender, TelegramTexts texts, HandoffProperties properties) {
        this.sender = sender;
        this.texts = texts;
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
        SendMessage message = AnswerMessages.message(staffChatId, html, endButton(header.conversationId()));
        message.setMessageThreadId(topicId);
        return sender.call(staffChatId, message).map(sent -> OptionalLong.of(sent.getMessageId()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public OptionalLong copy(Copy copy) {
        CopyMessage.CopyMessageBuilder<?, ?> request = CopyMessage.builder()
                .chatId(copy.toChatId())
                .fromChatId(copy.fromChatId())
                .messageId((int) copy.messageId())
                .messageThreadId(copy.topicId());
        if (copy.replyTo() != null) {
            request.replyParameters(ReplyParameters.builder().messageId(copy.replyTo().intValue())
                    .allowSendingWithoutReply(true).build());
        }
        if (copy.fromClinic()) {
            // copyMessage keeps the staff member's words as they are; the button under them says who wrote them
            request.replyMarkup(new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(AnswerMessages.button(
                    texts.get("handoff.button.from-clinic"), Callbacks.handoffFromClinic())))));
        } else {
            // in the staff group: whose message this is, at a glance, and a reply to it finds its conversation
            request.replyMarkup(new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(AnswerMessages.button(
                    texts.get("handoff.button.end-numbered", String.valueOf(copy.conversationId())),
                    Callbacks.handoffEnd(copy.conversationId()))))));
        }
        return sender.call(copy.toChatId(), request.build()).map(sent -> OptionalLong.of(sent.getMessageId()))
                .orElse(OptionalLong.empty());
    }

    @Override
    public void tell(long chatId, Integer topicId, Long replyTo, Notice notice) {
        String key = switch (notice) {
            case PARENT_CLOSED_BY_STAFF -> "handoff.ended-by-staff";
            case PARENT_CLOSED_IDLE -> "handoff.ended-idle";
            case STAFF_CLOSED_BY_STAFF -> "handoff.staff.closed-by-staff";
            case STAFF_CLOSED_BY_PARENT -> "handoff.staff.closed-by-parent";
            case STAFF_CLOSED_IDLE -> "handoff.staff.closed-idle";
            case STAFF_FORGOTTEN -> "handoff.staff.forgotten";
            case STAFF_URGENT -> "handoff.staff.urgent";
        };
        SendMessage message = AnswerMessages.message(chatId,
                ReplySplitter.RIGHT_TO_LEFT_MARK + Html.escape(texts.get(key)), null);
        message.setMessageThreadId(topicId);
        if (replyTo != null) {
            message.setReplyParameters(ReplyParameters.builder().messageId(replyTo.intValue())
                    .allowSendingWithoutReply(true).build());
        }
        sender.execute(chatId, message);
    }

    private InlineKeyboardMarkup endButton(long conversationId) {
        return new InlineKeyboardMarkup(List.of(new InlineKeyboardRow(AnswerMessages.button(
                texts.get("handoff.button.end"), Callbacks.handoffEnd(conversationId)))));
    }
}
