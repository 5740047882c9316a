package org.sanad.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.search.ConfidenceGate;
import org.sanad.knowledge.search.PassageSearch;
import org.sanad.knowledge.search.SearchResult;
import org.sanad.text.TestText;
import org.sanad.text.TextReader;

/** The real knowledge feature over a folder, without Spring. */
public final class TestKnowledge {

    public static final Path PROJECT_KNOWLEDGE = Path.of("knowledge");

    private TestKnowledge() {
    }

    /** Copies the documents of {@code from} (its {@code .md} and {@code .txt} files, as the loader reads) into {@code to}. */
    public static void copyDocuments(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (Files.isRegularFile(file) && (name.endsWith(".md") || name.endsWith(".txt"))) {
                    Files.copy(file, to.resolve(name));
                }
            }
        }
    }

    public static PassageIndex index(Path knowledgeDir, Path indexDir) {
        PassageIndex index = new PassageIndex(indexDir, knowledgeDir);
        index.open();
        return index;
    }

    public static PassageSearch search(PassageIndex index) {
        return new PassageSearch(index, new ConfidenceGate(ConfidenceGate.Settings.defaults()));
    }

    public static PassageSearch search(PassageIndex index, double withAnchor, double withoutAnchor) {
        return new PassageSearch(index,
                new ConfidenceGate(ConfidenceGate.Settings.defaults().withCoverage(withAnchor, withoutAnchor)));
    }

    /** Looks a message up as the answering pipeline does: read once, then searched. */
    public static SearchResult ask(PassageSearch search, String message) {
        return search.search(TestText.read(message));
    }

    /** The application's reader of messages. */
    public static TextReader reader() {
        return TestText.reader();
    }
}
