package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditLog;
import org.sanad.handoff.Handoff;
import org.sanad.testing.FakeBotApi;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 16: a parent talks to a person at the clinic from the same chat, and the staff answer from their group,
 * against the fake Bot API with a staff group (not a forum; {@link TelegramClinicForumTest} has the forum).
 */
class TelegramClinicHandoffTest extends RunningTelegramBot {

    /** A member of the staff group who is not in BOT_STAFF_IDS. */
    private static final long GROUP_MEMBER = 909;
    private static final String QUESTION = "هل يمكن أن نسافر بالطائرة بعد الحقن بيومين؟";

    @Autowired
    AuditLog audit;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Handoff handoff;

    @Test
    void aParentsClinicRequestAndQuestionAppearInTheStaffGroup() {
        long parent = newChat();

        FakeBotApi.Call confirmation = last(ask(parent, "/clinic"));
        FakeBotApi.Call header = header(parent);
        int question = TELEGRAM.pushText(parent, parent, QUESTION);
        FakeBotApi.Call copy = copyToStaff(parent, 1).get(0);

        assertThat(confirmation.visibleText()).contains("طاقم العيادة").contains("/endclinic");
        assertThat(confirmation.inlineKeyboard()).flatMap(row -> row).extracting(button -> button.get("text"))
                .containsExactly("إنهاء المحادثة");
        assertThat(header.text()).contains("<a href=\"tg://user?id=" + parent + "\">");
        assertThat(header.visibleText()).contains("محادثة #").contains("فُتحت").contains("آخر ما أجاب به سند");
        assertThat(header.inlineKeyboard()).flatMap(row -> row).extracting(button -> button.get("text"))
                .containsExactly("إنهاء المحادثة");
        assertThat(copy.params().get("message_id").toString())
                .isEqualTo(String.valueOf(lastMessageId(parent)));
        assertThat(copy.callbackData()).as("its conversation's number and end button, so staff see whose it is")
                .containsExactly("h:e:" + conversation(header));
        assertThat(copy.inlineKeyboard().get(0).get(0).get("text").toString())
                .contains("#" + conversation(header)).contains("إنهاء المحادثة");
        assertThat(TELEGRAM.message(STAFF_GROUP, copy.messageId()).get("text")).isEqualTo(QUESTION);
        assertThat(TELEGRAM.delivered("sendMessage", parent)).as("Sanad does not answer it itself").hasSize(1);
        assertThat(question).isPositive();
    }

    @Test
    void theHeaderSaysWhatSanadLastAnsweredThatParent() {
        long parent = newChat();
        FakeBotApi.Call notCovered = last(ask(parent, "ما هو أفضل مطعم بيتزا في المدينة؟"));
        assertThat(notCovered.inlineKeyboard()).flatMap(row -> row).extracting(button -> button.get("text"))
                .contains("أريد التحدث مع العيادة");

        String tap = notCovered.callbackData().stream().filter(data -> data.startsWith("h:o")).findFirst()
                .orElseThrow();
        assertThat(tap).isEqualTo("h:o:NOT_COVERED");
        TELEGRAM.pushCallback(parent, parent, notCovered.messageId(), tap);

        assertThat(header(parent).visibleText()).contains("لم تغطه المستندات");
        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == parent
                && call.visibleText().contains("سأوصل رسائلك"));
    }

    @Test
    void aStaffReplyReachesThatParentAndOnlyThatParentWithTwoParentsAtOnce() {
        long first = newChat();
        long second = newChat();
        ask(first, "/clinic");
        ask(second, "/clinic");
        FakeBotApi.Call firstHeader = header(first);
        TELEGRAM.pushText(first, first, "سؤال من الأم الأولى");
        TELEGRAM.pushText(second, second, "سؤال من الأب الثاني");
        FakeBotApi.Call secondCopy = copyToStaff(second, 1).get(0);
        copyToStaff(first, 1);

        int toSecond = TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "نعم، بعد يومين لا مانع", secondCopy.messageId());
        int toFirst = TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "أهلاً بك، نعم", firstHeader.messageId());

        FakeBotApi.Call reachedSecond = copyToParent(second, 1).get(0);
        FakeBotApi.Call reachedFirst = copyToParent(first, 1).get(0);
        assertThat(TELEGRAM.message(second, reachedSecond.messageId()).get("text")).isEqualTo("نعم، بعد يومين لا مانع");
        assertThat(TELEGRAM.message(first, reachedFirst.messageId()).get("text")).isEqualTo("أهلاً بك، نعم");
        assertThat(reachedSecond.callbackData()).as("marked as coming from the clinic").containsExactly("h:i");
        assertThat(reachedSecond.inlineKeyboard().get(0).get(0).get("text").toString()).contains("العيادة");
        assertThat(fromStaffGroup()).as("each reply went to one parent").hasSize(2);
        assertThat(toFirst).isGreaterThan(toSecond);
        assertThat(audit.recent(50)).anyMatch(entry -> entry.actor().equals("telegram:" + STAFF)
                && entry.action().equals("handoff.reply") && entry.outcome().equals("ok"));
    }

    @Test
    void aReplyFindsItsConversationByTheButtonUnderTheCopyAlone() {
        long parent = newChat();
        FakeBotApi.Call copy = questionInTheStaffGroup(parent);
        // as when the copy's send got no answer (in doubt): Sanad never learnt its id
        jdbc.sql("UPDATE clinic_relay SET to_message_id = NULL WHERE from_chat_id = ?").param(parent).update();

        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "وصلنا سؤالك", copy.messageId());

        FakeBotApi.Call reached = copyToParent(parent, 1).get(0);
        assertThat(TELEGRAM.message(parent, reached.messageId()).get("text")).isEqualTo("وصلنا سؤالك");
        assertThat(copy.callbackData()).singleElement().asString().matches("h:e:\\d+");
        assertThat(copy.inlineKeyboard().get(0).get(0).get("text").toString()).contains("إنهاء المحادثة");
    }

    @Test
    void aStaffReplyToACopyAnswersTheParentsOwnMessageInTheirChat() {
        long parent = newChat();
        FakeBotApi.Call copy = questionInTheStaffGroup(parent);
        long question = Long.parseLong(copy.params().get("message_id").toString());

        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "يمكنكم السفر بعد يومين", copy.messageId());

        FakeBotApi.Call reached = copyToParent(parent, 1).get(0);
        assertThat(reached.params().get("reply_parameters")).as("it quotes the question it answers")
                .isInstanceOfSatisfying(java.util.Map.class,
                        reply -> assertThat(((Number) reply.get("message_id")).longValue()).isEqualTo(question));
        assertThat(TELEGRAM.message(parent, reached.messageId()).get("text")).isEqualTo("يمكنكم السفر بعد يومين");
    }

    @Test
    void aReplyFromAGroupMemberWhoIsNotStaffIsNotRelayed() {
        long parent = newChat();
        ask(parent, "/clinic");
        FakeBotApi.Call header = header(parent);
        TELEGRAM.pushText(parent, parent, QUESTION);
        FakeBotApi.Call copy = copyToStaff(parent, 1).get(0);

        TELEGRAM.pushGroupReply(STAFF_GROUP, GROUP_MEMBER, "رأيي الشخصي: لا تسافروا", copy.messageId());
        TELEGRAM.pushGroupReply(STAFF_GROUP, GROUP_MEMBER, "/close", header.messageId());
        // the group's updates are answered in order: once the staff reply arrived, the member's were handled
        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "من الطاقم: لا مانع من السفر", copy.messageId());
        FakeBotApi.Call reached = copyToParent(parent, 1).get(0);

        assertThat(TELEGRAM.message(parent, reached.messageId()).get("text")).isEqualTo("من الطاقم: لا مانع من السفر");
        assertThat(TELEGRAM.delivered("copyMessage", parent)).hasSize(1);
        assertThat(handoff.openConversation(parent)).as("a member who is not staff cannot close it").isPresent();
        assertThat(audit.recent(50)).anyMatch(entry -> entry.actor().equals("telegram:" + GROUP_MEMBER)
                && entry.action().equals("handoff.close") && entry.outcome().equals("refused"));
    }

    @Test
    void anUrgentReportDuringAConversationStillGetsTheUrgentAdviceFirst() {
        long parent = newChat();
        ask(parent, "/clinic");
        header(parent);

        int before = TELEGRAM.delivered("sendMessage", parent).size();
        TELEGRAM.pushText(parent, parent, "ابني مش قادر يبلع من امبارح بعد الحقنة");
        FakeBotApi.Call advice = awaitNewMessages(parent, before, 1).get(0);
        FakeBotApi.Call copy = copyToStaff(parent, 1).get(0);
        long number = conversation(header(parent));
        FakeBotApi.Call note = TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.visibleText().contains("علامة خطر") && call.visibleText().contains("#" + number + " "));

        assertThat(advice.text()).startsWith("\u200F<b>");
        assertThat(advice.visibleText()).contains("قسم طوارئ");
        assertThat(advice.atNanos()).as("the advice before the copy to staff").isLessThan(copy.atNanos());
        assertThat(note.visibleText()).contains("نصيحة الطوارئ");
        assertThat(note.atNanos()).as("right after the copy").isGreaterThan(copy.atNanos());
        assertThat(handoff.openConversation(parent)).as("the conversation goes on").isPresent();
    }

    @Test
    void closeInReplyReturnsTheParentToSanad() {
        long parent = newChat();
        ask(parent, "/clinic");
        FakeBotApi.Call header = header(parent);

        int before = TELEGRAM.delivered("sendMessage", parent).size();
        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "/close", header.messageId());
        FakeBotApi.Call told = awaitNewMessages(parent, before, 1).get(0);
        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.visibleText().contains("أُنهيت المحادثة")
                && call.visibleText().contains("#" + conversation(header) + " "));
        FakeBotApi.Call answer = last(ask(parent, "متى يبدأ مفعول الحقنة؟"));

        assertThat(told.visibleText()).contains("أنهى طاقم العيادة المحادثة");
        assertThat(answer.visibleText()).as("Sanad answers again").contains(DOCTOR_NOTE);
        assertThat(TELEGRAM.calls("copyMessage")).noneMatch(call -> from(call) == parent);
        assertThat(handoff.openConversation(parent)).isEmpty();
        assertThat(audit.recent(50)).anyMatch(entry -> entry.actor().equals("telegram:" + STAFF)
                && entry.action().equals("handoff.close") && entry.outcome().equals("ok"));
    }

    @Test
    void theStaffButtonClosesItAndTheParentCanEndItThemselves() {
        long viaButton = newChat();
        ask(viaButton, "/clinic");
        FakeBotApi.Call header = header(viaButton);
        String query = TELEGRAM.pushCallback(STAFF_GROUP, STAFF, header.messageId(), header.callbackData().get(0));
        TELEGRAM.awaitCall("answerCallbackQuery", call -> query.equals(call.params().get("callback_query_id")));
        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == viaButton
                && call.visibleText().contains("أنهى طاقم العيادة"));

        long leaving = newChat();
        ask(leaving, "/clinic");
        FakeBotApi.Call leavingHeader = header(leaving);
        FakeBotApi.Call ended = last(ask(leaving, "/endclinic"));
        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.visibleText().contains("أنهى ولي الأمر")
                && call.visibleText().contains("#" + conversation(leavingHeader) + " "));

        assertThat(ended.visibleText()).contains("عدت الآن إلى سند");
        assertThat(last(ask(leaving, "/endclinic")).visibleText()).contains("لست في محادثة");
        assertThat(handoff.openConversation(viaButton)).isEmpty();
    }

    @Test
    void aReplyToAClosedConversationIsNotSentAndStaffAreTold() {
        long parent = newChat();
        ask(parent, "/clinic");
        TELEGRAM.pushText(parent, parent, QUESTION);
        FakeBotApi.Call copy = copyToStaff(parent, 1).get(0);
        ask(parent, "/endclinic");

        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "رد متأخر", copy.messageId());

        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.visibleText().contains("هذه المحادثة انتهت"));
        assertThat(TELEGRAM.delivered("copyMessage", parent)).isEmpty();
    }

    @Test
    void forgetEndsTheConversationAndDeletesItsRouting() {
        long parent = newChat();
        ask(parent, "/clinic");
        header(parent);
        TELEGRAM.pushText(parent, parent, QUESTION);
        copyToStaff(parent, 1);

        ask(parent, "/forget");

        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.visibleText().contains("حذف بياناته"));
        assertThat(handoff.openConversation(parent)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM clinic_conversation WHERE parent_chat_id = ?").param(parent)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM clinic_relay WHERE from_chat_id = ? OR to_chat_id = ?")
                .params(parent, parent).query(Long.class).single()).isZero();
    }

    @Test
    void aDayWithoutMessagesClosesTheConversationAndTheParentIsTold() {
        long parent = newChat();
        ask(parent, "/clinic");
        header(parent);
        jdbc.sql("UPDATE clinic_conversation SET last_message_at = ? WHERE open_chat_id = ?")
                .params(OffsetDateTime.now(ZoneOffset.UTC).minusHours(25), parent).update();

        assertThat(handoff.closeIdle()).isGreaterThanOrEqualTo(1);

        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == parent
                && call.visibleText().contains("يوماً بلا رسائل"));
        assertThat(handoff.openConversation(parent)).isEmpty();
    }

    @Test
    void statsCountConversationsAndTheMedianWaitForAFirstStaffReply() {
        long parent = newChat();
        ask(parent, "/clinic");
        FakeBotApi.Call header = header(parent);
        TELEGRAM.pushGroupReply(STAFF_GROUP, STAFF, "أهلاً، كيف نساعدك؟", header.messageId());
        copyToParent(parent, 1);

        String stats = last(ask(ADMIN, "/stats")).visibleText();

        assertThat(stats).contains("المحادثات مع العيادة: فُتحت").containsPattern("الوقت الوسيط حتى أول رد من الطاقم: \\d+ s");
    }

    @Test
    void helpOffersTheClinic() {
        long parent = newChat();
        FakeBotApi.Call help = last(ask(parent, "/help"));
        assertThat(help.visibleText()).contains("/clinic").contains("/endclinic");
        assertThat(help.callbackData()).contains("h:o");
    }

    // ------------------------------------------------------------------ helpers

    private static FakeBotApi.Call header(long parent) {
        return TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && call.text().contains("tg://user?id=" + parent + "\""));
    }

    /** A parent in a conversation asks {@link #QUESTION}: its copy in the staff group, once Sanad knows its id. */
    private FakeBotApi.Call questionInTheStaffGroup(long parent) {
        ask(parent, "/clinic");
        header(parent);
        TELEGRAM.pushText(parent, parent, QUESTION);
        FakeBotApi.Call copy = copyToStaff(parent, 1).get(0);
        // the outbox learns the id from Telegram's answer, just after the fake Bot API has recorded the call
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                        "SELECT COUNT(*) FROM clinic_relay WHERE from_chat_id = ? AND to_chat_id = ? AND to_message_id = ?")
                .params(parent, STAFF_GROUP, copy.messageId()).query(Long.class).single() == 1);
        return copy;
    }

    private static List<FakeBotApi.Call> copyToStaff(long parent, int count) {
        return TELEGRAM.awaitCalls("copyMessage", call -> call.ok() && call.chatId() == STAFF_GROUP
                && from(call) == parent, count, Duration.ofSeconds(15));
    }

    private static List<FakeBotApi.Call> copyToParent(long parent, int count) {
        return TELEGRAM.awaitCalls("copyMessage", call -> call.ok() && call.chatId() == parent
                && from(call) == STAFF_GROUP, count, Duration.ofSeconds(15));
    }

    private static List<FakeBotApi.Call> fromStaffGroup() {
        return TELEGRAM.calls("copyMessage").stream().filter(call -> from(call) == STAFF_GROUP).filter(call -> {
            long to = call.chatId();
            return to != STAFF_GROUP;
        }).filter(call -> call.atNanos() > 0).toList().stream()
                .filter(call -> TELEGRAM.message(call.chatId(), call.messageId()) != null)
                .filter(call -> List.of("نعم، بعد يومين لا مانع", "أهلاً بك، نعم")
                        .contains(TELEGRAM.message(call.chatId(), call.messageId()).get("text")))
                .toList();
    }

    private static long conversation(FakeBotApi.Call header) {
        return Long.parseLong(header.callbackData().get(0).substring("h:e:".length()));
    }

    private static long from(FakeBotApi.Call call) {
        return Long.parseLong(String.valueOf(call.params().get("from_chat_id")));
    }

    private static long lastMessageId(long chat) {
        long id = 0;
        for (long candidate = 101; candidate < 200; candidate++) {
            if (TELEGRAM.message(chat, candidate) != null && TELEGRAM.message(chat, candidate).get("from") instanceof
                    java.util.Map<?, ?> from && !Boolean.TRUE.equals(from.get("is_bot"))) {
                id = candidate;
            }
        }
        return id;
    }
}
