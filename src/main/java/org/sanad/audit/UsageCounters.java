package org.sanad.audit;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Counts of what parents asked on every channel and how it went, for admins' /stats: numbers, not messages. */
@Service
public class UsageCounters {

    private static final Logger log = LoggerFactory.getLogger(UsageCounters.class);

    public enum Counter { QUESTIONS, ANSWERED, NOT_COVERED, EMERGENCIES, FEEDBACK_HELPFUL, FEEDBACK_NOT_HELPFUL }

    private static final int MAX_TEXT = 4096;

    private final JdbcClient jdbc;
    private final AuditProperties properties;

    public UsageCounters(JdbcClient jdbc, AuditProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
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

    /** One more; a single UPDATE, so concurrent counts from several instances add up on both H2 and PostgreSQL. */
    public void count(Counter counter) {
        if (increment(counter) == 0) {
            try {
                jdbc.sql("INSERT INTO usage_counter (name, total) VALUES (?, 1)").param(counter.name()).update();
            } catch (DuplicateKeyException e) {
                increment(counter); // another instance created the row first
            }
        }
    }

    private int increment(Counter counter) {
        return jdbc.sql("UPDATE usage_counter SET total = total + 1 WHERE name = ?").param(counter.name()).update();
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

    /** Every counter, zero when never counted. */
    public Map<Counter, Long> totals() {
        Map<Counter, Long> totals = new EnumMap<>(Counter.class);
        for (Counter counter : Counter.values()) {
            totals.put(counter, 0L);
        }
        jdbc.sql("SELECT name, total FROM usage_counter").query(rs -> {
            try {
                totals.put(Counter.valueOf(rs.getString("name")), rs.getLong("total"));
            } catch (IllegalArgumentException retired) {
                // a counter a later version no longer has
            }
        });
        return totals;
    }
}
