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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;

/** The /stats counters on H2 and PostgreSQL: concurrent counts all add up; question text is kept only on request. */
class UsageCountersTest {

    private static final List<Database> DATABASES = TestDatabases.both();

    static List<Database> databases() {
        return DATABASES;
    }

    private final List<UsageCounters> made = new java.util.ArrayList<>();

    private UsageCounters counters(JdbcClient jdbc, boolean keepText) {
        UsageCounters counters = new UsageCounters(jdbc, AuditProperties.keepingText(keepText));
        made.add(counters);
        return counters;
    }

    @org.junit.jupiter.api.AfterEach
    void stopFlushing() {
        made.forEach(UsageCounters::destroy);
    }

    @AfterAll
    static void dropDatabases() {
        DATABASES.forEach(Database::drop);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void concurrentCountsAllAddUp(Database db) throws Exception {
        db.clean();
        UsageCounters counters = counters(db.jdbc(), false);
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
        UsageCounters counters = counters(db.jdbc(), false);

        counters.count(Counter.EMERGENCIES);
        counters.count(Counter.EMERGENCIES);

        assertThat(counters.totals()).containsEntry(Counter.EMERGENCIES, 2L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aQuestionCountsAsAskedAndAsItWent(Database db) {
        db.clean();
        UsageCounters counters = counters(db.jdbc(), true);

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
        UsageCounters counters = counters(db.jdbc(), false);

        counters.question("هل يمكن السفر بالطائرة بعد الحقن؟", false, true, false);

        assertThat(counters.totals()).containsEntry(Counter.NOT_COVERED, 1L);
        assertThat(db.jdbc().sql("SELECT COUNT(*) FROM unanswered_question").query(Long.class).single()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void unansweredQuestionTextIsKeptWhenTheClinicTurnsItOn(Database db) {
        db.clean();
        UsageCounters counters = counters(db.jdbc(), true);

        counters.question("هل يمكن السفر بالطائرة بعد الحقن؟", false, true, false);

        assertThat(db.jdbc().sql("SELECT text FROM unanswered_question").query(String.class).list())
                .containsExactly("هل يمكن السفر بالطائرة بعد الحقن؟");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void countsOfSeveralInstancesAddUpInTheDatabaseOnceFlushed(Database db) {
        db.clean();
        UsageCounters one = counters(db.jdbc(), false);
        UsageCounters other = counters(db.jdbc(), false);

        for (int i = 0; i < 5; i++) {
            one.count(Counter.QUESTIONS);
        }
        other.count(Counter.QUESTIONS);
        other.count(Counter.ANSWERED);
        one.flush();
        other.flush();

        assertThat(db.jdbc().sql("SELECT total FROM usage_counter WHERE name = 'QUESTIONS'").query(Long.class).single())
                .isEqualTo(6L);
        assertThat(counters(db.jdbc(), false).totals())
                .containsEntry(Counter.QUESTIONS, 6L).containsEntry(Counter.ANSWERED, 1L);
    }

    @org.junit.jupiter.api.Test
    void aFlushThatCannotWriteKeepsTheCountsForTheNext() {
        JdbcClient empty = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
                "jdbc:h2:mem:counters-" + java.util.UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        UsageCounters counters = counters(empty, false);

        counters.question("متى يبدأ المفعول؟", true, false, false);
        counters.flush();
        empty.sql("CREATE TABLE usage_counter (name VARCHAR(40) PRIMARY KEY, total BIGINT NOT NULL)").update();
        counters.flush();

        assertThat(empty.sql("SELECT total FROM usage_counter WHERE name = 'QUESTIONS'").query(Long.class).single())
                .as("kept through the failed flush, written by the next").isEqualTo(1L);
    }
}
