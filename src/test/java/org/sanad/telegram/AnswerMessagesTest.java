package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.ask.Answer;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;

class AnswerMessagesTest {

    private static final String NOTE = "🩺 استشر طبيبك.";

    private final AnswerMessages messages = new AnswerMessages(new TelegramTexts(messageSource()), new ButtonMemory());

    @Test
    void offersAtMostTwoRelatedPassagesAndFeedbackWithShortCallbackData() {
        Answer notCovered = new Answer(Answer.Kind.NOT_COVERED, false, List.of(),
                List.of(passage("1", "سؤال أول طويل ".repeat(10)), passage("2", "سؤال ثان"), passage("3", "ثالث")),
                "لم أجد.\n\n" + NOTE);

        List<SendMessage> sent = messages.render(7, notCovered);

        List<InlineKeyboardButton> buttons = buttons(sent.get(0));
        assertThat(buttons).filteredOn(b -> b.getCallbackData().startsWith("q:")).hasSize(2);
        assertThat(buttons).filteredOn(b -> b.getCallbackData().startsWith("f:")).hasSize(2);
        assertThat(buttons).allMatch(b -> b.getCallbackData().getBytes(StandardCharsets.UTF_8).length <= 64)
                .allMatch(b -> b.getText().length() <= 80);
    }

    @Test
    void putsTheUrgentAdviceInBoldAndNoButtonsThatDistractFromIt() {
        Answer urgent = new Answer(Answer.Kind.URGENT, true, List.of(passage("1", "س")), List.of(),
                "⚠️ اذهب إلى الطوارئ <الآن>.\n\nنص المستند.\n\n" + NOTE);

        SendMessage message = messages.render(7, urgent).get(0);

        assertThat(message.getText()).startsWith("\u200F<b>⚠️ اذهب إلى الطوارئ &lt;الآن&gt;.</b>\n\nنص المستند.");
        assertThat(message.getReplyMarkup()).isNull();
    }

    @Test
    void splitsALongAnswerAndPutsTheButtonsUnderTheLastPartWithTheDoctorNote() {
        String paragraph = "نص طويل من المستند. ".repeat(150);
        Answer answered = new Answer(Answer.Kind.ANSWERED, false, List.of(passage("1", "س")), List.of(),
                paragraph + "\n\n" + paragraph + "\n\n" + NOTE);

        List<SendMessage> sent = messages.render(7, answered);

        assertThat(sent).hasSizeGreaterThan(1);
        assertThat(sent.subList(0, sent.size() - 1)).allMatch(message -> message.getReplyMarkup() == null);
        SendMessage lastPart = sent.get(sent.size() - 1);
        assertThat(lastPart.getText()).endsWith(NOTE);
        assertThat(buttons(lastPart)).isNotEmpty();
        assertThat(sent).allMatch(message -> "HTML".equals(message.getParseMode()));
    }

    private static List<InlineKeyboardButton> buttons(SendMessage message) {
        return ((InlineKeyboardMarkup) message.getReplyMarkup()).getKeyboard().stream()
                .flatMap(List::stream).toList();
    }

    private static Answer.Source passage(String id, String question) {
        return new Answer.Source(id, "العنوان", "القسم", "نص " + id, "knowledge/x.md", 1.0, question);
    }

    private static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
