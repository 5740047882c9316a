package org.sanad.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.sanad.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two replicas counting at once on one PostgreSQL, each with its own pool: no count is lost. */
class UsageCountersAcrossReplicasTest {

    @Test
    void countsFromSeveralReplicasAddUpExactly() throws Exception {
        TestDatabases.Database db = TestDatabases.postgres();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (HikariDataSource otherReplica = TestDatabases.pool(db.url(), db.username(), 4)) {
            List<UsageCounters> replicas = List.of(
                    new UsageCounters(db.jdbc(), AuditProperties.keepingText(false)),
                    new UsageCounters(JdbcClient.create(otherReplica), AuditProperties.keepingText(false)));
            List<Future<?>> work = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                UsageCounters counters = replicas.get(thread % 2);
                work.add(threads.submit(() -> {
                    for (int i = 0; i < 250; i++) {
                        counters.question("…", i % 2 == 0, i % 2 == 1, false);
                    }
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }

            replicas.forEach(UsageCounters::flush);
            var totals = new UsageCounters(db.jdbc(), AuditProperties.keepingText(false)).totals();
            assertThat(totals.get(UsageCounters.Counter.QUESTIONS)).isEqualTo(2_000);
            assertThat(totals.get(UsageCounters.Counter.ANSWERED)).isEqualTo(1_000);
            assertThat(totals.get(UsageCounters.Counter.NOT_COVERED)).isEqualTo(1_000);
            replicas.forEach(UsageCounters::destroy);
        } finally {
            threads.shutdownNow();
            db.drop();
        }
    }
}
