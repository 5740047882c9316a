package org.sanad.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.sanad.SanadApplication;
import org.sanad.broadcast.Subscribers;
import org.sanad.testing.TestDatabases;
import org.sanad.testing.TestDatabases.Database;
import org.sanad.testing.TestPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The README's backup and restore on PostgreSQL, done for real: {@code pg_dump} of a database Sanad has used,
 * {@code psql} into a new empty database, and Sanad starts on the copy (Flyway accepts its schema history) with every
 * subscriber. Uses the PostgreSQL client programs of the machine ({@code postgresql-client}, which {@code .ci/run}
 * installs); skipped, saying so, where there are none or they are older than the server.
 */
class PostgresRestoreTest {

    private static final int SUBSCRIBERS = 250;
    private static final int UNSUBSCRIBED = 20;

    @Test
    void aDumpRestoredIntoANewDatabaseStartsSanadWithEverySubscriber() throws Exception {
        Database source = TestDatabases.postgres();
        int serverMajor = serverMajor(source);
        Path pgDump = client("pg_dump", serverMajor);
        Path psql = client("psql", serverMajor);

        Subscribers subscribers = new Subscribers(source.jdbc());
        for (long chat = 1; chat <= SUBSCRIBERS + UNSUBSCRIBED; chat++) {
            subscribers.subscribe(chat);
        }
        for (long chat = 1; chat <= UNSUBSCRIBED; chat++) {
            subscribers.unsubscribe(chat);
        }
        source.jdbc().sql("UPDATE usage_counter SET total = 7 WHERE name = 'QUESTIONS'").update();
        assertThat(subscribers.activeCount()).isEqualTo(SUBSCRIBERS);

        Path dir = Files.createTempDirectory("sanad-restore");
        Path dump = dir.resolve("sanad.sql");
        run(List.of(pgDump.toString(), "--no-owner", "--no-privileges", "--file", dump.toString(),
                "--dbname", database(source.url())), source.url());
        assertThat(Files.readString(dump, StandardCharsets.UTF_8)).contains("CREATE TABLE public.subscriber");

        String target = TestDatabases.postgresUrl();
        run(List.of(psql.toString(), "--no-psqlrc", "--quiet", "--set", "ON_ERROR_STOP=1", "--file", dump.toString(),
                "--dbname", database(target)), target);
        source.drop();

        Path knowledge = Files.createDirectories(dir.resolve("knowledge"));
        Files.copy(Path.of("knowledge/botox-for-children-with-microcephaly.md"),
                knowledge.resolve("botox-for-children-with-microcephaly.md"));
        // As arguments: they outrank application.yml (default properties would not).
        try (ConfigurableApplicationContext sanad = new SpringApplicationBuilder(SanadApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + target,
                "--spring.datasource.username=" + TestDatabases.postgresUser(),
                "--spring.datasource.password=" + TestDatabases.postgresPassword(),
                "--sanad.knowledge.dir=" + knowledge,
                "--sanad.knowledge.index-dir=" + dir.resolve("index"),
                "--sanad.telegram.token=")) {
            assertThat(sanad.getEnvironment().getProperty("spring.datasource.url")).isEqualTo(target);
            Subscribers restored = sanad.getBean(Subscribers.class);
            assertThat(restored.activeCount()).isEqualTo(SUBSCRIBERS);
            assertThat(restored.isSubscribed(SUBSCRIBERS + UNSUBSCRIBED)).isTrue();
            assertThat(restored.isSubscribed(1)).isFalse();
            JdbcClient jdbc = sanad.getBean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT total FROM usage_counter WHERE name = 'QUESTIONS'").query(Long.class).single())
                    .isEqualTo(7);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static int serverMajor(Database db) throws SQLException {
        try (Connection connection = db.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SHOW server_version_num")) {
            rs.next();
            return rs.getInt(1) / 10000;
        }
    }

    /**
     * A PostgreSQL client program at least as new as the server (pg_dump refuses an older one): on the PATH or in
     * Debian's /usr/lib/postgresql/&lt;major&gt;/bin, the newest first.
     */
    private static Path client(String name, int serverMajor) throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                dirs.filter(d -> d.getFileName().toString().matches("\\d+"))
                        .sorted(Comparator.comparingInt((Path d) -> Integer.parseInt(d.getFileName().toString())).reversed())
                        .map(d -> d.resolve("bin").resolve(name))
                        .forEach(candidates::add);
            }
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir, name));
            }
        }
        Optional<Path> found = Optional.empty();
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate) && major(candidate) >= serverMajor) {
                found = Optional.of(candidate);
                break;
            }
        }
        assumeTrue(found.isPresent(), () -> {
            String message = "skipped: no " + name + " of PostgreSQL " + serverMajor + " or newer on this machine"
                    + " (install the client programs: apt-get install postgresql-client; .ci/run does so)";
            System.out.println("PostgresRestoreTest " + message);
            return message;
        });
        return found.get();
    }

    private static int major(Path program) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(program.toString(), "--version").redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)(\\.\\d+)?").matcher(out);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** A libpq connection string for a JDBC URL of the tests' server. */
    private static String database(String jdbcUrl) {
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return "host=" + uri.getHost() + " port=" + uri.getPort() + " user=" + TestDatabases.postgresUser()
                + " dbname=" + uri.getPath().substring(1);
    }

    private static void run(List<String> command, String jdbcUrl) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (!TestPostgres.password().isEmpty()) {
            builder.environment().put("PGPASSWORD", TestPostgres.password());
        }
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(command.get(0) + " finished").isTrue();
        assertThat(process.exitValue()).as(command.get(0) + " on " + jdbcUrl + ": " + out).isZero();
    }
}
