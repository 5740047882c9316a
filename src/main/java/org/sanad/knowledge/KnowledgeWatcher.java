package org.sanad.knowledge;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanad.knowledge.index.PassageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Optional: reindexes by itself when the knowledge folder changes ({@code KNOWLEDGE_WATCH_SECONDS} > 0; off by
 * default). It polls the folder's content hash rather than relying on file-system events, which Docker volumes
 * and network shares do not deliver, and waits until two polls agree so that a half-copied file is not indexed.
 */
@Component
class KnowledgeWatcher implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeWatcher.class);

    private final PassageIndex index;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private boolean changeSeen;

    KnowledgeWatcher(PassageIndex index, KnowledgeProperties properties) {
        this.index = index;
        this.interval = properties.watchInterval();
    }

    @Override
    public void afterPropertiesSet() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "knowledge-watcher");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::poll, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Watching the knowledge folder every {} s", interval.toSeconds());
    }

    void poll() {
        try {
            boolean changed = index.contentChanged();
            if (changed && changeSeen) {
                changeSeen = false;
                PassageIndex.Report report = index.rebuild();
                log.info("Knowledge folder changed: reindexed {} documents, {} passages ({} warnings)",
                        report.documents(), report.passages(), report.warnings().size());
            } else {
                changeSeen = changed;
            }
        } catch (RuntimeException e) {
            changeSeen = false;
            log.warn("Automatic reindex failed, the previous index keeps serving: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
