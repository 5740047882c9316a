package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.audit.UsageCounters;
import org.sanad.testing.FakeBotApi;
import org.springframework.beans.factory.annotation.Autowired;

/** What one parent can do to another's replies, and what /forget leaves behind. */
class TelegramPrivacyTest extends RunningTelegramBot {

    @Autowired
    UsageCounters counters;
    @Autowired
    AuditLog audit;

    @Test
    void aFeedbackKeyIsUnguessableAndCountsOnlyInTheChatItWasSentTo() {
        long parent = newChat();
        long other = newChat();
        FakeBotApi.Call answer = last(ask(parent, "كم يستمر تأثير الحقنة؟"));
        String helpful = answer.callbackData().stream().filter(data -> data.startsWith("f:y:")).findFirst()
                .orElseThrow();
        long before = counters.totals().get(UsageCounters.Counter.FEEDBACK_HELPFUL);

        String elsewhere = TELEGRAM.pushCallback(other, other, 1, helpful);

        assertThat(helpful.substring("f:y:".length())).as("96 random bits").hasSize(16);
        assertThat(String.valueOf(callbackAnswer(elsewhere).params().get("text"))).contains("انتهت");
        assertThat(counters.totals().get(UsageCounters.Counter.FEEDBACK_HELPFUL)).isEqualTo(before);
        String own = TELEGRAM.pushCallback(parent, parent, answer.messageId(), helpful);
        assertThat(String.valueOf(callbackAnswer(own).params().get("text"))).contains("شكراً");
        assertThat(counters.totals().get(UsageCounters.Counter.FEEDBACK_HELPFUL)).isEqualTo(before + 1);
    }

    @Test
    void forgetTakesTheParentsIdOutOfTheAuditLog() {
        long parent = newChat();
        ask(parent, "/stats"); // refused, and audited under the parent's id
        assertThat(audit.recent(50)).anyMatch(entry -> entry.actor().equals("telegram:" + parent));

        ask(parent, "/forget");

        assertThat(audit.recent(200)).noneMatch(entry -> entry.actor().equals("telegram:" + parent))
                .anyMatch(entry -> entry.actor().equals(AuditLog.FORGOTTEN) && entry.action().equals("stats"));
    }

    private static FakeBotApi.Call callbackAnswer(String queryId) {
        return TELEGRAM.awaitCalls("answerCallbackQuery", call -> queryId.equals(call.params().get("callback_query_id")),
                1, Duration.ofSeconds(10)).get(0);
    }
}
