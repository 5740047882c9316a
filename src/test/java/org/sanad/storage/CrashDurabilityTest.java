package org.sanad.storage;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sanad.testing.FakeBotApi;
import org.sanad.testing.TestDatabases;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Whatever Sanad has confirmed is still there after a {@code kill -9}, on the embedded H2 as on PostgreSQL: Sanad runs
 * in a JVM of its own ({@link CrashProbe}), subscribing, forgetting, auditing and starting broadcasts as fast as it
 * can, and is killed with SIGKILL at a random moment; then every change it had confirmed must be in the database. And
 * a broadcast interrupted by SIGKILL on H2 and resumed sends no message twice.
 */
class CrashDurabilityTest {

    private static final Path KNOWLEDGE = Path.of("knowledge").toAbsolutePath();

    @Test
    void onH2NothingConfirmedIsLostToSigkill() throws Exception {
        Path data = Files.createTempDirectory("sanad-crash-h2");
        String url = "jdbc:h2:file:" + data.resolve("sanad");
        List<String> settings = List.of("--sanad.knowledge.index-dir=" + data.resolve("index"));
        int rounds = 2;
        long checked = 0;
        for (int round = 0; round < rounds; round++) {
            List<String> confirmed = runAndKill(round * 100_000L + 1, "confirm", settings, data, null);
            try (HikariDataSource db = TestDatabases.pool(url + ";DB_CLOSE_ON_EXIT=FALSE", "sa", 2)) {
                checked += assertAllThere(JdbcClient.create(db), confirmed);
            }
        }
        System.out.printf(Locale.ROOT, "%n[CrashDurabilityTest] H2: %d SIGKILLs, %d confirmed changes, 0 lost%n",
                rounds, checked);
    }

    @Test
    void onPostgresqlNothingConfirmedIsLostToSigkill() throws Exception {
        TestDatabases.Database db = TestDatabases.postgres();
        Path data = Files.createTempDirectory("sanad-crash-pg");
        List<String> settings = List.of("--sanad.knowledge.index-dir=" + data.resolve("index"),
                "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword());
        try {
            List<String> confirmed = runAndKill(1, "confirm", settings, data, null);
            long checked = assertAllThere(db.jdbc(), confirmed);
            System.out.printf(Locale.ROOT, "%n[CrashDurabilityTest] PostgreSQL: %d confirmed changes, 0 lost%n",
                    checked);
        } finally {
            db.drop();
        }
    }

    @Test
    void onH2ABroadcastInterruptedBySigkillSendsNoMessageTwice() throws Exception {
        Path data = Files.createTempDirectory("sanad-crash-bc");
        String url = "jdbc:h2:file:" + data.resolve("sanad");
        int subscribers = 250;
        try (FakeBotApi telegram = FakeBotApi.start()) {
            List<String> settings = List.of("--sanad.knowledge.index-dir=" + data.resolve("index"),
                    "--sanad.telegram.token=" + telegram.token(), "--sanad.telegram.api-url=" + telegram.url(),
                    "--sanad.telegram.request-timeout=2s", "--sanad.telegram.poll-timeout=2s",
                    "--sanad.broadcast.in-flight-lease=4s", "--sanad.broadcast.poll=200ms");
            List<String> seeded = new CopyOnWriteArrayList<>();
            Process seeding = start(10_000, "seed" + subscribers, settings, data, seeded).process();
            assertThat(seeding.waitFor(120, TimeUnit.SECONDS)).as("seeded within 120 s").isTrue();
            assertThat(seeded).contains("seeded");
            long active = subscribers;
            telegram.reset();

            long half = active / 2;
            runAndKill(900_000, "broadcast", settings, data,
                    probe -> telegram.messagesPerChat().keySet().stream().filter(chat -> chat != CrashProbe.STAFF)
                            .count() >= half);
            long atKill = telegram.messagesPerChat().keySet().stream().filter(chat -> chat != CrashProbe.STAFF).count();
            List<String> resumedLines = new CopyOnWriteArrayList<>();
            Process resumed = start(900_000, "resume", settings, data, resumedLines).process();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!resumedLines.contains("finished")) {
                    assertThat(System.nanoTime()).as("the resumed broadcast finished within 120 s")
                            .isLessThan(deadline);
                    Thread.sleep(200);
                }
            } finally {
                resumed.destroyForcibly().waitFor();
            }
            Map<Long, Long> perChat = telegram.messagesPerChat();
            perChat.remove(CrashProbe.STAFF);
            long twice = perChat.values().stream().filter(count -> count > 1).count();
            long inDoubt;
            try (HikariDataSource db = TestDatabases.pool(url + ";DB_CLOSE_ON_EXIT=FALSE", "sa", 2)) {
                inDoubt = JdbcClient.create(db).sql("SELECT COUNT(*) FROM delivery WHERE in_doubt").query(Long.class)
                        .single();
            }
            System.out.printf(Locale.ROOT, "%n[CrashDurabilityTest] H2 broadcast to %d, SIGKILL after %d reached "
                    + "Telegram: %d chats reached, %d twice, %d in doubt (skipped)%n", active, atKill,
                    perChat.size(), twice, inDoubt);
            assertThat(twice).as("chats that got the broadcast twice").isZero();
            assertThat(perChat.size()).as("chats reached").isGreaterThanOrEqualTo((int) (active - inDoubt));
        }
    }

    /** Every confirmed change is in the database; returns how many were checked. */
    private static long assertAllThere(JdbcClient jdbc, List<String> confirmed) {
        java.util.Set<Long> forgotten = new java.util.HashSet<>();
        confirmed.stream().filter(line -> line.startsWith("forgot ")).forEach(line -> forgotten.add(number(line)));
        // a forget the kill interrupted may have committed without being confirmed
        java.util.Set<Long> forgetBegun = new java.util.HashSet<>();
        confirmed.stream().filter(line -> line.startsWith("begin forget ")).forEach(line -> forgetBegun.add(number(line)));
        long checked = 0;
        for (int index = 0; index < confirmed.size(); index++) {
            String line = confirmed.get(index);
            if (line.startsWith("begin ")) {
                continue;
            }
            long n = number(line);
            String what = line.substring(0, line.indexOf(' '));
            switch (what) {
                case "subscribed" -> {
                    String status = jdbc.sql("SELECT status FROM subscriber WHERE chat_id = ?").param(n)
                            .query(String.class).optional().orElse("none");
                    if (forgotten.contains(n)) {
                        assertThat(status).as(line + ", then forgot").isEqualTo("none");
                    } else if (forgetBegun.contains(n)) {
                        assertThat(status).as(line + ", then killed while forgetting it").isIn("ACTIVE", "none");
                    } else {
                        assertThat(status).as(line).isEqualTo("ACTIVE");
                    }
                }
                case "forgot" -> assertThat(jdbc.sql("SELECT COUNT(*) FROM subscriber WHERE chat_id = ?").param(n)
                        .query(Long.class).single()).as(line).isZero();
                case "audited" -> assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_log WHERE actor = 'probe' "
                        + "AND detail = ?").param(String.valueOf(n)).query(Long.class).single()).as(line).isOne();
                case "started" -> {
                    String status = jdbc.sql("SELECT status FROM broadcast WHERE id = ?").param(n)
                            .query(String.class).optional().orElse("none");
                    assertThat(status).as(line).isIn("SENDING", "DONE");
                    long recipients = jdbc.sql("SELECT recipients FROM broadcast WHERE id = ?").param(n)
                            .query(Long.class).single();
                    // a chat forgotten after the broadcast started takes its delivery with it
                    long forgottenSince = confirmed.subList(index, confirmed.size()).stream()
                            .filter(later -> later.startsWith("begin forget ")).count();
                    assertThat(jdbc.sql("SELECT COUNT(*) FROM delivery WHERE broadcast_id = ?").param(n)
                            .query(Long.class).single()).as(line + ": its deliveries")
                            .isBetween(recipients - forgottenSince, recipients);
                }
                default -> {
                    continue;
                }
            }
            checked++;
        }
        assertThat(checked).as("confirmed changes before the kill").isPositive();
        return checked;
    }

    private static long number(String line) {
        return Long.parseLong(line.substring(line.lastIndexOf(' ') + 1).strip());
    }

    /**
     * Starts the probe, lets it confirm changes for a random moment (or until {@code killWhen} holds), kills it with
     * SIGKILL and returns what it had confirmed.
     */
    private static List<String> runAndKill(long base, String mode, List<String> settings, Path data,
            java.util.function.Predicate<List<String>> killWhen) throws Exception {
        List<String> confirmed = new CopyOnWriteArrayList<>();
        Probe started = start(base, mode, settings, data, confirmed);
        Process probe = started.process();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!confirmed.contains("ready")) {
                assertThat(probe.isAlive()).as("the probe is running (see target/crash-probe.log)").isTrue();
                assertThat(System.nanoTime()).as("the probe started within 120 s").isLessThan(deadline);
                Thread.sleep(20);
            }
            if (killWhen == null) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(300, 2_500));
            } else {
                while (!killWhen.test(confirmed)) {
                    assertThat(System.nanoTime()).as("the probe got there within 120 s").isLessThan(deadline);
                    Thread.sleep(5);
                }
            }
        } finally {
            probe.destroyForcibly(); // SIGKILL
            probe.waitFor(30, TimeUnit.SECONDS);
        }
        int readAtKill = confirmed.size();
        // read what the probe wrote up to its death: a "forgot" left unread would look like a lost subscription
        started.output().join(TimeUnit.SECONDS.toMillis(30));
        assertThat(started.output().isAlive()).as("the probe's output read to its end").isFalse();
        System.out.printf(Locale.ROOT, "%n[CrashDurabilityTest] %d lines read after the kill%n",
                confirmed.size() - readAtKill);
        List<String> lines = new ArrayList<>(confirmed);
        lines.remove("ready");
        return lines;
    }

    /** A running probe and the thread reading what it prints. */
    private record Probe(Process process, Thread output) {
    }

    private static Probe start(long base, String mode, List<String> settings, Path data, List<String> confirmed)
            throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", classpath, CrashProbe.class.getName(), String.valueOf(base), mode,
                "--sanad.knowledge.dir=" + KNOWLEDGE, "--sanad.staff.staff-ids=" + CrashProbe.STAFF,
                "--logging.level.root=WARN"));
        if (settings.stream().noneMatch(setting -> setting.startsWith("--spring.datasource.url="))) {
            command.add("--spring.datasource.url=jdbc:h2:file:" + data.resolve("sanad") + ";DB_CLOSE_ON_EXIT=FALSE");
        }
        command.addAll(settings);
        Path log = Path.of("target", "crash-probe.log");
        Files.createDirectories(log.getParent());
        // the probe writes to a file, read as it grows: confirmations in a pipe were seen lost at the kill
        Path out = Files.createTempFile(Path.of("target"), "crash-probe-", ".out");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        Thread reader = new Thread(() -> {
            try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(out.toFile(), "r")) {
                java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();
                byte[] buffer = new byte[8192];
                while (true) {
                    boolean ended = !process.isAlive();
                    int n = file.read(buffer);
                    if (n <= 0) {
                        if (ended) {
                            return;
                        }
                        Thread.sleep(5);
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        if (buffer[i] != '\n') {
                            partial.write(buffer[i]);
                            continue;
                        }
                        String line = partial.toString(StandardCharsets.UTF_8);
                        partial.reset();
                        if (line.startsWith("CONFIRMED ")) {
                            confirmed.add(line.substring("CONFIRMED ".length()));
                        } else if (line.startsWith("BEGIN ")) {
                            confirmed.add("begin " + line.substring("BEGIN ".length()));
                        } else {
                            Files.writeString(log, line + "\n", StandardCharsets.UTF_8,
                                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("reading the probe's output", e);
            }
        }, "crash-probe-output");
        reader.setDaemon(true);
        reader.start();
        return new Probe(process, reader);
    }
}
