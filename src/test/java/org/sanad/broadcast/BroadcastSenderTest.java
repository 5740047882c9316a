package org.sanad.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.outbox.OutboxProperties.InDoubt;
import org.sanad.outbox.OutboxSender;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/**
 * The paced sender against the fake Bot API (which enforces Telegram's limits when asked) on H2 and PostgreSQL: every
 * active subscriber gets a broadcast exactly once, under the limits, through 429s, 403s, errors, crashes and a second
 * instance.
 */
class BroadcastSenderTest {

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
    private SenderRig rig;

    private SenderRig rig(Database db) {
        rig = new SenderRig(db, telegram);
        return rig;
    }

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        telegram.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyActiveSubscriberGetsTheBroadcastOnceAndTheUnsubscribedNone(Database db) {
        SenderRig rig = rig(db);
        List<Long> chats = rig.subscribe(12);
        rig.subscribers.unsubscribe(chats.get(3));
        rig.startSender(SenderRig.settings());
        String text = "العيادة مغلقة يوم الخميس <للصيانة> & تفتح السبت";

        long id = rig.broadcast(text);
        rig.awaitDone(id, Duration.ofSeconds(20));

        assertThat(rig.deliveredToSubscribers()).hasSize(11).allSatisfy(call -> {
            assertThat(call.visibleText()).isEqualTo(RLM + text);
            assertThat(call.params()).containsEntry("parse_mode", "HTML");
        });
        assertThat(telegram.messagesPerChat()).doesNotContainKey(chats.get(3));
        assertThat(telegram.duplicates()).isZero();
        assertThat(telegram.rejections()).isEmpty();
        assertThat(rig.deliveries(id, "SENT")).isEqualTo(11);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theStaffMemberGetsAFinalReportWithTheCounts(Database db) {
        SenderRig rig = rig(db);
        List<Long> chats = rig.subscribe(5);
        telegram.blockChat(chats.get(0));
        rig.startSender(SenderRig.settings());

        long id = rig.broadcast("تذكير: موعد المتابعة بعد أسبوعين من الحقن");
        rig.awaitDone(id, Duration.ofSeconds(20));

        await().atMost(5, TimeUnit.SECONDS).until(() -> !rig.staffMessages().isEmpty());
        String report = rig.staffMessages().get(rig.staffMessages().size() - 1).text();
        assertThat(report).startsWith(RLM).contains("انتهى البث رقم " + id).contains("وصل إلى: 4 من 5")
                .contains("حظروا البوت (أُلغي اشتراكهم): 1").contains("تعذّر الإرسال: 0");
    }

    @Test
    void progressReachesTheStaffChatWhileABroadcastIsSending() {
        SenderRig rig = rig(H2);
        rig.subscribe(12);
        rig.startSender(SenderRig.settings().rate(4).progressInterval(Duration.ofSeconds(1)));

        long id = rig.broadcast("رسالة طويلة الإرسال");

        await().atMost(10, TimeUnit.SECONDS).until(() -> rig.staffMessages().stream()
                .anyMatch(call -> call.text().contains("حتى الآن")));
        assertThat(rig.status(id)).isEqualTo("SENDING");
        rig.awaitDone(id, Duration.ofSeconds(20));
    }

    @Test
    void staysUnderTheGlobalRate() {
        SenderRig rig = rig(H2);
        rig.subscribe(30);
        // one above the configured rate: arrival times jitter by a few milliseconds around the paced slots
        telegram.enforceRates(11, 1, 5);
        rig.startSender(SenderRig.settings().rate(10));

        long started = System.nanoTime();
        long id = rig.broadcast("إرسال بمعدل محدد");
        rig.awaitDone(id, Duration.ofSeconds(30));

        List<FakeBotApi.Call> delivered = rig.deliveredToSubscribers();
        assertThat(delivered).hasSize(30);
        assertThat(telegram.tooManyRequestsSent()).isZero();
        assertThat(maxInAnyWindow(delivered, Duration.ofSeconds(1))).isLessThanOrEqualTo(11);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(2_800));
    }

    @Test
    void sendsAtMostOneMessageASecondToAChat() {
        SenderRig rig = rig(H2);
        List<Long> chats = rig.subscribe(3);
        telegram.enforceRates(30, 1, 5);
        rig.startSender(SenderRig.settings());

        long first = rig.broadcast("الرسالة الأولى");
        long second = rig.broadcast("الرسالة الثانية");
        rig.awaitDone(first, Duration.ofSeconds(20));
        rig.awaitDone(second, Duration.ofSeconds(20));

        assertThat(telegram.tooManyRequestsSent()).isZero();
        for (long chat : chats) {
            List<FakeBotApi.Call> toChat = telegram.delivered("sendMessage", chat);
            assertThat(toChat).hasSize(2);
            assertThat(toChat.get(1).atNanos() - toChat.get(0).atNanos()).isGreaterThanOrEqualTo(
                    TimeUnit.MILLISECONDS.toNanos(1_000));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void a429PausesTheWholeSenderForRetryAfterAndResendsTheSameMessage(Database db) {
        SenderRig rig = rig(db);
        rig.subscribe(10);
        telegram.throttleNext("sendMessage", 1, 2);
        rig.startSender(SenderRig.settings());

        long id = rig.broadcast("رسالة بعد التمهل");
        rig.awaitDone(id, Duration.ofSeconds(30));

        assertThat(telegram.tooManyRequestsSent()).as("no burst of 429s: the sender stops at the first").isOne();
        List<FakeBotApi.Call> calls = telegram.calls("sendMessage").stream()
                .filter(call -> call.chatId() >= SenderRig.FIRST_CHAT).toList();
        // the fake records a call when it answers it: the one it throttled is found by its status, and the next one
        // is the first to arrive after it
        FakeBotApi.Call throttled = calls.stream().filter(call -> call.status() == 429).findFirst().orElseThrow();
        FakeBotApi.Call next = calls.stream().filter(call -> call.atNanos() > throttled.atNanos())
                .min(Comparator.comparingLong(FakeBotApi.Call::atNanos)).orElseThrow();
        assertThat(next.atNanos() - throttled.atNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(1_900));
        assertThat(telegram.delivered("sendMessage", throttled.chatId())).hasSize(1);
        assertThat(rig.deliveredToSubscribers()).hasSize(10);
        assertThat(telegram.duplicates()).isZero();
    }

    @Test
    void aParentWhoBlockedTheBotIsUnsubscribed() {
        SenderRig rig = rig(H2);
        List<Long> chats = rig.subscribe(4);
        telegram.blockChat(chats.get(2));
        rig.startSender(SenderRig.settings());

        long id = rig.broadcast("رسالة");
        rig.awaitDone(id, Duration.ofSeconds(20));

        assertThat(rig.subscribers.isSubscribed(chats.get(2))).isFalse();
        assertThat(rig.subscribers.activeCount()).isEqualTo(3);
        assertThat(rig.deliveries(id, "BLOCKED")).isOne();
        assertThat(rig.deliveries(id, "SENT")).isEqualTo(3);

        long next = rig.broadcast("الرسالة التالية");
        rig.awaitDone(next, Duration.ofSeconds(20));
        assertThat(telegram.calls("sendMessage").stream().filter(call -> call.chatId() == chats.get(2))).hasSize(1);
    }

    @Test
    void serverErrorsAreRetriedABoundedNumberOfTimesThenTheMessageFails() {
        SenderRig rig = rig(H2);
        List<Long> chats = rig.subscribe(1);
        telegram.failNext("sendMessage", 100, 500);
        rig.startSender(SenderRig.settings().maxAttempts(3));

        long id = rig.broadcast("رسالة لن تصل");
        rig.awaitDone(id, Duration.ofSeconds(20));

        assertThat(telegram.calls("sendMessage").stream().filter(call -> call.chatId() == chats.get(0))).hasSize(3);
        assertThat(rig.deliveries(id, "FAILED")).isOne();
        assertThat(rig.db.jdbc().sql("SELECT attempts FROM delivery WHERE broadcast_id = ?").param(id)
                .query(Integer.class).single()).isEqualTo(3);
    }

    @Test
    void aPassingServerErrorCostsOneRetryNotTheMessage() {
        SenderRig rig = rig(H2);
        rig.subscribe(3);
        telegram.failNext("sendMessage", 1, 502);
        rig.startSender(SenderRig.settings());

        long id = rig.broadcast("رسالة");
        rig.awaitDone(id, Duration.ofSeconds(20));

        assertThat(rig.deliveredToSubscribers()).hasSize(3);
        assertThat(rig.deliveries(id, "SENT")).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSenderThatCrashesMidwayIsResumedByTheNextWithNoDuplicateAndNoGap(Database db) {
        SenderRig rig = rig(db);
        rig.subscribe(40);
        OutboxSender first = rig.startSender(SenderRig.settings().rate(20).inFlightLease(Duration.ofSeconds(2)));

        long id = rig.broadcast("رسالة تصل مرة واحدة");
        await().atMost(10, TimeUnit.SECONDS).until(() -> rig.deliveredToSubscribers().size() >= 15);
        first.halt();
        assertThat(rig.deliveredToSubscribers().size()).isLessThan(40);
        assertThat(rig.status(id)).isEqualTo("SENDING");

        rig.startSender(SenderRig.settings().rate(20).inFlightLease(Duration.ofSeconds(2)));
        rig.awaitDone(id, Duration.ofSeconds(30));

        Map<Long, Long> perChat = telegram.messagesPerChat();
        perChat.remove(SenderRig.STAFF_CHAT);
        assertThat(perChat.values()).as("no duplicate").allMatch(count -> count == 1);
        assertThat(telegram.duplicates()).isZero();
        // A halted sender's calls under way still complete at the fake (as on a real crash, the request was out):
        // those rows are in doubt, skipped, and the parent did get the message, so nobody is missed.
        List<Long> inDoubt = rig.db.jdbc().sql("SELECT chat_id FROM delivery WHERE status = 'IN_DOUBT'")
                .query(Long.class).list();
        rig.subscribers().forEach(chat -> {
            if (!perChat.containsKey(chat)) {
                assertThat(inDoubt).as("no gap: only a message in doubt may be missing").contains(chat);
            }
        });
        assertThat(rig.deliveries(id, "SENT") + rig.deliveries(id, "IN_DOUBT")).isEqualTo(40);
        assertThat(rig.deliveries(id, "IN_DOUBT")).as("at most the calls under way").isLessThanOrEqualTo(8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void messagesClaimedByADeadSenderButNotYetSentAreSentOnceAndAreNotInDoubt(Database db) {
        SenderRig rig = rig(db);
        List<Long> chats = rig.subscribe(4);
        long id = rig.broadcast("رسالة محجوزة");
        // What a kill -9 leaves for rows it had claimed but not yet handed to Telegram:
        rig.db.jdbc().sql("UPDATE delivery SET status = 'CLAIMED', claimed_by = 'dead#1', claimed_until = ? "
                        + "WHERE chat_id IN (?, ?)")
                .params(BroadcastReports.at(java.time.Instant.now().minusSeconds(1)), chats.get(0), chats.get(1))
                .update();

        rig.startSender(SenderRig.settings());
        rig.awaitDone(id, Duration.ofSeconds(20));

        for (long chat : chats) {
            assertThat(telegram.delivered("sendMessage", chat)).hasSize(1);
        }
        assertThat(rig.db.jdbc().sql("SELECT COUNT(*) FROM delivery WHERE in_doubt").query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withSkipAMessageOnTheWireWhenTheSenderDiedIsNeverSentTwice(Database db) {
        SenderRig rig = rig(db);
        List<Long> chats = rig.subscribe(3);
        Duration lease = Duration.ofSeconds(1);
        telegram.delayNext("sendMessage", 1, Duration.ofSeconds(2));
        OutboxSender first = rig.startSender(SenderRig.settings().inDoubt(InDoubt.SKIP).inFlightLease(lease));

        long id = rig.broadcast("رسالة في الطريق");
        await().atMost(5, TimeUnit.SECONDS).until(() -> rig.deliveries(id, "IN_FLIGHT") == 1);
        first.halt();
        rig.startSender(SenderRig.settings().inDoubt(InDoubt.SKIP).inFlightLease(lease));
        rig.awaitDone(id, Duration.ofSeconds(20));

        await().atMost(5, TimeUnit.SECONDS).until(() -> rig.deliveredToSubscribers().size() >= 3);
        assertThat(telegram.duplicates()).isZero();
        for (long chat : chats) {
            assertThat(telegram.delivered("sendMessage", chat)).hasSize(1);
        }
        assertThat(rig.deliveries(id, "IN_DOUBT")).isOne();
        await().atMost(5, TimeUnit.SECONDS).until(() -> !rig.staffMessages().isEmpty());
        assertThat(rig.staffMessages().get(0).text()).contains("غير مؤكد بسبب انقطاع أثناء الإرسال: 1");
    }

    @Test
    void theReportOffersToResendToTheParentsInDoubtAndOnlyTheBroadcastsAuthorMay() {
        SenderRig rig = rig(H2);
        List<Long> chats = rig.subscribe(3);
        long id = rig.broadcast("رسالة لم يُعرف مصيرها");
        // a message Telegram had when its sender died, set aside as in doubt (SANAD_BROADCAST_INDOUBT=skip)
        rig.db.jdbc().sql("UPDATE delivery SET status = 'IN_DOUBT', in_doubt = TRUE, claimed_by = 'dead#1' "
                + "WHERE chat_id = ?").param(chats.get(1)).update();
        rig.startSender(SenderRig.settings());
        rig.awaitDone(id, Duration.ofSeconds(20));
        await().atMost(5, TimeUnit.SECONDS).until(() -> !rig.staffMessages().isEmpty());
        assertThat(rig.staffMessages().get(0).callbackData()).containsExactly("b:r:" + id);
        assertThat(telegram.delivered("sendMessage", chats.get(1))).isEmpty();

        assertThat(rig.broadcasts.resendInDoubt(id, SenderRig.STAFF + 1).outcome())
                .isEqualTo(BroadcastStore.Outcome.NOT_YOURS);
        BroadcastStore.Resend resend = rig.broadcasts.resendInDoubt(id, SenderRig.STAFF);
        assertThat(resend.messages()).isOne();
        await().atMost(10, TimeUnit.SECONDS).until(() -> telegram.delivered("sendMessage", chats.get(1)).size() == 1);
        await().atMost(10, TimeUnit.SECONDS).until(() -> rig.staffMessages().size() == 2);
        assertThat(rig.staffMessages().get(1).text()).contains("وصل إلى: 3 من 3")
                .contains("غير مؤكد بسبب انقطاع أثناء الإرسال: 0");
        assertThat(rig.staffMessages().get(1).callbackData()).isEmpty();
        assertThat(rig.broadcasts.resendInDoubt(id, SenderRig.STAFF).messages()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void withResendAMessageLeftInFlightByADeadSenderIsSentAgain(Database db) {
        SenderRig rig = rig(db);
        List<Long> chats = rig.subscribe(3);
        long id = rig.broadcast("رسالة لم يُعرف مصيرها");
        // What a kill -9 between "in flight" and Telegram's answer leaves behind, with the lease long gone:
        rig.db.jdbc().sql("UPDATE delivery SET status = 'IN_FLIGHT', claimed_by = 'dead#1', claimed_until = ? "
                        + "WHERE chat_id = ?")
                .params(BroadcastReports.at(java.time.Instant.now().minusSeconds(120)), chats.get(1))
                .update();

        rig.startSender(SenderRig.settings().inDoubt(InDoubt.RESEND));
        rig.awaitDone(id, Duration.ofSeconds(20));

        assertThat(telegram.delivered("sendMessage", chats.get(1))).hasSize(1);
        assertThat(rig.deliveries(id, "SENT")).isEqualTo(3);
        await().atMost(5, TimeUnit.SECONDS).until(() -> !rig.staffMessages().isEmpty());
        assertThat(rig.staffMessages().get(0).text()).contains("غير مؤكد بسبب انقطاع أثناء الإرسال: 1");
    }

    @Test
    void twoInstancesOnOnePostgresqlShareTheWorkAndTheRateAndNeverSendADeliveryTwice() {
        SenderRig rig = rig(POSTGRES);
        rig.subscribe(60);
        telegram.enforceRates(25, 1, 5);
        OutboxSender one = rig.startSender(SenderRig.settings().rate(20));
        OutboxSender two = rig.startSender(SenderRig.settings().rate(20));

        long id = rig.broadcast("رسالة من نسختين");
        rig.awaitDone(id, Duration.ofSeconds(30));

        Map<Long, Long> perChat = telegram.messagesPerChat();
        perChat.remove(SenderRig.STAFF_CHAT);
        assertThat(perChat).hasSize(60);
        assertThat(perChat.values()).allMatch(count -> count == 1);
        assertThat(telegram.duplicates()).isZero();
        assertThat(telegram.tooManyRequestsSent()).as("the two share one rate").isZero();
        assertThat(one.statistics().sent.get()).isPositive();
        assertThat(two.statistics().sent.get()).isPositive();
        // the report follows the last delivery; give a second instance time to (wrongly) send one too
        await().atMost(5, TimeUnit.SECONDS).until(() -> !rig.staffMessages().isEmpty());
        await().during(1, TimeUnit.SECONDS).atMost(3, TimeUnit.SECONDS).until(() -> rig.staffMessages().size() == 1);
        assertThat(rig.staffMessages()).as("one final report, not one per instance").hasSize(1);
    }

    @Test
    void cancellingStopsWhatHasNotBeenSent() {
        SenderRig rig = rig(H2);
        rig.subscribe(20);
        rig.startSender(SenderRig.settings().rate(5));

        long id = rig.broadcast("رسالة ستلغى");
        await().atMost(5, TimeUnit.SECONDS).until(() -> rig.deliveredToSubscribers().size() >= 2);
        rig.broadcasts.cancel(id, SenderRig.STAFF);
        int atCancel = rig.deliveredToSubscribers().size();

        await().pollDelay(Duration.ofSeconds(2)).atMost(3, TimeUnit.SECONDS).until(() -> true);
        assertThat(rig.deliveredToSubscribers().size()).isLessThanOrEqualTo(atCancel + 8).isLessThan(20);
        assertThat(rig.status(id)).isEqualTo("CANCELLED");
    }

    private static int maxInAnyWindow(List<FakeBotApi.Call> calls, Duration window) {
        int max = 0;
        for (int i = 0, j = 0; i < calls.size(); i++) {
            while (calls.get(i).atNanos() - calls.get(j).atNanos() >= window.toNanos()) {
                j++;
            }
            max = Math.max(max, i - j + 1);
        }
        return max;
    }
}
