package org.sanad.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanad.testing.DeployedOnPostgres;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The application as deployed, on PostgreSQL with a Telegram token: a staff broadcast goes out through the bean. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class BroadcastWiringTest {

    private static final long STAFF = 4242;
    private static final FakeBotApi TELEGRAM = FakeBotApi.start();
    private static final String DATABASE = TestDatabases.postgresUrl();

    @DynamicPropertySource
    static void deployed(DynamicPropertyRegistry registry) throws IOException {
        DeployedOnPostgres.register(registry, DATABASE);
        registry.add("sanad.telegram.token", TELEGRAM::token);
        registry.add("sanad.telegram.api-url", TELEGRAM::url);
        registry.add("sanad.staff.staff-ids", () -> String.valueOf(STAFF));
    }

    /**
     * The fake closes with the application, after its Telegram polling and broadcast sender have stopped (closed
     * earlier, they would keep failing against it); the database stays until the tests' JVM ends.
     */
    @TestConfiguration
    static class TheFake {
        @Bean(destroyMethod = "close")
        FakeBotApi fakeBotApi() {
            return TELEGRAM;
        }
    }

    @Autowired
    Subscribers subscribers;
    @Autowired
    BroadcastStore broadcasts;

    @Test
    void aStaffBroadcastReachesEverySubscriberOnceThroughTheTelegramClientBean() {
        subscribers.subscribe(9001);
        subscribers.subscribe(9002);

        BroadcastStore.Draft draft = broadcasts.draft(STAFF, STAFF, "تغيير موعد العيادة");
        assertThat(broadcasts.send(draft.id(), STAFF)).isEqualTo(BroadcastStore.Outcome.STARTED);

        await().atMost(10, TimeUnit.SECONDS).until(() -> TELEGRAM.delivered("sendMessage", 9001).size()
                + TELEGRAM.delivered("sendMessage", 9002).size() == 2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> !TELEGRAM.delivered("sendMessage", STAFF).isEmpty());
        assertThat(TELEGRAM.duplicates()).isZero();
        assertThat(TELEGRAM.rejections()).isEmpty();
    }
}
