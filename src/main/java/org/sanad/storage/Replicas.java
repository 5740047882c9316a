package org.sanad.storage;

import java.net.InetAddress;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * This replica of Sanad among the others on the same database: its id, and a heartbeat row that says until when it
 * is alive. Work a replica claims carries its id; the others take the work back once its heartbeat has run out (a
 * {@code kill -9}, a power cut, a lost network), never while it is alive.
 */
@Component
public class Replicas implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(Replicas.class);

    private final JdbcClient jdbc;
    private final StorageProperties properties;
    private final String id = hostName() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private ScheduledExecutorService heart;

    public Replicas(JdbcClient jdbc, StorageProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** This replica's id, as its claims name it. */
    public String id() {
        return id;
    }

    @Override
    public void afterPropertiesSet() {
        beat();
        heart = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "replica-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.heartbeat().toMillis();
        heart.scheduleWithFixedDelay(this::beatQuietly, every, every, TimeUnit.MILLISECONDS);
        log.info("Replica {} is up", id);
    }

    /** Renews this replica's row, creating it if another replica pruned it while this one was paused. */
    void beat() {
        Instant now = Instant.now();
        OffsetDateTime until = at(now.plus(properties.presumedDeadAfter()));
        if (jdbc.sql("UPDATE sanad_replica SET alive_until = ? WHERE id = ?").params(until, id).update() == 0) {
            try {
                jdbc.sql("INSERT INTO sanad_replica (id, started_at, alive_until) VALUES (?, ?, ?)")
                        .params(id, at(now), until).update();
            } catch (DuplicateKeyException e) {
                jdbc.sql("UPDATE sanad_replica SET alive_until = ? WHERE id = ?").params(until, id).update();
            }
        }
        // a replica dead for a day has no claim left anyone cares about
        jdbc.sql("DELETE FROM sanad_replica WHERE alive_until < ?").param(at(now.minusSeconds(86_400))).update();
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            log.warn("Replica heartbeat failed ({}); trying again", e.getClass().getSimpleName());
        }
    }

    /**
     * SQL that is true when the replica named by {@code column} is not alive at the time bound as the condition's one
     * parameter: for "take back the claims of the dead".
     */
    public static String isDead(String column) {
        return column + " NOT IN (SELECT r.id FROM sanad_replica r WHERE r.alive_until > ?)";
    }

    /** How many replicas are alive now, this one included. */
    public int alive() {
        return jdbc.sql("SELECT COUNT(*) FROM sanad_replica WHERE alive_until > ?").param(at(Instant.now()))
                .query(Integer.class).single();
    }

    /** An orderly stop: the others need not wait for the heartbeat to run out. */
    @Override
    public void destroy() {
        if (heart != null) {
            heart.shutdownNow();
        }
        try {
            jdbc.sql("DELETE FROM sanad_replica WHERE id = ?").param(id).update();
        } catch (DataAccessException e) {
            log.debug("Could not remove this replica's row: {}", e.getClass().getSimpleName());
        }
    }

    public static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 40 ? name.substring(0, 40) : name;
        } catch (Exception e) {
            return "sanad";
        }
    }
}
