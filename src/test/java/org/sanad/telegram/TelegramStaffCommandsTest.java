package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.testing.FakeBotApi;
import org.springframework.beans.factory.annotation.Autowired;

/** /broadcast, /stats and /reindex: for staff and admins only, politely refused to everyone else. */
class TelegramStaffCommandsTest extends RunningTelegramBot {

    @Autowired
    AuditLog audit;

    @Test
    void refusesAParentsBroadcastAndNobodyHearsOfIt() {
        long subscriber = newChat();
        ask(subscriber, "/subscribe");
        long parent = newChat();

        FakeBotApi.Call refusal = last(ask(parent, "/broadcast العيادة مغلقة غداً"));

        assertThat(refusal.visibleText()).contains("لطاقم العيادة فقط");
        assertThat(refusal.callbackData()).isEmpty();
        assertThat(audit.recent(20)).anyMatch(entry -> entry.actor().equals("telegram:" + parent)
                && entry.action().startsWith("broadcast") && entry.outcome().equals("refused"));
        assertThat(TELEGRAM.delivered("sendMessage", subscriber)).hasSize(1); // only its own /subscribe reply
    }

    @Test
    void refusesAParentsReindexAndStats() {
        long parent = newChat();

        assertThat(last(ask(parent, "/reindex")).visibleText()).contains("لمشرفي سند فقط");
        assertThat(last(ask(parent, "/stats")).visibleText()).contains("لمشرفي سند فقط");
        assertThat(last(ask(STAFF, "/reindex")).visibleText()).contains("لمشرفي سند فقط");

        assertThat(audit.recent(20)).anyMatch(entry -> entry.actor().equals("telegram:" + parent)
                && entry.action().equals("reindex") && entry.outcome().equals("refused"));
        assertThat(audit.recent(20)).anyMatch(entry -> entry.actor().equals("telegram:" + parent)
                && entry.action().equals("stats") && entry.outcome().equals("refused"));
    }

    @Test
    void showsStaffAPreviewWithSendAndCancelBeforeAnythingGoesOut() {
        FakeBotApi.Call preview = last(ask(STAFF, "/broadcast العيادة مغلقة يوم الخميس <للجميع> & شكراً"));

        assertThat(preview.visibleText()).contains("معاينة").contains("العيادة مغلقة يوم الخميس <للجميع> & شكراً");
        assertThat(preview.text()).contains("&lt;للجميع&gt; &amp;");
        assertThat(preview.callbackData()).hasSize(2).allMatch(data -> data.matches("b:[sc]:\\d+"));
    }

    @Test
    void startsABroadcastOnceOnSendEvenWhenTappedTwice() {
        FakeBotApi.Call preview = last(ask(BROADCASTING_STAFF, "/broadcast ابدأ العلاج الطبيعي بعد الحقن"));
        String send = preview.callbackData().get(0);

        TELEGRAM.pushCallback(BROADCASTING_STAFF, BROADCASTING_STAFF, preview.messageId(), send);
        TELEGRAM.pushCallback(BROADCASTING_STAFF, BROADCASTING_STAFF, preview.messageId(), send);

        // the broadcast's own progress and report messages may come in between
        TELEGRAM.awaitCall("sendMessage", call -> call.chatId() == BROADCASTING_STAFF && call.ok()
                && call.atNanos() > preview.atNanos() && call.visibleText().contains("بدأ الإرسال"));
        TELEGRAM.awaitCall("sendMessage", call -> call.chatId() == BROADCASTING_STAFF && call.ok()
                && call.atNanos() > preview.atNanos() && call.visibleText().contains("لن تُرسل مرة ثانية"));
        TELEGRAM.awaitCall("sendMessage", call -> call.chatId() == BROADCASTING_STAFF && call.ok()
                && call.atNanos() > preview.atNanos() && call.visibleText().contains("انتهى البث"));
    }

    @Test
    void aStaffBroadcastReachesEverySubscriberExactlyOnceAndNobodyElse() {
        long first = newChat();
        long second = newChat();
        long leftAgain = newChat();
        long neverSubscribed = newChat();
        ask(first, "/subscribe");
        ask(second, "/subscribe");
        ask(leftAgain, "/subscribe");
        ask(leftAgain, "/unsubscribe");
        ask(neverSubscribed, "/help");
        String notice = "العيادة مغلقة يوم الخميس " + first;

        FakeBotApi.Call preview = last(ask(BROADCASTING_STAFF, "/broadcast " + notice));
        TELEGRAM.pushCallback(BROADCASTING_STAFF, BROADCASTING_STAFF, preview.messageId(),
                preview.callbackData().get(0));

        for (long subscriber : List.of(first, second)) {
            TELEGRAM.awaitCall("sendMessage", call -> call.chatId() == subscriber && call.ok()
                    && call.visibleText().contains(notice));
        }
        TELEGRAM.awaitCall("sendMessage", call -> call.chatId() == BROADCASTING_STAFF && call.ok()
                && call.atNanos() > preview.atNanos() && call.visibleText().contains("انتهى البث"));
        for (long subscriber : List.of(first, second)) {
            assertThat(TELEGRAM.delivered("sendMessage", subscriber))
                    .filteredOn(call -> call.visibleText().contains(notice)).hasSize(1);
        }
        for (long outsider : List.of(leftAgain, neverSubscribed)) {
            assertThat(TELEGRAM.delivered("sendMessage", outsider))
                    .noneMatch(call -> call.visibleText().contains(notice));
        }
    }

    @Test
    void cancelsADraft() {
        FakeBotApi.Call preview = last(ask(STAFF, "/broadcast رسالة تجريبية"));
        int before = TELEGRAM.delivered("sendMessage", STAFF).size();

        TELEGRAM.pushCallback(STAFF, STAFF, preview.messageId(), preview.callbackData().get(1));

        assertThat(last(awaitNewMessages(STAFF, before, 1)).visibleText()).contains("أُلغيت");
    }

    @Test
    void anotherUserCannotTapAStaffPreview() {
        FakeBotApi.Call preview = last(ask(STAFF, "/broadcast لا ترسل"));
        long parent = newChat();

        String query = TELEGRAM.pushCallback(parent, parent, preview.messageId(), preview.callbackData().get(0));

        assertThat(last(awaitNewMessages(parent, 0, 1)).visibleText()).contains("لطاقم العيادة فقط");
        TelegramConversationTest.callbackAnswer(query);
    }

    @Test
    void explainsHowToWriteABroadcast() {
        assertThat(last(ask(STAFF, "/broadcast")).visibleText()).contains("/broadcast العيادة");
    }

    @Test
    void givesAnAdminTheStatisticsInArabic() {
        FakeBotApi.Call stats = last(ask(ADMIN, "/stats"));

        assertThat(stats.visibleText()).contains("إحصاءات سند").contains("المشتركون الآن").contains("الأسئلة");
    }

    @Test
    void reindexesForAnAdminAndSummarisesInArabic() {
        FakeBotApi.Call summary = last(ask(ADMIN, "/reindex"));

        assertThat(summary.visibleText()).contains("أُعيدت قراءة المستندات").containsPattern("1 مستند")
                .containsPattern("\\d+ مقطع");
        assertThat(audit.recent(20)).anyMatch(entry -> entry.actor().equals("telegram:" + ADMIN)
                && entry.action().equals("reindex") && entry.outcome().equals("ok"));
    }
}
