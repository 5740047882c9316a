package org.sanad.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.broadcast.BroadcastStore.InvalidTextException;
import org.sanad.broadcast.BroadcastStore.Outcome;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Subscriptions and broadcast drafts as stored, on the embedded H2 and on PostgreSQL alike. */
class BroadcastStoreTest {

    private static final long STAFF = 501;
    private static final long STAFF_CHAT = 9501;
    private static final long OTHER_STAFF = 502;

    private static final List<Database> DATABASES = TestDatabases.both();

    static List<Database> databases() {
        return DATABASES;
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(Database::drop);
    }

    private final AtomicInteger wakeUps = new AtomicInteger();

    private record Store(Subscribers subscribers, BroadcastStore broadcasts, Database db) {
    }

    private Store store(Database db) {
        db.clean();
        var jdbc = db.jdbc();
        var subscribers = new Subscribers(jdbc);
        var transactions = new TransactionTemplate(new DataSourceTransactionManager(db.dataSource()));
        return new Store(subscribers, new BroadcastStore(jdbc, transactions, subscribers, wakeUps::incrementAndGet), db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void subscribingTwiceKeepsOneActiveSubscription(Database db) {
        Subscribers subscribers = store(db).subscribers();

        assertThat(subscribers.subscribe(1)).isTrue();
        assertThat(subscribers.subscribe(1)).isFalse();

        assertThat(subscribers.isSubscribed(1)).isTrue();
        assertThat(subscribers.activeCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unsubscribingStopsAndSubscribingAgainResumes(Database db) {
        Subscribers subscribers = store(db).subscribers();
        subscribers.subscribe(1);

        assertThat(subscribers.unsubscribe(1)).isTrue();
        assertThat(subscribers.unsubscribe(1)).isFalse();
        assertThat(subscribers.isSubscribed(1)).isFalse();
        assertThat(subscribers.unsubscribe(2)).as("never subscribed").isFalse();

        assertThat(subscribers.subscribe(1)).isTrue();
        assertThat(subscribers.isSubscribed(1)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChatThatBlockedTheBotIsNoLongerActive(Database db) {
        Subscribers subscribers = store(db).subscribers();
        subscribers.subscribe(1);
        subscribers.subscribe(2);

        subscribers.blocked(1);

        assertThat(subscribers.isSubscribed(1)).isFalse();
        assertThat(subscribers.activeCount()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void forgettingAChatDeletesItsSubscriptionAndDeliveries(Database db) {
        Store store = store(db);
        store.subscribers().subscribe(1);
        store.subscribers().subscribe(2);
        long id = store.broadcasts().draft(STAFF, STAFF_CHAT, "العيادة مغلقة يوم الخميس").id();
        store.broadcasts().send(id, STAFF);

        store.subscribers().forget(1);

        var jdbc = db.jdbc();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE chat_id = 1").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE chat_id = 1").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE chat_id = 2").query(Long.class).single()).isOne();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sendingCreatesOneDeliveryPerActiveSubscriberOnlyOnce(Database db) {
        Store store = store(db);
        for (long chat = 1; chat <= 5; chat++) {
            store.subscribers().subscribe(chat);
        }
        store.subscribers().unsubscribe(4);
        store.subscribers().blocked(5);
        BroadcastStore.Draft draft = store.broadcasts().draft(STAFF, STAFF_CHAT, "ابدأ العلاج الطبيعي بعد الحقن بيوم");

        assertThat(draft.recipients()).isEqualTo(3);
        assertThat(store.broadcasts().send(draft.id(), STAFF)).isEqualTo(Outcome.STARTED);
        assertThat(store.broadcasts().send(draft.id(), STAFF)).isEqualTo(Outcome.ALREADY_STARTED);

        assertThat(db.jdbc().sql("SELECT chat_id FROM delivery WHERE broadcast_id = ? ORDER BY chat_id")
                .param(draft.id()).query(Long.class).list()).containsExactly(1L, 2L, 3L);
        assertThat(wakeUps).hasValue(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyTheStaffMemberWhoDraftedItMaySendOrCancelIt(Database db) {
        Store store = store(db);
        long id = store.broadcasts().draft(STAFF, STAFF_CHAT, "تذكير بموعد المتابعة").id();

        assertThat(store.broadcasts().send(id, OTHER_STAFF)).isEqualTo(Outcome.NOT_YOURS);
        assertThat(store.broadcasts().cancel(id, OTHER_STAFF)).isEqualTo(Outcome.NOT_YOURS);
        assertThat(store.broadcasts().send(id + 1000, STAFF)).isEqualTo(Outcome.NOT_FOUND);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBlankOrOverlongTextIsNoBroadcast(Database db) {
        Store store = store(db);

        assertThatThrownBy(() -> store.broadcasts().draft(STAFF, STAFF_CHAT, "  "))
                .isInstanceOfSatisfying(InvalidTextException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTextException.Reason.EMPTY));
        assertThatThrownBy(() -> store.broadcasts().draft(STAFF, STAFF_CHAT, "ب".repeat(BroadcastStore.MAX_TEXT_LENGTH + 1)))
                .isInstanceOfSatisfying(InvalidTextException.class,
                        e -> assertThat(e.reason()).isEqualTo(InvalidTextException.Reason.TOO_LONG));
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM broadcast").query(Long.class).single()).isZero();
        assertThat(store.broadcasts().draft(STAFF, STAFF_CHAT, "ب".repeat(BroadcastStore.MAX_TEXT_LENGTH)).id())
                .isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCancelledDraftCannotBeSent(Database db) {
        Store store = store(db);
        store.subscribers().subscribe(1);
        long id = store.broadcasts().draft(STAFF, STAFF_CHAT, "إلغاء").id();

        assertThat(store.broadcasts().cancel(id, STAFF)).isEqualTo(Outcome.CANCELLED);
        assertThat(store.broadcasts().send(id, STAFF)).isEqualTo(Outcome.CANCELLED);

        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM delivery").query(Long.class).single()).isZero();
        assertThat(wakeUps).hasValue(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void cancellingWhileSendingStopsWhatIsNotYetSent(Database db) {
        Store store = store(db);
        store.subscribers().subscribe(1);
        store.subscribers().subscribe(2);
        long id = store.broadcasts().draft(STAFF, STAFF_CHAT, "إلغاء أثناء الإرسال").id();
        store.broadcasts().send(id, STAFF);
        db.jdbc().sql("UPDATE delivery SET status = 'SENT' WHERE chat_id = 1").update();

        assertThat(store.broadcasts().cancel(id, STAFF)).isEqualTo(Outcome.CANCELLED);

        assertThat(db.jdbc().sql("SELECT status FROM delivery ORDER BY chat_id").query(String.class).list())
                .containsExactly("SENT", "CANCELLED");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statsCountSubscribersBroadcastsAndOutcomes(Database db) {
        Store store = store(db);
        for (long chat = 1; chat <= 4; chat++) {
            store.subscribers().subscribe(chat);
        }
        long id = store.broadcasts().draft(STAFF, STAFF_CHAT, "إحصاءات").id();
        store.broadcasts().draft(STAFF, STAFF_CHAT, "مسودة لم ترسل");
        store.broadcasts().send(id, STAFF);
        var jdbc = db.jdbc();
        jdbc.sql("UPDATE delivery SET status = 'SENT' WHERE chat_id IN (1, 2)").update();
        jdbc.sql("UPDATE delivery SET status = 'BLOCKED' WHERE chat_id = 3").update();
        jdbc.sql("UPDATE delivery SET status = 'FAILED' WHERE chat_id = 4").update();

        BroadcastStore.Stats stats = store.broadcasts().stats();

        assertThat(stats.activeSubscribers()).isEqualTo(4);
        assertThat(stats.broadcasts()).isEqualTo(1);
        assertThat(stats.delivered()).isEqualTo(2);
        assertThat(stats.blocked()).isEqualTo(1);
        assertThat(stats.failed()).isEqualTo(1);
    }
}
