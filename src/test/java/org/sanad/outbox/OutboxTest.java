package org.sanad.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.broadcast.Subscribers;
import org.sanad.telegram.TestTelegram;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox as the other rooms use it: a row in, one message out, in priority order, once per key. */
class OutboxTest {

    private static final Database H2 = TestDatabases.h2();
    private static final Database POSTGRES = TestDatabases.postgres();
    private static final String RLM = "\u200F";

    static List<Database> databases() {
        return List.of(H2, POSTGRES);
    }

    @AfterAll
    static void dropDatabases() {
        H2.drop();
        POSTGRES.drop();
    }

    private final FakeBotApi telegram = FakeBotApi.start();
    private final List<OutboxSender> senders = new ArrayList<>();
    private final List<Long> blocked = new ArrayList<>();

    @AfterEach
    void stop() {
        senders.forEach(OutboxSender::halt);
        telegram.close();
    }

    private Outbox outbox(Database db) {
        db.clean();
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        return new Outbox(db.jdbc(), transactions, () -> senders.forEach(OutboxSender::wake), Clock.systemUTC());
    }

    private OutboxSender startSender(Database db, double rate) {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        ChatSender chats = TestTelegram.chatSender(telegram.url(), telegram.token(), new Subscribers(db.jdbc()));
        OutboxProperties properties = new OutboxProperties(rate, OutboxProperties.InDoubt.SKIP, Duration.ofSeconds(60),
                5, Duration.ofSeconds(1), Duration.ofSeconds(30), 8, Duration.ofMillis(200));
        OutboxObserver observer = new OutboxObserver() {
            @Override
            public void blocked(long chatId) {
                blocked.add(chatId);
            }
        };
        OutboxSender sender = new OutboxSender(db.dataSource(), transactions, properties, () -> chats,
                Clock.systemUTC(), List.of(observer), QuietHours.NEVER);
        senders.add(sender);
        sender.start();
        return sender;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMessageWithButtonsIsSentOnceEvenWhenEnqueuedTwiceWithItsKey(Database db) {
        Outbox outbox = outbox(db);
        OutboxMessage message = OutboxMessage.text("كيف حال طفلك اليوم؟ <سؤال>")
                .withButtons(OutboxMessage.Button.callback("كل شيء بخير", "ci:ok"),
                        OutboxMessage.Button.callback("لاحظت علامة منها", "ci:sign"));

        assertThat(outbox.enqueue(OutboxKind.CHECKIN, 7001, message, OutboxKind.Priority.SCHEDULED, Instant.now(),
                "checkin:7001:1")).isTrue();
        assertThat(outbox.enqueue(OutboxKind.CHECKIN, 7001, message, OutboxKind.Priority.SCHEDULED, Instant.now(),
                "checkin:7001:1")).isFalse();
        startSender(db, 25);

        await().atMost(Duration.ofSeconds(15)).until(() -> !telegram.delivered("sendMessage", 7001).isEmpty());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> telegram.delivered("sendMessage", 7001).size() == 1);
        FakeBotApi.Call call = telegram.delivered("sendMessage", 7001).get(0);
        assertThat(call.visibleText()).isEqualTo(RLM + "كيف حال طفلك اليوم؟ <سؤال>");
        assertThat(call.callbackData()).containsExactly("ci:ok", "ci:sign");
        assertThat(outbox.sent(OutboxKind.CHECKIN)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aMessageAnswersTheMessageItWasQueuedToAnswer(Database db) {
        Outbox outbox = outbox(db);
        startSender(db, 25);
        outbox.enqueue(Outbox.Request.of(OutboxKind.RELAY, 7004, OutboxMessage.text("محادثة رقم 3")).key("header:3"));
        await().atMost(Duration.ofSeconds(15)).until(() -> !telegram.delivered("sendMessage", 7004).isEmpty());
        long header = telegram.delivered("sendMessage", 7004).get(0).messageId();

        outbox.enqueue(Outbox.Request.of(OutboxKind.RELAY, 7004,
                OutboxMessage.text("أنهى الأهل المحادثة").replyingTo(header)).key("closed:3"));

        await().atMost(Duration.ofSeconds(15)).until(() -> telegram.delivered("sendMessage", 7004).size() == 2);
        FakeBotApi.Call note = telegram.delivered("sendMessage", 7004).get(1);
        assertThat(note.params().get("reply_parameters")).isInstanceOfSatisfying(java.util.Map.class,
                reply -> assertThat(((Number) reply.get("message_id")).longValue()).isEqualTo(header));
        assertThat(telegram.rejections()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aGroupGetsAtMostOneMessageEveryThreeSeconds(Database db) {
        long staffGroup = -100_200_300L;
        Outbox outbox = outbox(db);
        telegram.declareGroup(staffGroup, "Clinic staff", false);
        telegram.enforceRates(30, 1, 5);
        for (int i = 1; i <= 3; i++) {
            outbox.enqueue(Outbox.Request.of(OutboxKind.ALERT, staffGroup, OutboxMessage.text("تنبيه " + i))
                    .key("alert:" + i));
        }
        startSender(db, 25);

        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.delivered("sendMessage", staffGroup).size() == 3);
        List<FakeBotApi.Call> sent = telegram.delivered("sendMessage", staffGroup);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.ofNanos(sent.get(i).atNanos() - sent.get(i - 1).atNanos()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
        }
        assertThat(telegram.rejections()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAlertGoesOutBeforeQueuedBroadcastMessages(Database db) {
        Outbox outbox = outbox(db);
        for (long chat = 10_000; chat < 10_040; chat++) {
            outbox.enqueue(OutboxKind.BROADCAST, chat, OutboxMessage.text("بث " + chat), OutboxKind.Priority.BULK,
                    Instant.now(), null);
        }
        outbox.enqueue(OutboxKind.ALERT, 9_900, OutboxMessage.html("🚨 <b>تنبيه</b>"), OutboxKind.Priority.ALERT,
                Instant.now(), "alert:1");
        startSender(db, 10);

        await().atMost(Duration.ofSeconds(20)).until(() -> !telegram.delivered("sendMessage", 9_900).isEmpty());
        List<FakeBotApi.Call> sends = telegram.calls("sendMessage");
        assertThat(sends.get(0).chatId()).as("the first message sent").isEqualTo(9_900);
        assertThat(sends.get(0).visibleText()).isEqualTo(RLM + "🚨 تنبيه");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCancelledOrForgottenRowIsNeverSentAndABlockedChatIsReported(Database db) {
        Outbox outbox = outbox(db);
        Instant soon = Instant.now().plusSeconds(2);
        outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, 7002, OutboxMessage.text("a")).notBefore(soon));
        outbox.enqueue(Outbox.Request.of(OutboxKind.REMINDER, 7002, OutboxMessage.text("b")).notBefore(soon));
        outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, 7003, OutboxMessage.text("c")).notBefore(soon));
        outbox.enqueue(Outbox.Request.of(OutboxKind.ALERT, 9_900, OutboxMessage.text("d")).about(7003)
                .notBefore(soon));
        telegram.blockChat(7004);
        outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, 7004, OutboxMessage.text("e")));

        assertThat(outbox.cancel(7002, OutboxKind.CHECKIN, OutboxKind.REMINDER)).isEqualTo(2);
        outbox.forget(7003);
        assertThat(outbox.nextDue(7002, OutboxKind.CHECKIN)).isEmpty();
        startSender(db, 25);

        await().atMost(Duration.ofSeconds(10)).until(() -> blocked.contains(7004L));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> telegram.calls("sendMessage").stream().allMatch(call -> call.chatId() == 7004));
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM delivery WHERE chat_id = 7003 OR about_chat = 7003")
                .query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRowPastItsExpiryIsDroppedNotSent(Database db) {
        Outbox outbox = outbox(db);
        outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, 7005, OutboxMessage.text("متأخر"))
                .notBefore(Instant.now().minus(Duration.ofDays(2))).expiresAt(Instant.now().minus(Duration.ofDays(1))));
        outbox.enqueue(Outbox.Request.of(OutboxKind.CHECKIN, 7006, OutboxMessage.text("في وقته")));
        OutboxSender sender = startSender(db, 25);

        await().atMost(Duration.ofSeconds(10)).until(() -> !telegram.delivered("sendMessage", 7006).isEmpty());
        await().atMost(Duration.ofSeconds(5)).until(() -> sender.statistics().expired.get() == 1);
        assertThat(telegram.delivered("sendMessage", 7005)).isEmpty();
        assertThat(db.jdbc().sql("SELECT status FROM delivery WHERE chat_id = 7005").query(String.class).single())
                .isEqualTo("EXPIRED");
    }
}
