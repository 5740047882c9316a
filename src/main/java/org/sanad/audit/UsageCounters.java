package org.sanad.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Counts of what parents asked on every channel and how it went, for admins' /stats: numbers, not messages. A
 * question is counted in memory and the counts are added to the database every second (and at shut-down), so that
 * answering never waits on a write; several instances add their own counts to the same rows.
 */
@Service
public class UsageCounters implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(UsageCounters.class);

    public enum Counter {
        QUESTIONS, ANSWERED, NOT_COVERED, EMERGENCIES, FEEDBACK_HELPFUL, FEEDBACK_NOT_HELPFUL,
        INJECTIONS, CHECKINS_SENT, CHECKIN_FINE, CHECKIN_SIGN, ALERTS_SENT
    }

    private static final int MAX_TEXT = 4096;

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final Map<Counter, LongAdder> pending = new EnumMap<>(Counter.class);
    private final ScheduledExecutorService flusher;

    public UsageCounters(JdbcClient jdbc, AuditProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
        for (Counter counter : Counter.values()) {
            pending.put(counter, new LongAdder());
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "usage-counters");
            thread.setDaemon(true);
            return thread;
        });
        long every = properties.counterFlushInterval().toMillis();
        flusher.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    /**
     * One question answered, whatever the channel. A database that cannot count is logged and otherwise ignored:
     * the parent's answer matters more than the statistics.
     *
     * @param text       the question, kept only when not covered and the clinic asked for it
     * @param answered   the documents answered it
     * @param notCovered the documents had no answer (not a greeting, not unclear)
     * @param emergency  it reported a danger sign or a caregiver in crisis
     */
    public void question(String text, boolean answered, boolean notCovered, boolean emergency) {
        try {
            count(Counter.QUESTIONS);
            if (emergency) {
                count(Counter.EMERGENCIES);
            }
            if (answered) {
                count(Counter.ANSWERED);
            } else if (notCovered) {
                unanswered(text);
            }
        } catch (DataAccessException e) {
            log.error("Could not count a question: {}", e.getClass().getSimpleName());
        }
    }

    /** One more, counted in memory until the next flush. */
    public void count(Counter counter) {
        pending.get(counter).increment();
    }

    /**
     * Adds what was counted since the last flush to the database: one UPDATE a counter, so concurrent flushes from
     * several instances add up on both H2 and PostgreSQL. What cannot be written is kept for the next flush.
     */
    public synchronized void flush() {
        for (Counter counter : Counter.values()) {
            long delta = pending.get(counter).sumThenReset();
            if (delta == 0) {
                continue;
            }
            try {
                add(counter, delta);
            } catch (DataAccessException e) {
                pending.get(counter).add(delta);
                log.warn("Could not store the usage counts, kept for the next try: {}", e.getClass().getSimpleName());
                return;
            }
        }
    }

    private void add(Counter counter, long delta) {
        if (increment(counter, delta) == 0) {
            try {
                jdbc.sql("INSERT INTO usage_counter (name, total) VALUES (?, ?)").params(counter.name(), delta).update();
            } catch (DuplicateKeyException e) {
                increment(counter, delta); // another instance created the row first
            }
        }
    }

    private int increment(Counter counter, long delta) {
        return jdbc.sql("UPDATE usage_counter SET total = total + ? WHERE name = ?").params(delta, counter.name())
                .update();
    }

    @Override
    public void destroy() {
        flusher.shutdownNow();
        flush();
    }

    /** Counts NOT_COVERED; stores the text only when SANAD_AUDIT_KEEPUNANSWEREDTEXT=true (default false). */
    void unanswered(String text) {
        count(Counter.NOT_COVERED);
        if (properties.keepUnansweredText() && text != null && !text.isBlank()) {
            String kept = text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
            jdbc.sql("INSERT INTO unanswered_question (asked_at, text) VALUES (?, ?)")
                    .params(OffsetDateTime.now(ZoneOffset.UTC), kept)
                    .update();
        }
    }

    /** Every counter, zero when never counted: what the database holds and what this instance has not written yet. */
    public Map<Counter, Long> totals() {
        Map<Counter, Long> totals = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            totals.put(counter, pending.get(counter).sum());
        }
        jdbc.sql("SELECT name, total FROM usage_counter").query(rs -> {
            try {
                totals.merge(Counter.valueOf(rs.getString("name")), rs.getLong("total"), Long::sum);
            } catch (IllegalArgumentException retired) {
                // a counter a later version no longer has
            }
        });
        return totals;
    }
}
