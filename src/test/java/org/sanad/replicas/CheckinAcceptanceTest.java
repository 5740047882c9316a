package org.sanad.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;

/**
 * Issue 14's acceptance, against the fake Bot API with the real application in JVMs of its own: check-ins after
 * {@code PT4S} and {@code PT8S}, the reminder after {@code PT12S}, no quiet hours, a staff chat. A parent who records
 * «اليوم» gets both check-ins and the reminder once each; «لاحظت علامة منها» gets the urgent advice and the staff one
 * alert; a written danger report alerts the staff too; {@code /forget} stops everything; and a bot killed with
 * SIGKILL before a check-in is due sends it once after the restart. On the embedded H2 with one instance, and on
 * PostgreSQL with two behind a round-robin proxy (webhook mode), one of them killed.
 */
class CheckinAcceptanceTest {

    private static final long STAFF_CHAT = -100_777;
    private static final String CHECKIN = "متابعة من سند بعد حقنة البوتوكس";
    private static final String REMINDER = "تذكير من سند";
    private static final String URGENT = "علامة خطر بعد حقن البوتوكس";
    private static final String ALERT = "🚨";
    private static final String SECRET = "checkin-test-secret";
    private static final Duration START = Duration.ofSeconds(240);

    /** How each Sanad JVM is started: the same settings, its own port. */
    private interface Launcher {
        SanadInstance start(String name) throws Exception;
    }

    @Test
    void onH2WithOneInstance() throws Exception {
        Path data = Files.createTempDirectory("sanad-checkin-h2");
        Path knowledge = knowledge();
        try (FakeBotApi telegram = FakeBotApi.start()) {
            Launcher launcher = name -> new SanadInstance(name, CaddyProxy.freePort(), settings(telegram, knowledge,
                    data.resolve(name), List.of("--spring.datasource.url=jdbc:h2:file:" + data.resolve("sanad")
                            + ";DB_CLOSE_ON_EXIT=FALSE")));
            SanadInstance bot = launcher.start("checkin-h2");
            try {
                bot.awaitUp(START);
                scenario(telegram, List.of(bot), launcher, "H2, one instance");
            } finally {
                bot.close();
            }
        }
    }

    @Test
    void onPostgresqlWithTwoInstances() throws Exception {
        TestDatabases.Database db = TestDatabases.postgres();
        Path data = Files.createTempDirectory("sanad-checkin-pg");
        Path knowledge = knowledge();
        int portA = CaddyProxy.freePort();
        int portB = CaddyProxy.freePort();
        List<SanadInstance> bots = new ArrayList<>();
        try (FakeBotApi telegram = FakeBotApi.start();
                RoundRobinProxy proxy = new RoundRobinProxy(List.of(URI.create("http://127.0.0.1:" + portA),
                        URI.create("http://127.0.0.1:" + portB)))) {
            List<String> postgres = List.of("--spring.datasource.url=" + db.url(),
                    "--spring.datasource.username=" + db.username(),
                    "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                    "--sanad.telegram.webhook-url=" + proxy.url() + "/telegram/webhook",
                    "--sanad.telegram.webhook-secret=" + SECRET,
                    "--sanad.storage.heartbeat=500ms", "--sanad.storage.presumed-dead-after=3s");
            Launcher launcher = name -> new SanadInstance(name, name.endsWith("a") ? portA : portB,
                    settings(telegram, knowledge, data.resolve(name), postgres));
            bots.add(launcher.start("checkin-pg-a"));
            bots.add(launcher.start("checkin-pg-b"));
            for (SanadInstance bot : bots) {
                bot.awaitUp(START);
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (telegram.calls("setWebhook").stream().filter(FakeBotApi.Call::ok).count() < 2) {
                assertThat(System.nanoTime()).as("both instances set the webhook").isLessThan(deadline);
                Thread.sleep(100);
            }
            scenario(telegram, bots, launcher, "PostgreSQL, two instances");
        } finally {
            for (SanadInstance bot : bots) {
                bot.close();
            }
            db.drop();
        }
    }

    private static Path knowledge() throws Exception {
        Path knowledge = Files.createTempDirectory("sanad-checkin-knowledge");
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        return knowledge;
    }

    private static List<String> settings(FakeBotApi telegram, Path knowledge, Path data, List<String> more) {
        List<String> settings = new ArrayList<>(List.of("--sanad.knowledge.dir=" + knowledge,
                "--sanad.knowledge.index-dir=" + data.resolve("index"),
                "--sanad.telegram.token=" + telegram.token(), "--sanad.telegram.api-url=" + telegram.url(),
                "--sanad.telegram.request-timeout=5s", "--sanad.telegram.poll-timeout=1s",
                "--sanad.broadcast.poll=200ms", "--sanad.broadcast.in-flight-lease=10s",
                "--sanad.checkin.schedule=PT4S,PT8S", "--sanad.checkin.followup-reminder=PT12S",
                "--sanad.checkin.quiet-hours=", "--sanad.alert.staff-chat-id=" + STAFF_CHAT,
                "--logging.level.root=WARN", "--logging.level.org.sanad=INFO"));
        settings.addAll(more);
        return settings;
    }

    private static void scenario(FakeBotApi telegram, List<SanadInstance> bots, Launcher launcher, String where)
            throws Exception {
        long fine = 7101;
        long writer = 7102;
        long forgetful = 7103;
        long crashed = 7104;

        // «اليوم» for three parents; one of them then sends /forget; another writes a danger sign
        long started = System.nanoTime();
        record(telegram, fine);
        record(telegram, forgetful);
        telegram.pushText(forgetful, forgetful, "/forget");
        await(telegram, forgetful, text -> text.contains("تم حذف"), 1);
        telegram.pushText(writer, writer, "ابني ما يقدر يبلع من امبارح بعد حقنة البوتوكس");
        await(telegram, writer, text -> text.contains(URGENT), 1);

        // the first check-in arrives: «لاحظت علامة منها»
        FakeBotApi.Call first = await(telegram, fine, text -> text.contains(CHECKIN), 1).get(0);
        assertThat(first.callbackData()).containsExactly("ci:ok", "ci:sign");
        telegram.pushCallback(fine, fine, first.messageId(), "ci:sign");
        await(telegram, fine, text -> text.contains(URGENT), 1);

        // both check-ins and the reminder, once each; then nothing more for a few seconds
        await(telegram, fine, text -> text.contains(REMINDER), 1);
        Thread.sleep(3_000);
        assertThat(texts(telegram, fine, CHECKIN)).hasSize(2).doesNotHaveDuplicates();
        assertThat(texts(telegram, fine, REMINDER)).hasSize(1);
        assertThat(texts(telegram, forgetful, CHECKIN)).as("after /forget").isEmpty();
        assertThat(texts(telegram, forgetful, REMINDER)).as("after /forget").isEmpty();
        List<FakeBotApi.Call> alerts = awaitAlerts(telegram, 2);
        assertThat(alerts).extracting(FakeBotApi.Call::text).anySatisfy(alert ->
                assertThat(alert).contains("tg://user?id=" + fine).contains("«لاحظت علامة منها»"));
        assertThat(alerts).extracting(FakeBotApi.Call::text).anySatisfy(alert ->
                assertThat(alert).contains("tg://user?id=" + writer).contains("صعوبة البلع")
                        .doesNotContain("امبارح"));
        System.out.printf(Locale.ROOT, "%n[CheckinAcceptanceTest] %s: check-ins, reminder, alerts and /forget as "
                + "specified in %.1f s%nA check-in as the parent sees it:%n%s%nbuttons %s%nThe staff alert:%n%s%n%n",
                where, (System.nanoTime() - started) / 1e9, first.visibleText(), first.inlineKeyboard(),
                alerts.get(0).text());

        // recorded, then the bot killed with SIGKILL before the first check-in is due, then started again
        record(telegram, crashed);
        long killedAt = System.nanoTime();
        SanadInstance victim = bots.get(0);
        victim.kill();
        assertThat(texts(telegram, crashed, CHECKIN)).as("nothing was due yet when the bot was killed").isEmpty();
        SanadInstance again = launcher.start(victim.name + "-again");
        try {
            again.awaitUp(START);
            await(telegram, crashed, text -> text.contains(REMINDER), 1);
            Thread.sleep(3_000);
            assertThat(texts(telegram, crashed, CHECKIN)).hasSize(2).doesNotHaveDuplicates();
            assertThat(texts(telegram, crashed, REMINDER)).hasSize(1);
            assertThat(awaitAlerts(telegram, 2)).hasSize(2);
            assertThat(telegram.duplicates()).as("no message reached a chat twice").isZero();
            System.out.printf(Locale.ROOT, "[CheckinAcceptanceTest] %s: killed with SIGKILL before the check-ins; "
                    + "both and the reminder sent once after the restart, %.1f s after the kill%n", where,
                    (System.nanoTime() - killedAt) / 1e9);
        } finally {
            again.close();
        }
    }

    /** /injection, then «اليوم»: the explanation arrives. */
    private static void record(FakeBotApi telegram, long chat) throws InterruptedException {
        telegram.pushText(chat, chat, "/injection");
        FakeBotApi.Call ask = await(telegram, chat, text -> text.contains("متى أُعطي طفلك"), 1).get(0);
        assertThat(ask.callbackData()).containsExactly("ci:when:0", "ci:when:1", "ci:when:2");
        telegram.pushCallback(chat, chat, ask.messageId(), "ci:when:0");
        await(telegram, chat, text -> text.contains("سجّلت موعد الحقنة"), 1);
    }

    private static List<String> texts(FakeBotApi telegram, long chat, String marker) {
        return telegram.delivered("sendMessage", chat).stream().map(FakeBotApi.Call::visibleText)
                .filter(text -> text.contains(marker)).toList();
    }

    private static List<FakeBotApi.Call> await(FakeBotApi telegram, long chat, Predicate<String> matching, int count)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            List<FakeBotApi.Call> found = telegram.delivered("sendMessage", chat).stream()
                    .filter(call -> matching.test(call.visibleText())).toList();
            if (found.size() >= count) {
                return found;
            }
            assertThat(System.nanoTime()).as("a message to chat " + chat).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** The staff chat's alerts, once {@code count} are there and a second has passed without more. */
    private static List<FakeBotApi.Call> awaitAlerts(FakeBotApi telegram, int count) throws InterruptedException {
        List<FakeBotApi.Call> alerts = await(telegram, STAFF_CHAT, text -> text.contains(ALERT), count);
        Thread.sleep(1_000);
        alerts = telegram.delivered("sendMessage", STAFF_CHAT).stream()
                .filter(call -> call.visibleText().contains(ALERT)).toList();
        assertThat(alerts).as("alerts in the staff chat").hasSize(count);
        return alerts;
    }
}
