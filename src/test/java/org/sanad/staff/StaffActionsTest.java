package org.sanad.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.audit.AuditLog;
import org.sanad.audit.AuditProperties;
import org.sanad.audit.UsageCounters;
import org.sanad.audit.UsageCounters.Counter;
import org.sanad.broadcast.BroadcastStore;
import org.sanad.broadcast.BroadcastStore.Outcome;
import org.sanad.broadcast.Subscribers;
import org.sanad.broadcast.TestBroadcasts;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/**
 * The staff actions behind every channel, on H2 and PostgreSQL: each needs its role, and each attempt, refused or
 * not, is in the audit log once, without the text of any message.
 */
class StaffActionsTest {

    private static final Actor STAFF = new Actor("telegram:501", Role.STAFF, 501);
    private static final Actor OTHER_STAFF = new Actor("telegram:502", Role.STAFF, 502);
    private static final Actor ADMIN = new Actor("telegram:601", Role.ADMIN, 601);
    private static final Actor PARENT = new Actor("telegram:777", Role.EVERYONE, 777);
    private static final long STAFF_CHAT = 9501;

    private static final List<Database> DATABASES = TestDatabases.both();

    static List<Database> databases() {
        return DATABASES;
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(Database::drop);
    }

    private record Desk(StaffBroadcasts broadcasts, StatsService stats, AuditLog audit, UsageCounters usage,
            Subscribers subscribers, Database db) {
    }

    private static Desk desk(Database db) {
        db.clean();
        AuditLog audit = new AuditLog(db.jdbc());
        StaffGate gate = new StaffGate(audit);
        BroadcastStore store = TestBroadcasts.store(db);
        UsageCounters usage = new UsageCounters(db.jdbc(), new AuditProperties(false));
        return new Desk(new StaffBroadcasts(store, gate), new StatsService(store, usage, gate), audit, usage,
                new Subscribers(db.jdbc()), db);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aParentCannotDraftABroadcastAndTheRefusalIsAuditedOnce(Database db) {
        Desk desk = desk(db);
        desk.subscribers().subscribe(1);

        assertThatThrownBy(() -> desk.broadcasts().draft(PARENT, PARENT.telegramUserId(), "رسالة للجميع"))
                .isInstanceOfSatisfying(NotPermittedException.class,
                        e -> assertThat(e.required()).isEqualTo(Role.STAFF));

        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM broadcast").query(Long.class).single()).isZero();
        assertThat(desk.audit().recent(5)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("telegram:777");
            assertThat(entry.action()).isEqualTo("broadcast.draft");
            assertThat(entry.outcome()).isEqualTo("refused");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void draftSendAndCancelAreAuditedWithoutTheText(Database db) {
        Desk desk = desk(db);
        desk.subscribers().subscribe(1);
        String text = "نص خاص لا يدخل سجل التدقيق";

        StaffBroadcasts.Drafted draft = desk.broadcasts().draft(STAFF, STAFF_CHAT, text);
        assertThat(desk.broadcasts().send(STAFF, draft.id())).isEqualTo(Outcome.STARTED);
        assertThat(desk.broadcasts().cancel(STAFF, draft.id())).isEqualTo(Outcome.CANCELLED);

        assertThat(draft.status()).isEqualTo(StaffBroadcasts.Drafted.Status.DRAFTED);
        assertThat(draft.recipients()).isOne();
        assertThat(desk.audit().recent(10)).extracting(AuditLog.Entry::action)
                .containsExactly("broadcast.cancel", "broadcast.send", "broadcast.draft");
        assertThat(desk.audit().recent(10)).extracting(AuditLog.Entry::outcome)
                .containsExactly("cancelled", "started", "ok");
        assertThat(desk.audit().recent(10)).allSatisfy(entry -> {
            assertThat(entry.actor()).isEqualTo("telegram:501");
            assertThat(entry.detail()).doesNotContain(text);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBlankOrOverlongTextIsNoDraftAndSaysWhy(Database db) {
        Desk desk = desk(db);

        assertThat(desk.broadcasts().draft(STAFF, STAFF_CHAT, " ").status())
                .isEqualTo(StaffBroadcasts.Drafted.Status.EMPTY);
        assertThat(desk.broadcasts().draft(STAFF, STAFF_CHAT, "ب".repeat(StaffBroadcasts.MAX_TEXT_LENGTH + 1))
                .status()).isEqualTo(StaffBroadcasts.Drafted.Status.TOO_LONG);

        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM broadcast").query(Long.class).single()).isZero();
        assertThat(desk.audit().recent(5)).extracting(AuditLog.Entry::outcome).containsExactly("too-long", "empty");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void onlyTheStaffMemberWhoDraftedABroadcastMaySendItAndTheAttemptIsAudited(Database db) {
        Desk desk = desk(db);
        long id = desk.broadcasts().draft(STAFF, STAFF_CHAT, "تذكير بموعد المتابعة").id();

        assertThat(desk.broadcasts().send(OTHER_STAFF, id)).isEqualTo(Outcome.NOT_YOURS);
        assertThatThrownBy(() -> desk.broadcasts().cancel(PARENT, id)).isInstanceOf(NotPermittedException.class);

        assertThat(desk.audit().recent(2)).extracting(entry -> entry.actor() + " " + entry.action() + " "
                + entry.outcome()).containsExactly("telegram:777 broadcast.cancel refused",
                "telegram:502 broadcast.send not_yours");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void statsAreForAdminsAndCountEveryChannelsQuestions(Database db) {
        Desk desk = desk(db);
        desk.subscribers().subscribe(1);
        desk.usage().question("متى يبدأ مفعول البوتوكس؟", true, false, false);

        assertThatThrownBy(() -> desk.stats().stats(STAFF)).isInstanceOf(NotPermittedException.class);
        StatsService.Stats stats = desk.stats().stats(ADMIN);

        assertThat(stats.broadcasts().activeSubscribers()).isOne();
        assertThat(stats.usage()).hasSize(Counter.values().length).containsEntry(Counter.QUESTIONS, 1L)
                .containsEntry(Counter.ANSWERED, 1L);
        assertThat(desk.audit().recent(2)).extracting(AuditLog.Entry::outcome).containsExactly("ok", "refused");
    }
}
