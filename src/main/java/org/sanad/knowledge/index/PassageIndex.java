package org.sanad.knowledge.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.SearcherFactory;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.sanad.knowledge.ingest.KnowledgeLoader;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.ingest.Passage;
import org.sanad.text.LanguageResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the Lucene index of the knowledge folder. A reindex is build-aside, commit, swap: the new content is written
 * as a new commit while questions keep reading the old one, and Lucene's {@link SearcherManager} swaps the readers
 * once it is committed. A question that started on the old content finishes on it; a reindex that fails is rolled
 * back and leaves the old content serving.
 */
public final class PassageIndex implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(PassageIndex.class);

    /** Bump when analysis code changes, so that a stale index on disk is rebuilt. */
    static final String ANALYSIS_CODE_VERSION = "analysis-3";
    private static final String HASH_KEY = "content-hash";
    private static final String LIVE_DIR = "passages";
    private static final String OLD_GENERATION_PREFIX = "gen-";

    private final Path indexRoot;
    private final Path knowledgeDir;
    private final KnowledgeLoader loader = new KnowledgeLoader();
    private final ReentrantLock rebuilding = new ReentrantLock();
    /** The language of the content being swapped in; a snapshot takes it when its reader is opened. */
    private volatile LanguageResources pendingLanguage;
    private volatile SearcherManager searchers;
    private volatile Directory directory;
    /** The last search on the live content failed (a damaged file, a full disk): health says so. */
    private volatile boolean failing;

    /** What a reindex did. */
    public record Report(int documents, int passages, List<String> warnings, Duration duration, boolean reused) {
    }

    public PassageIndex(Path indexRoot, Path knowledgeDir) {
        this.indexRoot = indexRoot;
        this.knowledgeDir = knowledgeDir;
    }

    /**
     * Serves the index on disk when it was built from the same content and its checksums hold; otherwise
     * rebuilds it.
     */
    public Report open() {
        rebuilding.lock();
        try {
            Instant start = Instant.now();
            LanguageResources language = language();
            String version = version(language);
            KnowledgeLoader.KnowledgeContent content = loader.load(knowledgeDir, version);
            deleteOldGenerations();
            Path live = indexRoot.resolve(LIVE_DIR);
            if (DirectoryReader.indexExists(openDirectory(live))) {
                try {
                    String hash = verifiedHash();
                    if (hash.equals(content.contentHash())) {
                        pendingLanguage = language;
                        startSearching();
                        return new Report(content.documents(), content.passages().size(), content.warnings(),
                                Duration.between(start, Instant.now()), true);
                    }
                } catch (IOException | RuntimeException e) {
                    log.warn("The index on disk is damaged ({}); rebuilding it", e.getClass().getSimpleName());
                    wipe(live);
                }
            }
            return build(content, language, start);
        } catch (IOException e) {
            throw new KnowledgeUnavailableException("the index folder cannot be opened: " + e.getMessage(), e);
        } finally {
            rebuilding.unlock();
        }
    }

    /**
     * Rebuilds from the knowledge folder. A folder that cannot be indexed throws, and the live content keeps
     * serving. Concurrent calls run one after the other.
     */
    public Report rebuild() {
        rebuilding.lock();
        try {
            Instant start = Instant.now();
            LanguageResources language = language();
            return build(loader.load(knowledgeDir, version(language)), language, start);
        } finally {
            rebuilding.unlock();
        }
    }

    private LanguageResources language() {
        return LanguageResources.load(knowledgeDir.resolve(KnowledgeLoader.SYNONYMS_FILE));
    }

    private static String version(LanguageResources language) {
        return ANALYSIS_CODE_VERSION + ":" + language.fingerprint();
    }

    private Report build(KnowledgeLoader.KnowledgeContent content, LanguageResources language, Instant start) {
        if (content.passages().isEmpty()) {
            throw new KnowledgeUnavailableException("no passage found in " + knowledgeDir.getFileName()
                    + (content.warnings().isEmpty() ? "" : ": " + String.join("; ", content.warnings())));
        }
        try {
            Directory dir = openDirectory(indexRoot.resolve(LIVE_DIR));
            IndexWriterConfig config = new IndexWriterConfig(PassageDocuments.analyzer(language))
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE)
                    .setCommitOnClose(false);
            try (IndexWriter writer = new IndexWriter(dir, config)) {
                try {
                    for (Passage passage : content.passages()) {
                        writer.addDocuments(PassageDocuments.of(passage));
                    }
                    writer.setLiveCommitData(Map.of(HASH_KEY, content.contentHash()).entrySet());
                    writer.commit();
                } catch (IOException | RuntimeException e) {
                    writer.rollback();
                    throw e;
                }
            }
            pendingLanguage = language;
            if (searchers == null) {
                startSearching();
            } else {
                searchers.maybeRefreshBlocking();
            }
            failing = false;
            log.info("Serving {} passages from {} documents", content.passages().size(), content.documents());
            return new Report(content.documents(), content.passages().size(), content.warnings(),
                    Duration.between(start, Instant.now()), false);
        } catch (IOException e) {
            throw new KnowledgeUnavailableException("the index could not be written: " + e.getMessage(), e);
        }
    }

    private Directory openDirectory(Path dir) throws IOException {
        if (directory == null) {
            Files.createDirectories(dir);
            directory = FSDirectory.open(dir);
        }
        return directory;
    }

    private void startSearching() throws IOException {
        searchers = new SearcherManager(directory, new SearcherFactory() {
            @Override
            public IndexSearcher newSearcher(IndexReader reader, IndexReader previousReader) throws IOException {
                return new PassageSnapshot((DirectoryReader) reader, pendingLanguage, HASH_KEY);
            }
        });
    }

    /** The content hash of the last commit, after Lucene has verified the checksum of every file. */
    private String verifiedHash() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(directory)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().checkIntegrity();
            }
            return reader.getIndexCommit().getUserData().getOrDefault(HASH_KEY, "");
        }
    }

    /**
     * Runs {@code work} on the live content, which cannot be closed while the work runs. A failure of the index
     * itself is remembered for health until a later search succeeds.
     */
    public <T> T withSnapshot(Function<PassageSnapshot, T> work) {
        SearcherManager manager = searchers;
        if (manager == null) {
            throw new KnowledgeUnavailableException("the knowledge index is not open yet");
        }
        IndexSearcher searcher;
        try {
            searcher = manager.acquire();
        } catch (IOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw new KnowledgeUnavailableException("the knowledge index is closed", e);
        }
        try {
            T result = work.apply((PassageSnapshot) searcher);
            failing = false;
            return result;
        } catch (RuntimeException e) {
            // A damaged file or a full disk, as opposed to a question the search could not handle.
            failing |= e instanceof UncheckedIOException || e.getCause() instanceof IOException;
            throw e;
        } finally {
            try {
                manager.release(searcher);
            } catch (IOException e) {
                log.warn("Releasing an index reader failed: {}", e.getMessage());
            }
        }
    }

    /**
     * True when the knowledge folder no longer matches what the live content was built from (and no reindex is
     * running), for the optional folder watcher.
     */
    public boolean contentChanged() {
        if (searchers == null || rebuilding.isLocked()) {
            return false;
        }
        String live = withSnapshot(PassageSnapshot::contentHash);
        return !loader.contentHash(knowledgeDir, version(language())).equals(live);
    }

    public int passageCount() {
        return searchers == null ? 0 : withSnapshot(s -> s.passages().size());
    }

    /** Serving, and the last search on it did not fail. */
    public boolean healthy() {
        return searchers != null && !failing;
    }

    @Override
    public void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            log.warn("Closing the index failed: {}", e.getMessage());
        }
    }

    private void wipe(Path live) throws IOException {
        directory.close();
        directory = null;
        deleteTree(live);
        openDirectory(live);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            log.debug("Could not delete {}", dir);
        }
    }

    /** Before a single live index, each reindex had a folder of its own. */
    private void deleteOldGenerations() {
        if (!Files.isDirectory(indexRoot)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(indexRoot)) {
            dirs.filter(p -> p.getFileName().toString().startsWith(OLD_GENERATION_PREFIX))
                    .forEach(PassageIndex::deleteTree);
        } catch (IOException e) {
            log.debug("Could not list {}", indexRoot);
        }
    }
}
