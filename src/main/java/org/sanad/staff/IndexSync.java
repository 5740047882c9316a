package org.sanad.staff;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.storage.Replicas;
import org.sanad.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * A reindex reaches every replica. Each replica has its own index under DATA_DIR, all read the one KNOWLEDGE_DIR; a
 * reindex on one replica moves the shared {@code knowledge_version} number on, and every other replica, looking every
 * {@code SANAD_STORAGE_SYNCINTERVAL}, rebuilds its own index the same way (built aside, swapped in when complete, the
 * old one serving meanwhile). A rebuild that fails leaves that replica on its previous index and is tried again at the
 * next look.
 */
@Component
class IndexSync implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(IndexSync.class);

    private final PassageIndex index;
    private final JdbcClient jdbc;
    private final StorageProperties properties;
    /** The shared version this replica's index was last built for. */
    private volatile long built;
    private ScheduledExecutorService scheduler;

    IndexSync(PassageIndex index, JdbcClient jdbc, StorageProperties properties) {
        this.index = index;
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @Override
    public void afterPropertiesSet() {
        // at start-up the index was opened from the folder as it is now: that covers every reindex so far
        built = current();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "index-sync");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.syncInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::follow, every, every, TimeUnit.MILLISECONDS);
    }

    /** This replica has just rebuilt its index: every other replica should too. */
    void rebuiltHere() {
        synchronized (this) {
            jdbc.sql("UPDATE knowledge_version SET version = version + 1, updated_at = ? WHERE id = 1")
                    .param(Replicas.at(Instant.now())).update();
            built = current();
        }
    }

    /** Rebuilds when another replica has reindexed since this one last built. */
    void follow() {
        try {
            long shared = current();
            if (shared <= built) {
                return;
            }
            synchronized (this) {
                PassageIndex.Report report = index.rebuild();
                built = shared;
                log.info("Reindexed after another replica did: {} documents, {} passages, {} ms", report.documents(),
                        report.passages(), report.duration().toMillis());
            }
        } catch (KnowledgeUnavailableException e) {
            log.warn("Could not follow another replica's reindex; the previous index keeps serving: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            log.warn("Could not look for other replicas' reindexes ({}); trying again", e.getClass().getSimpleName());
        }
    }

    private long current() {
        return jdbc.sql("SELECT version FROM knowledge_version WHERE id = 1").query(Long.class).single();
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
