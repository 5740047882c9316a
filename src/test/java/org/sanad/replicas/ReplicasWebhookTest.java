package org.sanad.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;

/**
 * Two replicas of Sanad on one PostgreSQL, in webhook mode, behind a round-robin proxy that terminates HTTPS (Debian's
 * Caddy when installed, a small proxy of the test's own otherwise), with the fake Bot API delivering updates to the
 * webhook with the secret token, one per chat at a time, resending whatever is not answered 200. 60 parents write 5
 * messages each; every message is answered exactly once and in order; then the same with one replica killed by
 * SIGKILL halfway. A reindex through one replica is served by the other.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicasWebhookTest {

    private static final int PARENTS = 60;
    private static final String SECRET = "replica-test-secret_42";
    private static final String ADMIN_TOKEN = "replica-admin-token";
    /** Each parent's five messages, and a piece of text only the reply to that message contains. */
    private static final List<String[]> STEPS = List.of(
            new String[] {"/help", "اكتب سؤالك عن حقن البوتوكس"},
            new String[] {"متى يبدأ مفعول الحقنة؟", "📄"},
            new String[] {"/unknown_step", "لا أعرف هذا الأمر"},
            new String[] {"/subscribe", "تم الاشتراك"},
            new String[] {"كيف أطبخ الملوخية؟", "لم أجد"});

    private static TestDatabases.Database db;
    private static FakeBotApi telegram;
    private static Path knowledge;
    private static AutoCloseable proxy;
    private static String proxyUrl;
    private static String proxyKind;
    private static SanadInstance first;
    private static SanadInstance second;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.postgres();
        telegram = FakeBotApi.start();
        knowledge = Files.createTempDirectory("sanad-replicas-knowledge");
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        int portA = CaddyProxy.freePort();
        int portB = CaddyProxy.freePort();
        List<URI> backends = List.of(URI.create("http://127.0.0.1:" + portA), URI.create("http://127.0.0.1:" + portB));
        // -Dsanad.test.proxy=own tries the fallback on a machine that has Caddy
        if (CaddyProxy.available() && !"own".equals(System.getProperty("sanad.test.proxy"))) {
            CaddyProxy caddy = new CaddyProxy(backends);
            telegram.trustForWebhooks(caddy.trust());
            proxy = caddy;
            proxyUrl = caddy.url();
            proxyKind = "Caddy (HTTPS, tls internal)";
        } else {
            RoundRobinProxy own = new RoundRobinProxy(backends);
            proxy = own;
            proxyUrl = own.url();
            proxyKind = "the test's round-robin proxy (plain HTTP: no Caddy)";
        }
        first = new SanadInstance("a", portA, settings("a"));
        second = new SanadInstance("b", portB, settings("b"));
        first.awaitUp(Duration.ofSeconds(180));
        second.awaitUp(Duration.ofSeconds(180));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (telegram.calls("setWebhook").stream().filter(FakeBotApi.Call::ok).count() < 2) {
            assertThat(System.nanoTime()).as("both replicas set the webhook").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<String> settings(String name) throws Exception {
        Path data = Files.createTempDirectory("sanad-replica-" + name);
        return List.of("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--sanad.knowledge.dir=" + knowledge,
                "--sanad.knowledge.index-dir=" + data.resolve("index"),
                "--sanad.telegram.token=" + telegram.token(), "--sanad.telegram.api-url=" + telegram.url(),
                "--sanad.telegram.webhook-url=" + proxyUrl + "/telegram/webhook",
                "--sanad.telegram.webhook-secret=" + SECRET, "--sanad.telegram.request-timeout=5s",
                "--sanad.telegram.flood-messages=1000", "--sanad.staff.api-token=" + ADMIN_TOKEN,
                "--sanad.storage.heartbeat=500ms", "--sanad.storage.presumed-dead-after=3s",
                "--sanad.storage.sync-interval=1s", "--logging.level.root=WARN",
                "--logging.level.org.sanad=INFO");
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable closeable : new AutoCloseable[] {first, second, proxy, telegram}) {
            if (closeable != null) {
                closeable.close();
            }
        }
        if (db != null) {
            db.drop();
        }
    }

    @Test
    @Order(1)
    void theWebhookIsSetWithItsSecretTheUpdatesSanadAnswersAndNothingDropped() {
        FakeBotApi.Webhook webhook = telegram.webhook();
        assertThat(webhook.url()).isEqualTo(proxyUrl + "/telegram/webhook");
        assertThat(webhook.secretToken()).isEqualTo(SECRET);
        assertThat(webhook.allowedUpdates()).containsExactlyInAnyOrder("message", "edited_message", "callback_query");
        assertThat(webhook.maxConnections()).isPositive();
        assertThat(webhook.dropPendingUpdates()).isNull();
        assertThat(telegram.calls("getUpdates")).as("no long polling beside the webhook").isEmpty();
        assertThat(telegram.calls("deleteWebhook")).isEmpty();
    }

    @Test
    @Order(2)
    void aRequestWithoutTheSecretGets401() throws Exception {
        HttpClient client = proxy instanceof CaddyProxy caddy
                ? HttpClient.newBuilder().sslContext(caddy.trust()).build() : HttpClient.newHttpClient();
        String update = "{\"update_id\": 999999, \"message\": {\"message_id\": 1, \"date\": 1, \"text\": \"hi\", "
                + "\"chat\": {\"id\": 5, \"type\": \"private\"}, \"from\": {\"id\": 5, \"is_bot\": false, "
                + "\"first_name\": \"x\"}}}";
        for (String secret : new String[] {null, "wrong", SECRET + "x"}) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxyUrl + "/telegram/webhook"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(update));
            if (secret != null) {
                request.header("X-Telegram-Bot-Api-Secret-Token", secret);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("secret " + secret).isEqualTo(401);
        }
    }

    @Test
    @Order(4)
    void threeHundredUpdatesFromSixtyParentsAreEachAnsweredOnceInOrder() throws Exception {
        Run run = send(1_000);
        run.awaitAnswered(Duration.ofSeconds(180));
        run.report("two replicas", null);
        assertThat(run.duplicates()).isZero();
        assertThat(run.outOfOrder()).isEmpty();
    }

    @Test
    @Order(5)
    void aReplicaKilledWithSigkillLosesNothingAndRepeatsAtMostTheRepliesOnTheWire() throws Exception {
        Run run = send(2_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (run.answered() < PARENTS * STEPS.size() / 3) {
            assertThat(System.nanoTime()).as("a third answered within 120 s").isLessThan(deadline);
            Thread.sleep(5);
        }
        int atKill = run.answered();
        first.kill();
        run.awaitAnswered(Duration.ofSeconds(180));
        run.report("replica a killed with SIGKILL after " + atKill + " replies", atKill);
        assertThat(run.outOfOrder()).isEmpty();
        assertThat(run.duplicates()).as("replies sent twice: at most those on the wire at the kill")
                .isLessThanOrEqualTo(8);
    }

    @Test
    @Order(3)
    void aReindexThroughOneReplicaIsServedByTheOtherWithinTenSeconds() throws Exception {
        String question = "{\"text\": \"كم تستغرق جلسة الحقن في العيادة؟\"}";
        assertThat(first.post("/api/ask", question).body()).contains("\"answered\":false");
        Files.writeString(knowledge.resolve("visit.md"),
                "## يوم الحقن\n\nتستغرق جلسة الحقن في العيادة حوالي نصف ساعة، ويعود الطفل إلى البيت في اليوم نفسه.\n",
                StandardCharsets.UTF_8);

        HttpResponse<String> reindex = second.post("/api/admin/reindex", "", "Authorization", "Bearer " + ADMIN_TOKEN);
        long answeredAt = System.nanoTime();

        assertThat(reindex.statusCode()).isEqualTo(200);
        assertThat(second.post("/api/ask", question).body()).as("the replica that reindexed")
                .contains("\"answered\":true");
        long deadline = answeredAt + TimeUnit.SECONDS.toNanos(10);
        while (!first.post("/api/ask", question).body().contains("\"answered\":true")) {
            assertThat(System.nanoTime()).as("served by the other replica within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        System.out.printf(Locale.ROOT, "%n[ReplicasWebhookTest] a reindex through replica b served by replica a "
                + "%.2f s after its answer%n", (System.nanoTime() - answeredAt) / 1e9);
    }

    private static Run send(long firstChat) {
        Run run = new Run(firstChat);
        for (int step = 0; step < STEPS.size(); step++) {
            for (int parent = 0; parent < PARENTS; parent++) {
                long chat = firstChat + parent;
                telegram.pushText(chat, chat, STEPS.get(step)[0]);
            }
        }
        return run;
    }

    /** One round of 60 parents × 5 messages, and what reached each parent. */
    private static final class Run {
        final long firstChat;
        final long started = System.nanoTime();

        Run(long firstChat) {
            this.firstChat = firstChat;
        }

        /** Per chat, which of its messages each reply answers, in the order the replies arrived. */
        Map<Long, List<Integer>> replies() {
            Map<Long, List<Integer>> byChat = new LinkedHashMap<>();
            for (FakeBotApi.Call call : telegram.calls("sendMessage")) {
                if (!call.ok() || call.chatId() < firstChat || call.chatId() >= firstChat + PARENTS) {
                    continue;
                }
                String text = call.visibleText();
                for (int step = 0; step < STEPS.size(); step++) {
                    if (text.contains(STEPS.get(step)[1])) {
                        byChat.computeIfAbsent(call.chatId(), chat -> new ArrayList<>()).add(step);
                        break;
                    }
                }
            }
            return byChat;
        }

        int answered() {
            return (int) replies().values().stream().mapToLong(steps -> steps.stream().distinct().count()).sum();
        }

        void awaitAnswered(Duration within) throws InterruptedException {
            long deadline = System.nanoTime() + within.toNanos();
            while (answered() < PARENTS * STEPS.size()) {
                assertThat(System.nanoTime()).as("every update answered within " + within + ": " + answered())
                        .isLessThan(deadline);
                Thread.sleep(50);
            }
        }

        long duplicates() {
            return replies().values().stream().mapToLong(steps -> steps.size() - steps.stream().distinct().count())
                    .sum();
        }

        /** Chats whose replies, repeats put aside, do not follow their messages' order. */
        List<Long> outOfOrder() {
            List<Long> wrong = new ArrayList<>();
            replies().forEach((chat, steps) -> {
                List<Integer> once = new ArrayList<>();
                steps.forEach(step -> {
                    if (once.isEmpty() || !once.get(once.size() - 1).equals(step)) {
                        once.add(step);
                    }
                });
                if (!once.equals(List.of(0, 1, 2, 3, 4))) {
                    wrong.add(chat);
                }
            });
            return wrong;
        }

        void report(String title, Integer atKill) {
            long resent = telegram.webhookAttempts().stream().filter(attempt -> attempt.status() != 200).count();
            System.out.printf(Locale.ROOT, "%n[ReplicasWebhookTest] %s, behind %s: %d updates from %d parents, "
                            + "%d answered, %d replies sent twice, %d chats out of order, %d webhook deliveries "
                            + "refused or failed and resent, %.1f s%n", title, proxyKind, PARENTS * STEPS.size(),
                    PARENTS, answered(), duplicates(), outOfOrder().size(), resent,
                    (System.nanoTime() - started) / 1e9);
        }
    }
}
