package org.sanad.checkin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sanad.audit.AuditProperties;
import org.sanad.audit.UsageCounters;
import org.sanad.broadcast.Subscribers;
import org.sanad.outbox.ChatSender;
import org.sanad.outbox.Outbox;
import org.sanad.outbox.OutboxProperties;
import org.sanad.outbox.OutboxSender;
import org.sanad.telegram.TestTelegram;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code QUIET_HOURS} with a clock the test sets: a check-in due in the middle of the night waits for the morning, and
 * the window is read in {@code CLINIC_TIMEZONE}.
 */
class QuietHoursTest {

    private static final ZoneId RIYADH = ZoneId.of("Asia/Riyadh");
    private static final TestDatabases.Database H2 = TestDatabases.h2();

    @AfterAll
    static void drop() {
        H2.drop();
    }

    private final FakeBotApi telegram = FakeBotApi.start();
    private OutboxSender sender;

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.halt();
        }
        telegram.close();
    }

    private static CheckinProperties properties(String quiet) {
        return new CheckinProperties(List.of(Duration.ofDays(1), Duration.ofDays(3)), Duration.ofDays(90), quiet,
                "Asia/Riyadh");
    }

    private static Instant riyadh(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(RIYADH).toInstant();
    }

    @Test
    void theWindowRunsOverMidnightInTheClinicsZone() {
        ClinicQuietHours quiet = new ClinicQuietHours(properties("21:00-08:00"));
        assertThat(quiet.isQuiet(riyadh("2026-12-07T20:59"))).isFalse();
        assertThat(quiet.isQuiet(riyadh("2026-12-07T21:00"))).isTrue();
        assertThat(quiet.isQuiet(riyadh("2026-12-08T03:00"))).isTrue();
        assertThat(quiet.isQuiet(riyadh("2026-12-08T07:59"))).isTrue();
        assertThat(quiet.isQuiet(riyadh("2026-12-08T08:00"))).isFalse();
        // 18:00 UTC is 21:00 in Riyadh
        assertThat(quiet.isQuiet(Instant.parse("2026-12-07T18:30:00Z"))).isTrue();
    }

    @Test
    void anEmptySettingIsNeverQuietAndAWrongOneStopsTheStart() {
        assertThat(new ClinicQuietHours(properties("")).isQuiet(riyadh("2026-12-08T03:00"))).isFalse();
        assertThat(properties("9pm to 8am").isQuietHoursValid()).isFalse();
        assertThat(properties("13:00-14:30").isQuietHoursValid()).isTrue();
        assertThat(new ClinicQuietHours(properties("13:00-14:30")).isQuiet(riyadh("2026-12-08T14:00"))).isTrue();
    }

    @Test
    void aCheckInDueInTheMiddleOfTheNightIsSentInTheMorning() {
        H2.clean();
        SettableClock clock = new SettableClock(riyadh("2026-12-06T20:00"));
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(H2.dataSource()));
        Outbox outbox = new Outbox(H2.jdbc(), transactions, () -> {
            if (sender != null) {
                sender.wake();
            }
        }, clock);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        CheckinProperties settings = properties("21:00-08:00");
        Injections injections = new Injections(H2.jdbc(), transactions, outbox, settings, messages,
                new UsageCounters(H2.jdbc(), new AuditProperties(false, Duration.ofSeconds(1))), clock);

        // injected at 02:30 in the night: the one-day check-in is due at 02:30 the next night
        Injections.Plan plan = injections.record(7201, riyadh("2026-12-06T02:30"));
        assertThat(plan.checkins()).containsExactly(riyadh("2026-12-07T02:30"), riyadh("2026-12-09T02:30"));

        ChatSender chats = TestTelegram.chatSender(telegram.url(), telegram.token(), new Subscribers(H2.jdbc()));
        sender = new OutboxSender(H2.dataSource(), transactions, new OutboxProperties(25,
                OutboxProperties.InDoubt.SKIP, Duration.ofSeconds(60), 5, Duration.ofSeconds(1),
                Duration.ofSeconds(30), 8, Duration.ofMillis(100)), () -> chats, clock, List.of(injections),
                new ClinicQuietHours(settings));
        sender.start();

        clock.set(riyadh("2026-12-07T02:31"));
        sender.wake();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> telegram.delivered("sendMessage", 7201).isEmpty());
        clock.set(riyadh("2026-12-07T07:59:30"));
        sender.wake();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> telegram.delivered("sendMessage", 7201).isEmpty());

        clock.set(riyadh("2026-12-07T08:00:01"));
        sender.wake();
        await().atMost(Duration.ofSeconds(10)).until(() -> telegram.delivered("sendMessage", 7201).size() == 1);
        assertThat(telegram.delivered("sendMessage", 7201).get(0).callbackData())
                .containsExactly(CheckinButtons.FINE, CheckinButtons.SIGN);
        assertThat(injections.next(7201)).contains(riyadh("2026-12-09T02:30"));
    }

    /** A clock the test moves. */
    static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant start) {
            now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
