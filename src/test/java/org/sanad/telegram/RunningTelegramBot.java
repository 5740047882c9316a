package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.OwnFiles;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application with Telegram on, pointed at one {@link FakeBotApi} on 127.0.0.1, with its own knowledge
 * copy, data directory and embedded H2 file database. Test classes that extend it share one application and one
 * fake; each test talks from chats of its own, and no test may leave a call the fake rejected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
public abstract class RunningTelegramBot {

    protected static final FakeBotApi TELEGRAM = FakeBotApi.start();
    protected static final long STAFF = 501;
    /** Staff whose broadcasts really go out: their progress and report messages arrive in their own chat. */
    protected static final long BROADCASTING_STAFF = 502;
    protected static final long ADMIN = 601;
    protected static final String DOCTOR_NOTE = "استشر طبيبك";
    protected static final int FLOOD_MESSAGES = 8;
    /** The clinic staff's Telegram group (a supergroup without topics), where conversations with parents appear. */
    protected static final long STAFF_GROUP = -100_500_600_700L;

    private static final OwnFiles FILES = OwnFiles.withArticle("sanad-tg");
    private static final AtomicLong NEXT_CHAT = new AtomicLong(10_000);

    static {
        TELEGRAM.declareGroup(STAFF_GROUP, "Clinic staff", false);
    }

    @DynamicPropertySource
    static void telegramOnTheFake(DynamicPropertyRegistry registry) {
        FILES.registerWithTelegram(registry, TELEGRAM);
        registry.add("sanad.telegram.flood-messages", () -> String.valueOf(FLOOD_MESSAGES));
        registry.add("sanad.telegram.flood-window", () -> "60s");
        registry.add("sanad.staff.staff-ids", () -> STAFF + "," + BROADCASTING_STAFF);
        registry.add("sanad.staff.admin-ids", () -> String.valueOf(ADMIN));
        registry.add("sanad.handoff.staff-chat-id", () -> String.valueOf(STAFF_GROUP));
    }

    /** A private chat no other test uses; its user id is the chat id, as in Telegram. */
    protected static long newChat() {
        return NEXT_CHAT.incrementAndGet();
    }

    @BeforeEach
    void connected() {
        // the first test waits for the bot to register its commands and start polling
        TELEGRAM.awaitCalls("getUpdates", call -> true, 1, Duration.ofSeconds(30));
    }

    @AfterEach
    void noCallRejected() {
        assertThat(TELEGRAM.rejections()).as("calls the Bot API would have refused").isEmpty();
        assertThat(TELEGRAM.unansweredCallbackQueries()).as("button taps left unanswered").isEmpty();
    }

    /** The parent writes {@code text} and waits for the reply's messages (the last one ends the reply). */
    protected static List<FakeBotApi.Call> ask(long chat, String text) {
        int before = TELEGRAM.delivered("sendMessage", chat).size();
        TELEGRAM.pushText(chat, chat, text);
        return awaitNewMessages(chat, before, 1);
    }

    /** Waits until {@code count} more messages than {@code before} reached the chat, and returns the new ones. */
    protected static List<FakeBotApi.Call> awaitNewMessages(long chat, int before, int count) {
        TELEGRAM.awaitCalls("sendMessage", call -> call.ok() && call.chatId() == chat, before + count,
                Duration.ofSeconds(15));
        List<FakeBotApi.Call> all = TELEGRAM.delivered("sendMessage", chat);
        return all.subList(before, all.size());
    }

    protected static FakeBotApi.Call last(List<FakeBotApi.Call> calls) {
        return calls.get(calls.size() - 1);
    }

}
