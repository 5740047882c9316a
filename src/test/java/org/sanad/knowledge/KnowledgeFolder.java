package org.sanad.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sanad.knowledge.ingest.KnowledgeLoader;

/** Test-data builder: a knowledge folder with the files a test needs. */
public final class KnowledgeFolder {

    private final Path root;

    private KnowledgeFolder(Path root) {
        this.root = root;
    }

    public static KnowledgeFolder at(Path root) {
        return new KnowledgeFolder(root);
    }

    /** The clinic's real article, as shipped in {@code knowledge/}. */
    public KnowledgeFolder withClinicArticle() {
        try {
            Path article = TestKnowledge.PROJECT_KNOWLEDGE.resolve("botox-for-children-with-microcephaly.md");
            // the article travels with the synonym rules written for it
            Path rules = TestKnowledge.PROJECT_KNOWLEDGE.resolve(KnowledgeLoader.SYNONYMS_FILE);
            file(KnowledgeLoader.SYNONYMS_FILE, Files.readString(rules, StandardCharsets.UTF_8));
            return file("botox-for-children-with-microcephaly.md", Files.readString(article, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KnowledgeFolder file(String name, String content) {
        return bytes(name, content.getBytes(StandardCharsets.UTF_8));
    }

    public KnowledgeFolder bytes(String name, byte[] content) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public KnowledgeFolder delete(String name) {
        try {
            Files.deleteIfExists(root.resolve(name));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path path() {
        return root;
    }
}
