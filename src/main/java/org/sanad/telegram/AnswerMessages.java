package org.sanad.telegram;

import java.util.ArrayList;
import java.util.List;
import org.sanad.ask.Answer;
import org.sanad.handoff.Handoff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.LinkPreviewOptions;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;

/**
 * Turns the shared pipeline's {@link Answer} into Telegram messages: HTML with every clinic and parent text
 * escaped, split at Telegram's limit, the urgent advice in bold, and on the last part buttons: a CHECK reply's
 * «yes, now» / «no», up to two related passages ("did you mean"), «أريد التحدث مع العيادة» when the documents do not
 * answer, and 👍/👎 feedback.
 */
@Component
class AnswerMessages {

    static final int MAX_RELATED = 2;
    private static final int MAX_BUTTON_LABEL = 60;

    private final TelegramTexts texts;
    private final ButtonMemory buttons;
    private final Handoff handoff;
    private final ReplySplitter splitter = new ReplySplitter();

    /** Without the clinic's staff group: no «أريد التحدث مع العيادة» button. */
    AnswerMessages(TelegramTexts texts, ButtonMemory buttons) {
        this(texts, buttons, null);
    }

    @Autowired
    AnswerMessages(TelegramTexts texts, ButtonMemory buttons, Handoff handoff) {
        this.texts = texts;
        this.buttons = buttons;
        this.handoff = handoff;
    }

    /** The button «أريد التحدث مع العيادة»; null when no staff group is set. */
    InlineKeyboardRow talkToClinicRow() {
        return talkToClinicRow(Callbacks.handoffOpen());
    }

    private InlineKeyboardRow talkToClinicRow(String callback) {
        return handoff != null && handoff.configured() ? new InlineKeyboardRow(button(
                texts.get("handoff.button.open"), callback)) : null;
    }

    List<SendMessage> render(long chatId, Answer answer) {
        List<String> parts = splitter.split(answer.reply());
        List<Answer.Source> related = relatedPassages(answer);
        boolean feedback = answer.kind() == Answer.Kind.ANSWERED || answer.kind() == Answer.Kind.NOT_COVERED;
        ButtonMemory.ReplyKeys keys = buttons.remember(chatId,
                related.stream().map(Answer.Source::question).toList(), feedback);
        List<InlineKeyboardRow> rows = new ArrayList<>();
        if (answer.kind() == Answer.Kind.CHECK) {
            rows.add(new InlineKeyboardRow(button(texts.get("check.yes"), Callbacks.check(true)),
                    button(texts.get("check.no"), Callbacks.check(false))));
        }
        for (int i = 0; i < related.size(); i++) {
            Answer.Source passage = related.get(i);
            String label = texts.get("related.button", shorten(passage.question().equals(passage.text())
                    ? passage.heading() : passage.question()));
            rows.add(new InlineKeyboardRow(button(label, Callbacks.question(keys.questions().get(i)))));
        }
        InlineKeyboardRow clinic = answer.kind() == Answer.Kind.NOT_COVERED
                ? talkToClinicRow(Callbacks.handoffOpen(answer.kind().name())) : null;
        if (clinic != null) {
            rows.add(clinic);
        }
        if (keys.feedback() != null) {
            rows.add(new InlineKeyboardRow(
                    button(texts.get("feedback.helpful"), Callbacks.feedback(true, keys.feedback())),
                    button(texts.get("feedback.not-helpful"), Callbacks.feedback(false, keys.feedback()))));
        }
        List<SendMessage> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            // the urgent advice, and a CHECK reply's danger signs, stand out
            boolean bold = i == 0 && (answer.emergency() || answer.kind() == Answer.Kind.CHECK);
            String html = bold ? boldFirstParagraph(parts.get(0)) : Html.escape(parts.get(i));
            boolean last = i == parts.size() - 1;
            messages.add(message(chatId, html, last && !rows.isEmpty() ? new InlineKeyboardMarkup(rows) : null));
        }
        return messages;
    }

    /** A text of our own (welcome, help, refusals) as HTML messages, with an optional keyboard on the last. */
    List<SendMessage> plain(long chatId, String text, InlineKeyboardMarkup keyboard) {
        List<String> parts = splitter.split(text);
        List<SendMessage> messages = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            messages.add(message(chatId, Html.escape(parts.get(i)), i == parts.size() - 1 ? keyboard : null));
        }
        return messages;
    }

    static SendMessage message(long chatId, String html, InlineKeyboardMarkup keyboard) {
        return SendMessage.builder()
                .chatId(chatId)
                .text(html)
                .parseMode("HTML")
                .linkPreviewOptions(LinkPreviewOptions.builder().isDisabled(true).build())
                .replyMarkup(keyboard)
                .build();
    }

    static InlineKeyboardButton button(String label, String callbackData) {
        return InlineKeyboardButton.builder().text(label).callbackData(callbackData).build();
    }

    private static List<Answer.Source> relatedPassages(Answer answer) {
        if (answer.emergency() || answer.kind() == Answer.Kind.CRISIS) {
            return List.of(); // nothing should distract from the urgent advice
        }
        if (!answer.related().isEmpty()) {
            return answer.related().stream().limit(MAX_RELATED).toList();
        }
        return answer.passages().stream().skip(1).limit(MAX_RELATED).toList();
    }

    private static String boldFirstParagraph(String part) {
        if (part.length() > 1 && part.charAt(0) == ReplySplitter.RIGHT_TO_LEFT_MARK) {
            // the mark stays the very first character, outside the tag
            return ReplySplitter.RIGHT_TO_LEFT_MARK + boldFirstParagraph(part.substring(1));
        }
        int end = part.indexOf("\n\n");
        return end < 0 ? Html.bold(part) : Html.bold(part.substring(0, end)) + Html.escape(part.substring(end));
    }

    private static String shorten(String label) {
        String oneLine = label.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= MAX_BUTTON_LABEL ? oneLine : oneLine.substring(0, MAX_BUTTON_LABEL - 1) + "…";
    }
}
