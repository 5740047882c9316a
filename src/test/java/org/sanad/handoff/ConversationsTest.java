package org.sanad.handoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/** The conversations' routing rows, on both databases: ids and times, one open conversation per parent. */
class ConversationsTest {

    private static final List<Database> DATABASES = TestDatabases.both();
    private static final long STAFF_GROUP = -100_123L;
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");

    static List<Database> databases() {
        return DATABASES;
    }

    @AfterAll
    static void drop() {
        DATABASES.forEach(Database::drop);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aParentHasAtMostOneOpenConversationAndItClosesOnce(Database db) {
        Conversations conversations = new Conversations(db.jdbc());
        long parent = 7_001;

        Conversation first = conversations.open(parent, STAFF_GROUP, "NOT_COVERED", T0).orElseThrow();

        assertThat(conversations.open(parent, STAFF_GROUP, null, T0)).isEmpty();
        assertThat(conversations.openFor(parent)).get().extracting(Conversation::lastOutcome).isEqualTo("NOT_COVERED");
        assertThat(conversations.close(first.id(), Conversations.ClosedBy.STAFF, T0.plusSeconds(60))).isTrue();
        assertThat(conversations.close(first.id(), Conversations.ClosedBy.INACTIVITY, T0.plusSeconds(61))).isFalse();
        assertThat(conversations.openFor(parent)).isEmpty();
        assertThat(conversations.open(parent, STAFF_GROUP, null, T0.plusSeconds(90))).isPresent();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStaffMessageFindsItsConversationByHeaderCopyOrTopic(Database db) {
        Conversations conversations = new Conversations(db.jdbc());
        Conversation one = conversations.open(7_101, STAFF_GROUP, null, T0).orElseThrow();
        Conversation two = conversations.open(7_102, STAFF_GROUP, null, T0).orElseThrow();
        conversations.placed(one.id(), null, 500);
        conversations.placed(two.id(), 42, 501);
        conversations.relayed(one.id(), Conversations.Direction.TO_STAFF, 7_101, 9, STAFF_GROUP, 502L, T0);

        assertThat(conversations.byStaffMessage(STAFF_GROUP, 500)).get().extracting(Conversation::id)
                .isEqualTo(one.id());
        assertThat(conversations.byStaffMessage(STAFF_GROUP, 502)).get().extracting(Conversation::parentChatId)
                .isEqualTo(7_101L);
        assertThat(conversations.parentOriginal(one.id(), STAFF_GROUP, 502)).contains(9L);
        assertThat(conversations.byTopic(STAFF_GROUP, 42)).get().extracting(Conversation::id).isEqualTo(two.id());
        assertThat(conversations.byStaffMessage(STAFF_GROUP, 999)).isEmpty();
        assertThat(conversations.byStaffMessage(-1L, 500)).as("another chat's message 500").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void forgetDeletesTheRoutingAndKeepsOnlyTimesForTheNumbers(Database db) {
        Conversations conversations = new Conversations(db.jdbc());
        long parent = 7_201;
        Conversation open = conversations.open(parent, STAFF_GROUP, null, T0).orElseThrow();
        conversations.placed(open.id(), null, 600);
        conversations.relayed(open.id(), Conversations.Direction.TO_STAFF, parent, 3, STAFF_GROUP, null, T0);
        conversations.relayed(open.id(), Conversations.Direction.TO_PARENT, STAFF_GROUP, 601, parent, 4L,
                T0.plusSeconds(120));
        Handoff.Stats before = conversations.stats();

        assertThat(conversations.forget(parent, T0.plusSeconds(200))).extracting(Conversation::id)
                .containsExactly(open.id());

        assertThat(conversations.openFor(parent)).isEmpty();
        assertThat(conversations.byStaffMessage(STAFF_GROUP, 600)).isEmpty();
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM clinic_relay WHERE conversation_id = ?").param(open.id())
                .query(Long.class).single()).isZero();
        Handoff.Stats after = conversations.stats();
        assertThat(after.opened()).isEqualTo(before.opened());
        assertThat(after.closed()).isEqualTo(before.closed() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsTheMedianWaitForAFirstStaffReplyAndFindsIdleConversations(Database db) {
        db.jdbc().sql("DELETE FROM clinic_conversation").update();
        Conversations conversations = new Conversations(db.jdbc());
        long[] waits = {60, 600, 120};
        for (int i = 0; i < waits.length; i++) {
            Conversation c = conversations.open(7_301 + i, STAFF_GROUP, null, T0).orElseThrow();
            conversations.relayed(c.id(), Conversations.Direction.TO_PARENT, STAFF_GROUP, 700 + i, 7_301 + i, null,
                    T0.plusSeconds(waits[i]));
            // a second reply does not move the first
            conversations.relayed(c.id(), Conversations.Direction.TO_PARENT, STAFF_GROUP, 800 + i, 7_301 + i, null,
                    T0.plusSeconds(5_000));
        }
        conversations.open(7_399, STAFF_GROUP, null, T0.plusSeconds(9_000));

        Handoff.Stats stats = conversations.stats();

        assertThat(stats.opened()).isEqualTo(4);
        assertThat(stats.closed()).isZero();
        assertThat(stats.medianFirstReply()).isEqualTo(Duration.ofSeconds(120));
        assertThat(conversations.idleSince(T0.plusSeconds(6_000))).hasSize(3);
    }
}
