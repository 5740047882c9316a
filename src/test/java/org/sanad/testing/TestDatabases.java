package org.sanad.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Fresh databases for tests: a new PostgreSQL database on the tests' server ({@link TestPostgres}: the embedded one,
 * or the one named by {@code -Dsanad.test.postgres}) or a new H2 file in a temp dir. On a named server every database
 * made here is dropped when the test JVM exits (or earlier with {@link Database#drop()}), and ones left by a killed
 * JVM are dropped by the next run after a few hours; the embedded server is thrown away whole.
 *
 * <p>For a Spring test: {@code static final String DB = TestDatabases.postgresUrl();} and
 * {@link DeployedOnPostgres#register} in a {@code @DynamicPropertySource} (Flyway migrates it at start-up).
 */
public final class TestDatabases {

    private static final String PREFIX = "sanad_t";
    private static final Duration STALE = Duration.ofHours(6);
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private static boolean started;

    private TestDatabases() {
    }

    /**
     * A test database, migrated, with a small connection pool. Deliberately not {@code AutoCloseable}: JUnit closes
     * such arguments of a parameterized test after each invocation.
     */
    public record Database(String kind, String url, String username, HikariDataSource dataSource) {

        public JdbcClient jdbc() {
            return JdbcClient.create(dataSource);
        }

        /** Empties every table the application writes, for a test that needs a clean slate. */
        public void clean() {
            JdbcClient jdbc = jdbc();
            for (String table : List.of("delivery", "broadcast", "subscriber", "audit_log", "unanswered_question")) {
                jdbc.sql("DELETE FROM " + table).update();
            }
            jdbc.sql("UPDATE usage_counter SET total = 0").update();
            jdbc.sql("UPDATE send_pacer SET next_slot = ?, paused_until = ?")
                    .params(java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"),
                            java.time.OffsetDateTime.parse("2000-01-01T00:00:00Z"))
                    .update();
        }

        /** Closes the pool and drops the database (H2: the file stays in its temp dir). */
        public void drop() {
            dataSource.close();
            if (kind.equals("PostgreSQL")) {
                TestDatabases.drop(url);
            }
        }

        @Override
        public String toString() {
            return kind;
        }
    }

    /** The JDBC URL of a new, empty PostgreSQL database; log in with {@link #postgresUser()} and {@link #postgresPassword()}. */
    public static String postgresUrl() {
        TestPostgres.Server server = server();
        String name = PREFIX + Instant.now().getEpochSecond() + "_" + UUID.randomUUID().toString().substring(0, 8);
        execute("CREATE DATABASE " + name);
        CREATED.add(name);
        return server.url(name);
    }

    public static String postgresUser() {
        return server().user();
    }

    public static String postgresPassword() {
        return server().password();
    }

    /** A new PostgreSQL database, migrated. */
    public static Database postgres() {
        return migrated("PostgreSQL", postgresUrl(), postgresUser());
    }

    private static synchronized TestPostgres.Server server() {
        TestPostgres.Server server = TestPostgres.server();
        if (!started) {
            started = true;
            if (!TestPostgres.isEmbedded()) {
                // After the Spring contexts: their pools and broadcast senders use these databases while they stop.
                TestPostgres.afterSpringContextsClose(() -> CREATED.forEach(TestDatabases::dropQuietly));
                dropStale();
            }
        }
        return server;
    }

    /** A new H2 file database in a temp dir, migrated: the embedded default. */
    public static Database h2() {
        try {
            Path dir = Files.createTempDirectory("sanad-h2");
            return migrated("H2", "jdbc:h2:file:" + dir.resolve("sanad") + ";DB_CLOSE_ON_EXIT=FALSE", "sa");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One of each, for tests that must hold on both. */
    public static List<Database> both() {
        return List.of(h2(), postgres());
    }

    /**
     * A pool on an existing database (e.g. a second "instance"), without migrating. It starts no server, so that a
     * child JVM given the URL of the parent's database can use it.
     */
    public static HikariDataSource pool(String url, String username, int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(url.startsWith("jdbc:postgresql:") ? TestPostgres.password() : "");
        config.setMaximumPoolSize(size);
        config.setPoolName("test-" + Math.abs(url.hashCode()));
        return new HikariDataSource(config);
    }

    public static void migrate(DataSource dataSource) {
        Flyway.configure().dataSource(dataSource).load().migrate();
    }

    private static Database migrated(String kind, String url, String username) {
        HikariDataSource dataSource = pool(url, username, 8);
        migrate(dataSource);
        return new Database(kind, url, username, dataSource);
    }

    /**
     * Drops a database made by {@link #postgresUrl()} at once, closing whatever connections are still open on it. Not
     * for a database that a Spring test context uses: the context stays cached until the JVM exits and still needs
     * it then; such databases are dropped after the contexts have closed.
     */
    public static void drop(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        if (CREATED.remove(name)) {
            dropQuietly(name);
        }
    }

    private static void dropQuietly(String name) {
        try {
            execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (RuntimeException e) {
            System.err.println("Could not drop test database " + name + ": " + e.getMessage());
        }
    }

    private static void dropStale() {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE).getEpochSecond();
        try (Connection connection = TestPostgres.server().connect("postgres");
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sanad\\_t%'")) {
            while (rs.next()) {
                String name = rs.getString(1);
                String epoch = name.substring(PREFIX.length(), name.indexOf('_', PREFIX.length()));
                if (epoch.chars().allMatch(Character::isDigit) && Long.parseLong(epoch) < cutoff) {
                    stale.add(name);
                }
            }
        } catch (SQLException | RuntimeException e) {
            return; // best effort: the server may be down, and then the test that needs it says so
        }
        stale.forEach(TestDatabases::dropQuietly);
    }

    private static void execute(String sql) {
        TestPostgres.Server server = TestPostgres.server();
        try (Connection connection = server.connect("postgres");
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL of the tests (" + server.description() + "): " + e.getMessage(), e);
        }
    }
}
