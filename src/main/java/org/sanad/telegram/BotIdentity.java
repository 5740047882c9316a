package org.sanad.telegram;

import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.Message;

/** Who the bot is on Telegram (learned from getMe at start-up), to tell which group messages are for it. */
@Component
class BotIdentity {

    private volatile long id;
    private volatile String username = "";

    void learn(User me) {
        id = me.getId();
        username = me.getUserName() == null ? "" : me.getUserName();
    }

    /** A command, when the message is one and is not meant for another bot ({@code /start@OtherBot}). */
    Optional<CommandText> command(Message message) {
        // TelegramBots 10.2.0 reports a command only once the entities have been read
        message.getEntities();
        if (!message.hasText() || !message.isCommand()) {
            return Optional.empty();
        }
        String text = message.getText();
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String head = text.substring(1, end);
        String args = text.substring(end).strip();
        int at = head.indexOf('@');
        String name = (at < 0 ? head : head.substring(0, at)).toLowerCase(Locale.ROOT);
        if (at >= 0 && !head.substring(at + 1).equalsIgnoreCase(username)) {
            return Optional.empty();
        }
        return Optional.of(new CommandText(name, args));
    }

    /** In a group: a command, a message that names the bot, or a reply to one of its messages. */
    boolean isAddressed(Message message) {
        if (!message.hasText()) {
            return false;
        }
        if (message.getText().startsWith("/")) {
            return command(message).isPresent();
        }
        if (isMentioned(message.getText())) {
            return true;
        }
        Message repliedTo = message.getReplyToMessage();
        return repliedTo != null && repliedTo.getFrom() != null && repliedTo.getFrom().getId() == id && id != 0;
    }

    /**
     * The conversation with the clinic that one of Sanad's own messages in the staff group belongs to, read from its
     * «إنهاء المحادثة» button; null for anyone else's message or one without that button.
     */
    Long conversationNamedBy(Message message) {
        if (message == null || message.getFrom() == null || message.getFrom().getId() != id || id == 0
                || message.getReplyMarkup() == null || message.getReplyMarkup().getKeyboard() == null) {
            return null;
        }
        return message.getReplyMarkup().getKeyboard().stream().flatMap(java.util.List::stream)
                .map(button -> Callbacks.parse(button.getCallbackData()))
                .filter(data -> data.kind() == Callbacks.Kind.HANDOFF_END && !data.value().isEmpty())
                .map(data -> Long.valueOf(data.value())).findFirst().orElse(null);
    }

    /** The message without the bot's @name, so that the name is not part of the question. */
    String withoutMention(String text) {
        if (username.isEmpty()) {
            return text;
        }
        return text.replaceAll("(?i)@" + java.util.regex.Pattern.quote(username) + "\\b", " ").strip();
    }

    private boolean isMentioned(String text) {
        return !username.isEmpty() && text.toLowerCase(Locale.ROOT).contains("@" + username.toLowerCase(Locale.ROOT));
    }

    /** {@code /name args} as typed, the name in lower case and without the bot's @name. */
    record CommandText(String name, String args) {
    }
}
