package org.sanad.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The files of one application under test, apart from every other test's: a knowledge folder, and a data folder with
 * the index and an embedded H2 file database.
 */
public record OwnFiles(Path knowledge, Path data) {

    private static final Path ARTICLE = Path.of("knowledge/botox-for-children-with-microcephaly.md");

    /** Empty folders. */
    public static OwnFiles empty(String prefix) {
        return new OwnFiles(temp(prefix + "-knowledge"), temp(prefix + "-data"));
    }

    /** Folders whose knowledge holds a copy of the clinic's first article. */
    public static OwnFiles withArticle(String prefix) {
        OwnFiles files = empty(prefix);
        try {
            Files.copy(ARTICLE, files.knowledge.resolve(ARTICLE.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The application reads its knowledge, keeps its index and its H2 file database here. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("sanad.knowledge.dir", knowledge::toString);
        registry.add("sanad.knowledge.index-dir", () -> data.resolve("index").toString());
        registry.add("spring.datasource.url",
                () -> "jdbc:h2:file:" + data.resolve("sanad") + ";DB_CLOSE_ON_EXIT=FALSE");
    }

    /** {@link #register}, and Telegram on {@code telegram} with short timeouts, so that a test never waits long. */
    public void registerWithTelegram(DynamicPropertyRegistry registry, FakeBotApi telegram) {
        register(registry);
        registry.add("sanad.telegram.token", telegram::token);
        registry.add("sanad.telegram.api-url", telegram::url);
        registry.add("sanad.telegram.poll-timeout", () -> "5s");
        registry.add("sanad.telegram.request-timeout", () -> "1s");
        registry.add("sanad.telegram.retry-backoff", () -> "50ms");
    }

    /** Deleted once every application context has closed: the cached ones keep their H2 file open until then. */
    private static Path temp(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            TestPostgres.afterSpringContextsClose(() -> delete(dir));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind harms no later run
        }
    }
}
