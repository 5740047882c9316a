package org.sanad.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sanad.audit.UsageCounters.Counter;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/** The /stats counters on H2 and PostgreSQL: concurrent counts all add up; question text is kept only on request. */
class UsageCountersTest {

    private static final List<Database> DATABASES = TestDatabases.both();

    static List<Database> databases() {
        return DATABASES;
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(Database::drop);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentCountsAllAddUp(Database db) throws Exception {
        db.clean();
        UsageCounters counters = new UsageCounters(db.jdbc(), new AuditProperties(false));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new java.util.ArrayList<>();
            for (int i = 0; i < 400; i++) {
                done.add(pool.submit(() -> counters.count(Counter.QUESTIONS)));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        counters.count(Counter.FEEDBACK_HELPFUL);

        assertThat(counters.totals())
                .containsEntry(Counter.QUESTIONS, 400L)
                .containsEntry(Counter.FEEDBACK_HELPFUL, 1L)
                .containsEntry(Counter.EMERGENCIES, 0L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCounterMissingFromTheTableIsCreatedOnFirstCount(Database db) {
        db.clean();
        db.jdbc().sql("DELETE FROM usage_counter WHERE name = 'EMERGENCIES'").update();
        UsageCounters counters = new UsageCounters(db.jdbc(), new AuditProperties(false));

        counters.count(Counter.EMERGENCIES);
        counters.count(Counter.EMERGENCIES);

        assertThat(counters.totals()).containsEntry(Counter.EMERGENCIES, 2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aQuestionCountsAsAskedAndAsItWent(Database db) {
        db.clean();
        UsageCounters counters = new UsageCounters(db.jdbc(), new AuditProperties(true));

        counters.question("متى يبدأ مفعول البوتوكس؟", true, false, false);
        counters.question("ابني مش قادر يبلع بعد الحقنة", true, false, true);
        counters.question("السلام عليكم", false, false, false);

        assertThat(counters.totals())
                .containsEntry(Counter.QUESTIONS, 3L)
                .containsEntry(Counter.ANSWERED, 2L)
                .containsEntry(Counter.EMERGENCIES, 1L)
                .containsEntry(Counter.NOT_COVERED, 0L);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM unanswered_question").query(Long.class).single())
                .as("only questions the documents did not cover are kept").isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unansweredQuestionsAreCountedButTheirTextIsNotKeptByDefault(Database db) {
        db.clean();
        UsageCounters counters = new UsageCounters(db.jdbc(), new AuditProperties(false));

        counters.question("هل يمكن السفر بالطائرة بعد الحقن؟", false, true, false);

        assertThat(counters.totals()).containsEntry(Counter.NOT_COVERED, 1L);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM unanswered_question").query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unansweredQuestionTextIsKeptWhenTheClinicTurnsItOn(Database db) {
        db.clean();
        UsageCounters counters = new UsageCounters(db.jdbc(), new AuditProperties(true));

        counters.question("هل يمكن السفر بالطائرة بعد الحقن؟", false, true, false);

        assertThat(db.jdbc().sql("SELECT text FROM unanswered_question").query(String.class).list())
                .containsExactly("هل يمكن السفر بالطائرة بعد الحقن؟");
    }
}
