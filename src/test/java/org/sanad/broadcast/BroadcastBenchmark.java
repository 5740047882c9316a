package org.sanad.broadcast;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A broadcast to N subscribers (default 10,000; {@code -Dsubscribers=}) on PostgreSQL, against the fake Bot API
 * enforcing Telegram's limits (30 messages/s overall, 1/s per chat, 429 beyond), with the sender in a JVM of its own:
 * first straight through, then killed with SIGKILL at 50 % and restarted. Prints the rate achieved against the
 * configured one ({@code -Drate=}, default 25), 429s, duplicates, losses, the gap and the messages in doubt
 * ({@code -DinDoubt=skip|resend}, default skip).
 *
 * <pre>./mvnw -B test -Pbenchmark -Dtest=BroadcastBenchmark [-Dsubscribers=10000] [-Drate=25]</pre>
 */
@Tag("benchmark")
class BroadcastBenchmark {

    private static final int SUBSCRIBERS = Integer.getInteger("subscribers", 10_000);
    private static final double RATE = Double.parseDouble(System.getProperty("rate", "25"));
    private static final String IN_DOUBT = System.getProperty("inDoubt", "SKIP").toUpperCase(Locale.ROOT);
    private static final int LEASE_SECONDS = 60;
    private static final long STAFF = 501;
    private static final long STAFF_CHAT = 9501;
    private static final long FIRST_CHAT = 1_000_000;

    @Test
    void straightThrough() throws Exception {
        try (Run run = new Run()) {
            Process sender = run.startSender("straight");
            Instant sent = Instant.now();
            long id = run.broadcast();
            run.awaitDone(id);
            Duration took = Duration.between(sent, Instant.now());
            sender.destroyForcibly().waitFor();
            run.report("straight through", id, took, null);
        }
    }

    @Test
    void killedWithSigkillAtHalfwayAndRestarted() throws Exception {
        try (Run run = new Run()) {
            Process sender = run.startSender("before-kill");
            Instant sent = Instant.now();
            long id = run.broadcast();
            while (run.delivered().size() < SUBSCRIBERS / 2) {
                Thread.sleep(5);
            }
            sender.destroyForcibly();
            sender.waitFor();
            Instant killed = Instant.now();
            JdbcClient jdbc = run.db.jdbc();
            long inFlight = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'IN_FLIGHT'").query(Long.class).single();
            long claimed = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'CLAIMED'").query(Long.class).single();
            long sentAtKill = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'SENT' AND kind = 'BROADCAST'").query(Long.class).single();
            int arrivedAtKill = run.delivered().size();

            run.startSender("after-restart");
            run.awaitDone(id);
            Duration took = Duration.between(sent, Instant.now());
            run.report("killed at 50 % (SIGKILL) and restarted", id, took, new Kill(killed, arrivedAtKill, sentAtKill,
                    inFlight, claimed));
        }
    }

    private record Kill(Instant at, int arrivedAtTelegram, long markedSent, long inFlight, long claimed) {
    }

    /** One benchmark run: a fresh database, a fresh fake Bot API, the subscribers and one broadcast. */
    private static final class Run implements AutoCloseable {

        final Database db = TestDatabases.postgres();
        final FakeBotApi telegram = FakeBotApi.start();
        final List<Process> processes = new ArrayList<>();

        Run() {
            telegram.enforceRates(30, 1, 3);
            db.jdbc().sql("INSERT INTO subscriber (chat_id, status, subscribed_at, updated_at) "
                            + "SELECT g, 'ACTIVE', now(), now() FROM generate_series(?::bigint, ?::bigint) g")
                    .params(FIRST_CHAT, FIRST_CHAT + SUBSCRIBERS - 1)
                    .update();
        }

        long broadcast() {
            JdbcClient jdbc = db.jdbc();
            var subscribers = new Subscribers(jdbc);
            var service = new BroadcastStore(jdbc,
                    new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())), subscribers, () -> { });
            long id = service.draft(STAFF, STAFF_CHAT, "تذكير من العيادة: ابدأ العلاج الطبيعي في اليوم التالي للحقن").id();
            service.send(id, STAFF);
            return id;
        }

        Process startSender(String name) throws IOException {
            String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            Path log = Path.of("target", "broadcast-benchmark-" + name + ".log");
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", classpath, BroadcastSenderProcess.class.getName(), db.url(), db.username(), telegram.url(),
                    telegram.token(), String.valueOf(RATE), IN_DOUBT, String.valueOf(LEASE_SECONDS))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            processes.add(process);
            return process;
        }

        void awaitDone(long id) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos((long) (SUBSCRIBERS / RATE * 3) + 180);
            while (!"DONE".equals(db.jdbc().sql("SELECT status FROM broadcast WHERE id = ?").param(id)
                    .query(String.class).single())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("the broadcast did not finish in time");
                }
                Thread.sleep(100);
            }
        }

        List<FakeBotApi.Call> delivered() {
            return telegram.calls("sendMessage").stream().filter(call -> call.ok() && call.chatId() >= FIRST_CHAT)
                    .toList();
        }

        void report(String title, long id, Duration took, Kill kill) {
            List<FakeBotApi.Call> delivered = delivered();
            Map<Long, Long> perChat = telegram.messagesPerChat();
            perChat.remove(STAFF_CHAT);
            long duplicates = perChat.values().stream().mapToLong(count -> Math.max(0, count - 1)).sum();
            long losses = SUBSCRIBERS - perChat.size();
            long sending = delivered.get(delivered.size() - 1).atNanos() - delivered.get(0).atNanos();
            double achieved = (delivered.size() - 1) / (sending / 1e9);
            long gapNanos = 0;
            for (int i = 1; i < delivered.size(); i++) {
                gapNanos = Math.max(gapNanos, delivered.get(i).atNanos() - delivered.get(i - 1).atNanos());
            }
            JdbcClient jdbc = db.jdbc();
            long inDoubt = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE in_doubt").query(Long.class).single();
            long sentRows = jdbc.sql("SELECT COUNT(*) FROM delivery WHERE status = 'SENT' AND kind = 'BROADCAST'").query(Long.class).single();
            double achievedWithoutGap = (delivered.size() - 2) / ((sending - gapNanos) / 1e9);

            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "%n=== BroadcastBenchmark: %s ===%n", title));
            out.append(String.format(Locale.ROOT, "subscribers              %d (PostgreSQL, fake Bot API enforcing 30/s overall, 1/s per chat)%n", SUBSCRIBERS));
            out.append(String.format(Locale.ROOT, "configured rate          %.1f msg/s%n", RATE));
            out.append(String.format(Locale.ROOT, "achieved rate            %.2f msg/s (%.1f %% of configured), first to last message%n", achieved, 100 * achieved / RATE));
            if (kill != null) {
                out.append(String.format(Locale.ROOT, "achieved rate, no gap    %.2f msg/s (%.1f %%), the restart gap left out%n", achievedWithoutGap, 100 * achievedWithoutGap / RATE));
            }
            out.append(String.format(Locale.ROOT, "429s received            %d%n", telegram.tooManyRequestsSent()));
            out.append(String.format(Locale.ROOT, "messages accepted        %d to %d chats%n", delivered.size(), perChat.size()));
            out.append(String.format(Locale.ROOT, "duplicates               %d%n", duplicates));
            out.append(String.format(Locale.ROOT, "losses                   %d%n", losses));
            out.append(String.format(Locale.ROOT, "rows SENT                %d%n", sentRows));
            out.append(String.format(Locale.ROOT, "duration                 %.1f s (send tapped → broadcast DONE)%n", took.toMillis() / 1000.0));
            out.append(String.format(Locale.ROOT, "longest gap              %.2f s between two messages%n", gapNanos / 1e9));
            if (kill != null) {
                out.append(String.format(Locale.ROOT, "at the kill              %d accepted by Telegram, %d rows SENT, %d IN_FLIGHT, %d CLAIMED%n",
                        kill.arrivedAtTelegram(), kill.markedSent(), kill.inFlight(), kill.claimed()));
                out.append(String.format(Locale.ROOT, "in doubt                 %d (SANAD_BROADCAST_INDOUBT=%s, resolved after the %d s lease)%n",
                        inDoubt, IN_DOUBT.toLowerCase(Locale.ROOT), LEASE_SECONDS));
            }
            System.out.println(out);
        }

        @Override
        public void close() {
            processes.forEach(process -> {
                process.destroyForcibly();
                try {
                    process.waitFor(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            telegram.close();
            db.drop();
        }
    }
}
