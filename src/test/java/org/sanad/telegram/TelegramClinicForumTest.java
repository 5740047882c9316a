package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanad.handoff.ClinicHours;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.OwnFiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A staff group with topics (a forum): each parent gets a topic of their own, and staff simply write in it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class TelegramClinicForumTest {

    private static final FakeBotApi TELEGRAM = FakeBotApi.start();
    private static final long FORUM = -100_900_800_700L;
    private static final long STAFF = 511;
    private static final String HOURS = "Sun-Thu 09:00-15:00";
    private static final OwnFiles FILES = OwnFiles.withArticle("sanad-forum");

    static {
        TELEGRAM.declareGroup(FORUM, "Clinic staff (topics)", true);
    }

    @DynamicPropertySource
    static void forumOnTheFake(DynamicPropertyRegistry registry) {
        FILES.registerWithTelegram(registry, TELEGRAM);
        registry.add("sanad.staff.staff-ids", () -> String.valueOf(STAFF));
        registry.add("sanad.handoff.staff-chat-id", () -> String.valueOf(FORUM));
        registry.add("sanad.handoff.clinic-hours", () -> HOURS);
        registry.add("sanad.handoff.timezone", () -> "UTC");
    }

    @AfterEach
    void noCallRejected() {
        assertThat(TELEGRAM.rejections()).as("calls the Bot API would have refused").isEmpty();
    }

    @Test
    void eachParentGetsATopicAndStaffAnswerByWritingInIt() {
        long first = 20_001;
        long second = 20_002;
        TELEGRAM.awaitCalls("getUpdates", call -> true, 1, Duration.ofSeconds(30));

        TELEGRAM.pushText(first, first, "/clinic");
        FakeBotApi.Call confirmation = TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == first);
        TELEGRAM.pushText(second, second, "/clinic");
        FakeBotApi.Call firstHeader = header(first);
        FakeBotApi.Call secondHeader = header(second);
        long firstTopic = topic(firstHeader);
        long secondTopic = topic(secondHeader);

        TELEGRAM.pushText(first, first, "هل يمكن أن يستحم الطفل بعد الحقن؟");
        FakeBotApi.Call copy = TELEGRAM.awaitCall("copyMessage", call -> call.ok() && call.chatId() == FORUM
                && String.valueOf(call.params().get("from_chat_id")).equals(String.valueOf(first)));
        TELEGRAM.pushTopicText(FORUM, STAFF, firstTopic, "نعم، بعد ساعتين");
        TELEGRAM.pushGroupReply(FORUM, STAFF, "ولا تضغط على مكان الحقن", copy.messageId());
        TELEGRAM.pushTopicText(FORUM, STAFF, secondTopic, "أهلاً، تفضل بسؤالك");

        var toFirst = TELEGRAM.awaitCalls("copyMessage", call -> call.ok() && call.chatId() == first, 2,
                Duration.ofSeconds(15));
        TELEGRAM.awaitCall("copyMessage", call -> call.ok() && call.chatId() == second);
        TELEGRAM.pushTopicText(FORUM, STAFF, firstTopic, "/close");
        TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == first
                && call.visibleText().contains("أنهى طاقم العيادة"));
        FakeBotApi.Call closedNote = TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == FORUM
                && call.visibleText().contains("أُنهيت المحادثة"));

        assertThat(TELEGRAM.topics(FORUM)).contains(firstTopic, secondTopic).hasSize(2);
        assertThat(firstTopic).isNotEqualTo(secondTopic);
        assertThat(topic(copy)).isEqualTo(firstTopic);
        assertThat(TELEGRAM.message(first, toFirst.get(0).messageId()).get("text")).isEqualTo("نعم، بعد ساعتين");
        assertThat(TELEGRAM.message(first, toFirst.get(1).messageId()).get("text"))
                .isEqualTo("ولا تضغط على مكان الحقن");
        assertThat(TELEGRAM.delivered("copyMessage", second)).hasSize(1);
        assertThat(topic(closedNote)).isEqualTo(firstTopic);
        String hours = "يرد الطاقم عادة من الأحد إلى الخميس، من الساعة 09:00 إلى 15:00.";
        assertThat(confirmation.visibleText()).contains(hours);
        boolean openNow = ClinicHours.parse(HOURS).isOpen(ZonedDateTime.now(ZoneOffset.UTC));
        assertThat(confirmation.visibleText().contains("سيرى الطاقم رسالتك")).isEqualTo(!openNow);
    }

    private static FakeBotApi.Call header(long parent) {
        return TELEGRAM.awaitCall("sendMessage", call -> call.ok() && call.chatId() == FORUM
                && call.text().contains("tg://user?id=" + parent + "\""));
    }

    private static long topic(FakeBotApi.Call call) {
        return Long.parseLong(String.valueOf(call.params().get("message_thread_id")));
    }

}
