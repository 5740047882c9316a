package org.sanad.staff;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sanad.knowledge.KnowledgeProperties;
import org.sanad.knowledge.index.PassageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/**
 * Optional: reindexes by itself when the knowledge folder changes ({@code SANAD_KNOWLEDGE_WATCHINTERVAL}, e.g.
 * {@code 30s}; off by default), through the same audited action as an admin's reindex, as the actor
 * {@code watcher}. It polls the folder's content hash rather than relying on file-system events, which Docker
 * volumes and network shares do not deliver, and waits until two polls agree so that a half-copied file is not
 * indexed.
 */
@Component
class KnowledgeWatch implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeWatch.class);
    /** Below this the setting was surely meant in seconds: hashing the folder many times a second helps nobody. */
    private static final Duration SHORTEST = Duration.ofSeconds(1);

    private final PassageIndex index;
    private final ReindexService reindex;
    private final Duration interval;
    private ScheduledExecutorService scheduler;
    private boolean changeSeen;

    KnowledgeWatch(PassageIndex index, ReindexService reindex, KnowledgeProperties properties) {
        this.index = index;
        this.reindex = reindex;
        this.interval = properties.watchInterval();
        if (!interval.isZero() && interval.compareTo(SHORTEST) < 0) {
            throw new IllegalArgumentException("sanad.knowledge.watch-interval (SANAD_KNOWLEDGE_WATCHINTERVAL) is "
                    + interval.toMillis() + " ms: use 0 to turn the watch off, or at least 1s, written with a unit "
                    + "(e.g. 30s)");
        }
    }

    @Override
    public void afterPropertiesSet() {
        if (interval.isZero()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "knowledge-watch");
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
                reindex.reindex(Actor.WATCHER);
            } else {
                changeSeen = changed;
            }
        } catch (ReindexFailedException e) {
            changeSeen = false; // logged and audited by the action; the previous index keeps serving
        } catch (RuntimeException e) {
            changeSeen = false;
            log.warn("Could not look at the knowledge folder; trying again at the next poll: {}", e.getMessage());
        }
    }

    @Override
    public void destroy() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
