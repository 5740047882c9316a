package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.testing.FakeBotApi;
import org.springframework.beans.factory.annotation.Autowired;

/** The safety net in Telegram: a CHECK reply's two buttons, over the real TelegramBots library and the fake. */
class TelegramSafetyNetTest extends RunningTelegramBot {

    private static final String PROBLEM_REPORT = "ابني صار تعبان ومش على بعضه من امبارح";

    @Autowired
    ReplyComposer replies;

    @Autowired
    UsageCounters counters;

    private static List<String> labels(FakeBotApi.Call message) {
        return message.inlineKeyboard().stream().flatMap(List::stream)
                .map(button -> String.valueOf(button.get("text"))).toList();
    }

    private static FakeBotApi.Call press(long chat, FakeBotApi.Call message, String label) {
        Map<String, Object> button = message.inlineKeyboard().stream().flatMap(List::stream)
                .filter(b -> label.equals(b.get("text"))).findFirst().orElseThrow();
        int before = TELEGRAM.delivered("sendMessage", chat).size();
        String query = TELEGRAM.pushCallback(chat, chat, message.messageId(), String.valueOf(button.get("callback_data")));
        FakeBotApi.Call reply = last(awaitNewMessages(chat, before, 1));
        TELEGRAM.awaitCall("answerCallbackQuery", call -> query.equals(call.params().get("callback_query_id")));
        return reply;
    }

    @Test
    void opensACheckReplyWithTheDangerSignsAndOffersYesAndNo() {
        long chat = newChat();
        List<FakeBotApi.Call> reply = ask(chat, PROBLEM_REPORT);

        assertThat(reply.get(0).visibleText()).containsPattern("^\u200F?⚠️").contains("الإسعاف");
        assertThat(reply.get(0).text()).as("the danger signs in bold").containsPattern("^\u200F?<b>⚠️");
        assertThat(last(reply).visibleText()).contains(DOCTOR_NOTE);
        assertThat(labels(last(reply))).startsWith("نعم، عنده علامة منها الآن", "لا");
    }

    @Test
    void givesTheUrgentAdviceWhenTheParentPressesYes() {
        long chat = newChat();
        FakeBotApi.Call check = last(ask(chat, PROBLEM_REPORT));
        long emergencies = counters.totals().get(UsageCounters.Counter.EMERGENCIES);

        FakeBotApi.Call urgent = press(chat, check, "نعم، عنده علامة منها الآن");

        // one message: the urgent reply is far below Telegram's limit
        assertThat(urgent.visibleText().replace("\u200F", "")).startsWith(replies.urgentAdvice());
        assertThat(urgent.text()).containsPattern("^\u200F?<b>⚠️");
        assertThat(urgent.visibleText()).contains(DOCTOR_NOTE);
        assertThat(urgent.callbackData()).as("nothing distracts from the advice").isEmpty();
        assertThat(counters.totals().get(UsageCounters.Counter.EMERGENCIES)).isEqualTo(emergencies + 1);
    }

    @Test
    void thanksTheParentWhoPressesNo() {
        long chat = newChat();
        FakeBotApi.Call check = last(ask(chat, PROBLEM_REPORT));

        FakeBotApi.Call thanks = press(chat, check, "لا");

        assertThat(thanks.visibleText()).contains("شكراً").contains(DOCTOR_NOTE).doesNotContain("<b>");
    }
}
