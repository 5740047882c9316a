package org.sanad.knowledge;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Lucene index: builds each new generation beside the live one, commits it, then swaps it in. Readers
 * are reference counted, so a question that started on the old generation finishes on it, and the old
 * generation's files are deleted only after its last reader is released.
 */
public final class PassageIndex implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PassageIndex.class);

    static final String KIND = "kind";
    static final String PASSAGE_ID = "passage_id";
    /** The passage itself, analysed, with term vectors so that the gate can see which question words it has. */
    static final String BODY = "body";
    /** Document title and section heading: a parent often names the topic rather than the wording. */
    static final String CONTEXT = "context";
    /** One admin-written example question per Lucene document, as QnA Maker's alternate questions. */
    static final String QUESTION = "question";
    static final String QUESTION_TEXT = "question_text";
    /** Every analysed word of passages, headings and questions: the vocabulary for typo and Arabizi repair. */
    static final String VOCABULARY = "vocabulary";
    static final String KIND_PASSAGE = "passage";
    static final String KIND_QUESTION = "question";
    private static final String HASH_KEY = "content-hash";
    private static final String GENERATION_PREFIX = "gen-";

    private static final FieldType ANALYSED_WITH_VECTORS = analysedWithVectors();

    private final Path indexRoot;
    private final Path knowledgeDir;
    private final LanguageSupplier language;
    private final KnowledgeLoader loader = new KnowledgeLoader();
    private final AtomicReference<Generation> live = new AtomicReference<>();
    private final ReentrantLock rebuilding = new ReentrantLock();

    /** The analysis tools of one generation; they change when the admins' synonyms change. */
    interface LanguageSupplier {
        Analysis load(Path knowledgeDir);
    }

    record Analysis(QuestionAnalyzer questions, PassageAnalyzer passages, String version) {
    }

    /** What a reindex did. */
    public record Report(int documents, int passages, List<String> warnings, Duration duration, boolean reused) {
    }

    PassageIndex(Path indexRoot, Path knowledgeDir, LanguageSupplier language) {
        this.indexRoot = indexRoot;
        this.knowledgeDir = knowledgeDir;
        this.language = language;
    }

    /** Opens the index on disk when the content has not changed since it was built, otherwise rebuilds. */
    public Report open() {
        rebuilding.lock();
        try {
            Instant start = Instant.now();
            Analysis analysis = language.load(knowledgeDir);
            KnowledgeLoader.KnowledgeContent content = loader.load(knowledgeDir, analysis.version());
            Optional<Path> existing = newestGeneration();
            if (existing.isPresent()) {
                try {
                    Generation reused = Generation.open(existing.get(), analysis, content.passages());
                    if (content.contentHash().equals(reused.hash)) {
                        swap(reused);
                        deleteStaleGenerations(existing.get());
                        return new Report(content.documents(), content.passages().size(), content.warnings(),
                                Duration.between(start, Instant.now()), true);
                    }
                    reused.retire();
                } catch (IOException | RuntimeException e) {
                    log.warn("The index on disk cannot be reused ({}); rebuilding", e.getClass().getSimpleName());
                }
            }
            return build(content, analysis, start);
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Rebuilds from the knowledge folder. A folder that cannot be indexed throws, and the live generation keeps
     * serving. Concurrent calls run one after the other.
     */
    public Report rebuild() {
        rebuilding.lock();
        try {
            Instant start = Instant.now();
            Analysis analysis = language.load(knowledgeDir);
            return build(loader.load(knowledgeDir, analysis.version()), analysis, start);
        } finally {
            rebuilding.unlock();
        }
    }

    private Report build(KnowledgeLoader.KnowledgeContent content, Analysis analysis, Instant start) {
        if (content.passages().isEmpty()) {
            throw new KnowledgeUnavailableException("no passage found in " + knowledgeDir.getFileName()
                    + (content.warnings().isEmpty() ? "" : ": " + String.join("; ", content.warnings())));
        }
        Path dir = indexRoot.resolve(GENERATION_PREFIX + System.currentTimeMillis() + "-" + System.nanoTime() % 1000);
        try {
            Files.createDirectories(dir);
            try (Directory directory = FSDirectory.open(dir);
                    IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analysis.passages())
                            .setOpenMode(IndexWriterConfig.OpenMode.CREATE))) {
                for (Passage passage : content.passages()) {
                    writer.addDocument(passageDocument(passage));
                    for (String question : passage.questions()) {
                        writer.addDocument(questionDocument(passage, question));
                    }
                }
                writer.setLiveCommitData(Map.of(HASH_KEY, content.contentHash()).entrySet());
                writer.commit();
            }
            Generation fresh = Generation.open(dir, analysis, content.passages());
            Generation old = swap(fresh);
            if (old != null) {
                old.retire();
            }
            return new Report(content.documents(), content.passages().size(), content.warnings(),
                    Duration.between(start, Instant.now()), false);
        } catch (IOException e) {
            deleteQuietly(dir);
            throw new KnowledgeUnavailableException("the index could not be written: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(dir);
            throw e;
        }
    }

    private Generation swap(Generation fresh) {
        Generation old = live.getAndSet(fresh);
        log.info("Serving {} passages from index {}", fresh.passages.size(), fresh.dir.getFileName());
        return old;
    }

    /** Runs {@code work} on the live generation, which cannot be closed while the work runs. */
    <T> T withGeneration(Function<Generation, T> work) {
        while (true) {
            Generation generation = live.get();
            if (generation == null) {
                throw new KnowledgeUnavailableException("the knowledge index is not open yet");
            }
            if (generation.reader.tryIncRef()) {
                try {
                    return work.apply(generation);
                } finally {
                    try {
                        generation.reader.decRef();
                    } catch (IOException e) {
                        log.warn("Closing a retired index failed: {}", e.getMessage());
                    }
                }
            }
            // That generation was retired between get() and tryIncRef(): take the new one.
        }
    }

    /**
     * True when the knowledge folder no longer matches what the live generation was built from (and no reindex
     * is running), for the optional folder watcher.
     */
    public boolean contentChanged() {
        Generation generation = live.get();
        if (generation == null || rebuilding.isLocked()) {
            return false;
        }
        return !loader.contentHash(knowledgeDir, generation.analysis.version()).equals(generation.hash);
    }

    public int passageCount() {
        Generation generation = live.get();
        return generation == null ? 0 : generation.passages.size();
    }

    @Override
    public void close() {
        Generation generation = live.getAndSet(null);
        if (generation != null) {
            generation.release();
        }
    }

    private Document passageDocument(Passage passage) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_PASSAGE, Field.Store.NO));
        doc.add(new StringField(PASSAGE_ID, passage.id(), Field.Store.YES));
        doc.add(new Field(BODY, passage.text(), ANALYSED_WITH_VECTORS));
        doc.add(new Field(CONTEXT, passage.heading(), ANALYSED_WITH_VECTORS));
        doc.add(new Field(VOCABULARY, passage.text() + "\n" + passage.heading(), ANALYSED_WITH_VECTORS));
        return doc;
    }

    private Document questionDocument(Passage passage, String question) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_QUESTION, Field.Store.NO));
        doc.add(new StringField(PASSAGE_ID, passage.id(), Field.Store.YES));
        doc.add(new Field(QUESTION, question, ANALYSED_WITH_VECTORS));
        doc.add(new Field(VOCABULARY, question, ANALYSED_WITH_VECTORS));
        doc.add(new StoredField(QUESTION_TEXT, question));
        return doc;
    }

    private static FieldType analysedWithVectors() {
        FieldType type = new FieldType();
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS);
        type.setTokenized(true);
        type.setStoreTermVectors(true);
        type.freeze();
        return type;
    }

    private Optional<Path> newestGeneration() {
        if (!Files.isDirectory(indexRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(indexRoot)) {
            return dirs.filter(p -> p.getFileName().toString().startsWith(GENERATION_PREFIX))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void deleteStaleGenerations(Path keep) {
        try (Stream<Path> dirs = Files.list(indexRoot)) {
            dirs.filter(p -> p.getFileName().toString().startsWith(GENERATION_PREFIX) && !p.equals(keep))
                    .forEach(PassageIndex::deleteQuietly);
        } catch (IOException e) {
            log.debug("Could not list {}", indexRoot);
        }
    }

    static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete {}", dir);
        }
    }

    /** One built index, its reader and what the search needs beside it. */
    static final class Generation {

        final Path dir;
        final Directory directory;
        final DirectoryReader reader;
        final IndexSearcher searcher;
        final Analysis analysis;
        final Map<String, Passage> passages;
        final Vocabulary vocabulary;
        final String hash;
        private volatile boolean retired;

        private Generation(Path dir, Directory directory, DirectoryReader reader, Analysis analysis,
                List<Passage> passages) throws IOException {
            this.dir = dir;
            this.directory = directory;
            this.reader = reader;
            this.searcher = new IndexSearcher(reader);
            this.analysis = analysis;
            java.util.LinkedHashMap<String, Passage> byId = new java.util.LinkedHashMap<>();
            passages.forEach(p -> byId.put(p.id(), p));
            this.passages = byId;
            this.vocabulary = Vocabulary.of(reader, VOCABULARY);
            this.hash = reader.getIndexCommit().getUserData().getOrDefault(HASH_KEY, "");
        }

        static Generation open(Path dir, Analysis analysis, List<Passage> passages) throws IOException {
            Directory directory = FSDirectory.open(dir);
            try {
                DirectoryReader reader = DirectoryReader.open(directory);
                Generation generation = new Generation(dir, directory, reader, analysis, passages);
                // A retired generation's files go when its last reader is released, never under a running question.
                reader.getReaderCacheHelper().addClosedListener(key -> {
                    directory.close();
                    if (generation.retired) {
                        deleteQuietly(dir);
                    }
                });
                return generation;
            } catch (IOException | RuntimeException e) {
                directory.close();
                throw e;
            }
        }

        /** Taken out of service: its files are deleted once the last question on it is done. */
        void retire() {
            retired = true;
            release();
        }

        void release() {
            try {
                reader.decRef();
            } catch (IOException e) {
                log.warn("Closing a retired index failed: {}", e.getMessage());
            }
        }

        List<Passage> passageList() {
            return new ArrayList<>(passages.values());
        }
    }
}
