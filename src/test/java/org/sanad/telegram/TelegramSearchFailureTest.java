package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sanad.ask.ReplyComposer;
import org.sanad.audit.UsageCounters;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.OwnFiles;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Issue 13: a danger-sign report still gets the urgent advice and the doctor note in Telegram when search throws
 * (a corrupt index) and the usage counters cannot write. Its own application and its own fake Bot API, so that no other test's bot polls this one's
 * updates; the application is closed after the class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TelegramSearchFailureTest {

    private static final FakeBotApi TELEGRAM = FakeBotApi.start();
    private static final OwnFiles FILES = OwnFiles.empty("sanad-tg-broken");
    private static final long CHAT = 77_001;

    @DynamicPropertySource
    static void telegramOnItsOwnFake(DynamicPropertyRegistry registry) {
        FILES.registerWithTelegram(registry, TELEGRAM);
    }

    @MockitoBean
    PassageSearch search;

    @MockitoBean
    UsageCounters counters;

    @Autowired
    ReplyComposer replies;

    @BeforeEach
    void searchAndCountingThrow() {
        doThrow(new IllegalStateException("database down")).when(counters)
                .question(anyString(), anyBoolean(), anyBoolean(), anyBoolean());
        doThrow(new IllegalStateException("database down")).when(counters).count(any());
        when(search.search(any(), any(), anyList())).thenThrow(new IllegalStateException("segment checksum failed"));
        when(search.search(any())).thenThrow(new IllegalStateException("segment checksum failed"));
        TELEGRAM.awaitCalls("getUpdates", call -> true, 1, Duration.ofSeconds(30));
    }

    @AfterEach
    void noCallRejected() {
        assertThat(TELEGRAM.rejections()).as("calls the Bot API would have refused").isEmpty();
        assertThat(TELEGRAM.unansweredCallbackQueries()).as("button taps left unanswered").isEmpty();
    }

    @Test
    void givesTheUrgentAdviceAndTheDoctorNoteToAChildWhoCannotSwallow() {
        TELEGRAM.pushText(CHAT, CHAT, "ابني مش قادر يبلع");
        List<FakeBotApi.Call> reply = TELEGRAM.awaitCalls("sendMessage", call -> call.ok() && call.chatId() == CHAT,
                1, Duration.ofSeconds(15));
        FakeBotApi.Call message = reply.get(0);
        assertThat(message.visibleText().replace("\u200F", "")).startsWith(replies.urgentAdvice())
                .endsWith(replies.doctorNote());
        assertThat(message.text()).containsPattern("^\u200F?<b>⚠️");
    }

    @Test
    void givesTheUrgentAdviceWhenAParentPressesYesUnderACheckReply() {
        long chat = CHAT + 1;
        String query = TELEGRAM.pushCallback(chat, chat, 1, Callbacks.check(true));
        List<FakeBotApi.Call> reply = TELEGRAM.awaitCalls("sendMessage", call -> call.ok() && call.chatId() == chat,
                1, Duration.ofSeconds(15));
        assertThat(reply.get(0).visibleText().replace("\u200F", "")).startsWith(replies.urgentAdvice())
                .endsWith(replies.doctorNote());
        TELEGRAM.awaitCall("answerCallbackQuery", call -> query.equals(call.params().get("callback_query_id")));
    }

}
