package org.sanad.telegram;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.verify;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;
import org.sanad.ask.AnswerService;
import org.sanad.staff.Roles;
import org.sanad.staff.RolesProperties;
import org.sanad.storage.Replicas;
import org.sanad.storage.StorageProperties;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;

/**
 * The inbox every Telegram update passes through, on H2 and on PostgreSQL, with two "replicas" (two inboxes with
 * replica ids of their own) on one database.
 */
class TelegramInboxTest {

    private static final List<Database> DATABASES = TestDatabases.both();

    static List<Database> databases() {
        return DATABASES;
    }

    @AfterAll
    static void drop() {
        DATABASES.forEach(Database::drop);
    }

    private static StorageProperties storage() {
        return new StorageProperties(Duration.ofMillis(200), Duration.ofMillis(600), Duration.ofSeconds(1));
    }

    private final List<Replicas> replicas = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopReplicas() {
        replicas.forEach(Replicas::destroy);
    }

    private Replicas replica(Database db) {
        Replicas replica = new Replicas(db.jdbc(), storage());
        replica.afterPropertiesSet();
        replicas.add(replica);
        return replica;
    }

    private static TelegramInbox inbox(Database db, Replicas replica) {
        db.jdbc().sql("DELETE FROM telegram_inbox").update();
        return new TelegramInbox(db.dataSource(), new TransactionTemplate(new DataSourceTransactionManager(
                db.dataSource())), replica);
    }

    private static TelegramInbox.Entry entry(long updateId, long chat, boolean urgent) {
        return new TelegramInbox.Entry(updateId, chat, chat, urgent, "{\"update_id\": " + updateId + "}");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void storesAnUpdateOnceHoweverOftenTelegramSendsIt(Database db) {
        TelegramInbox inbox = inbox(db, replica(db));

        inbox.store(List.of(entry(1, 10, false), entry(2, 10, false)));
        inbox.store(List.of(entry(2, 10, false), entry(3, 11, false)));
        inbox.store(List.of(entry(3, 11, false)));

        assertThat(inbox.unfinished()).isEqualTo(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void handsOutAChatsUpdatesOneAtATimeInOrderAcrossReplicas(Database db) {
        TelegramInbox first = inbox(db, replica(db));
        TelegramInbox second = new TelegramInbox(db.dataSource(),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), replica(db));
        first.store(List.of(entry(1, 10, false), entry(2, 10, false), entry(3, 10, false), entry(4, 20, false)));

        TelegramInbox.Claimed a = first.claim(false).orElseThrow();
        TelegramInbox.Claimed b = second.claim(false).orElseThrow();

        assertThat(List.of(a.updateId(), b.updateId())).containsExactly(1L, 4L);
        assertThat(second.claim(false)).as("chat 10 is being answered; chat 20 too").isEmpty();
        first.done(a, FloodLimit.Verdict.ALLOW);
        assertThat(second.claim(false).map(TelegramInbox.Claimed::updateId)).contains(2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aChatWithADangerSignGoesBeforeOthersAndHasAWorkerOfItsOwn(Database db) {
        TelegramInbox inbox = inbox(db, replica(db));
        List<TelegramInbox.Entry> entries = new ArrayList<>();
        for (int chat = 1; chat <= 50; chat++) {
            entries.add(entry(chat, chat, false));
        }
        entries.add(entry(51, 99, true));
        inbox.store(entries);

        assertThat(inbox.claim(true).map(TelegramInbox.Claimed::chatId)).contains(99L);
        assertThat(inbox.claim(true)).as("the urgent worker takes nothing else").isEmpty();
        assertThat(inbox.claim(false).map(TelegramInbox.Claimed::chatId)).contains(1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aLongMessageTriagedAfterItArrivedStillGoesFirstOnceFoundUrgent(Database db) {
        TelegramInbox inbox = inbox(db, replica(db));
        inbox.store(List.of(entry(1, 10, false), entry(2, 20, false)));

        inbox.markUrgent(2);

        assertThat(inbox.claim(true).map(TelegramInbox.Claimed::updateId)).contains(2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theClaimsOfAReplicaThatDiedGoBackToTheQueueNotThoseOfALiveOne(Database db) throws Exception {
        Replicas dying = replica(db);
        TelegramInbox dead = inbox(db, dying);
        TelegramInbox alive = new TelegramInbox(db.dataSource(),
                new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), replica(db));
        dead.store(List.of(entry(1, 10, false), entry(2, 20, false)));
        dead.claim(false).orElseThrow();
        alive.claim(false).orElseThrow();

        assertThat(alive.recover(Duration.ofMinutes(10))).isZero();
        stopHeartbeatWithoutGoodbye(dying);
        Thread.sleep(800);

        assertThat(alive.recover(Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(alive.claim(false).map(TelegramInbox.Claimed::updateId)).contains(1L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFloodLimitCountsAChatsAllowedUpdatesOnEveryReplica(Database db) {
        TelegramInbox inbox = inbox(db, replica(db));
        List<FloodLimit.Verdict> verdicts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            inbox.store(List.of(entry(i, 10, false)));
            TelegramInbox.Claimed claimed = inbox.claim(false).orElseThrow();
            FloodLimit.Verdict verdict = inbox.flood(claimed, 3, Duration.ofMinutes(1));
            verdicts.add(verdict);
            inbox.done(claimed, verdict);
        }

        assertThat(verdicts).containsExactly(FloodLimit.Verdict.ALLOW, FloodLimit.Verdict.ALLOW,
                FloodLimit.Verdict.ALLOW, FloodLimit.Verdict.WARN, FloodLimit.Verdict.IGNORE,
                FloodLimit.Verdict.IGNORE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFullQueueMeansAnImmediateBusyReplyNotAWait(Database db) throws Exception {
        TelegramInbox inbox = inbox(db, replica(db));
        TelegramSender sender = mock(TelegramSender.class);
        TelegramTexts texts = new TelegramTexts(messageSource());
        UpdateDispatcher dispatcher = new UpdateDispatcher(mock(UpdateHandler.class), sender, new BotIdentity(),
                new AnswerMessages(texts, new ButtonMemory()), texts,
                new Roles(new RolesProperties(List.of(), List.of(), "")), inbox, mock(AnswerService.class),
                properties(2), mock(org.sanad.handoff.Handoff.class));
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<org.telegram.telegrambots.meta.api.objects.Update> updates = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            updates.add(json.readValue("""
                    {"update_id": %d, "message": {"message_id": 1, "date": 1700000000, "text": "متى؟",
                     "chat": {"id": %d, "type": "private"}, "from": {"id": %d, "is_bot": false, "first_name": "P"}}}
                    """.formatted(i, i, i), org.telegram.telegrambots.meta.api.objects.Update.class));
        }

        long before = System.nanoTime();
        dispatcher.consume(updates);

        assertThat(System.nanoTime() - before).as("no wait for a worker: the handler never ran").isLessThan(Duration.ofSeconds(5).toNanos());
        assertThat(inbox.unfinished()).isEqualTo(2);
        ArgumentCaptor<BotApiMethod<?>> busy = ArgumentCaptor.captor();
        verify(sender, timeout(5000)).sendLater(eq(3L), busy.capture());
        assertThat(((SendMessage) busy.getValue()).getText()).contains("رسائل كثيرة");
    }

    /** A kill -9: the heartbeat stops and the row stays, as if the replica were still somewhere. */
    private static void stopHeartbeatWithoutGoodbye(Replicas replica) throws Exception {
        var heart = Replicas.class.getDeclaredField("heart");
        heart.setAccessible(true);
        ((java.util.concurrent.ExecutorService) heart.get(replica)).shutdownNow();
    }

    private static TelegramProperties properties(int queue) {
        return new TelegramProperties("1:x", URI.create("http://127.0.0.1:9"), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 1, queue, 1, Duration.ZERO, Duration.ofSeconds(1), 100,
                Duration.ofMinutes(1));
    }

    static ResourceBundleMessageSource messageSource() {
        ResourceBundleMessageSource source = new ResourceBundleMessageSource();
        source.setBasename("messages");
        source.setDefaultEncoding("UTF-8");
        source.setFallbackToSystemLocale(false);
        return source;
    }
}
