package org.sanad.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** Who did what as staff or admin, and how it went: kept in the database for the clinic to review. */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);
    private static final int MAX_DETAIL = 1000;
    /** The actor of entries whose person asked to be forgotten. */
    public static final String FORGOTTEN = "forgotten";

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param actor   {@code telegram:<userId>}, {@code http}, {@code startup} or {@code watcher}
     * @param action  e.g. {@code reindex}, {@code broadcast.send}
     * @param outcome e.g. {@code ok}, {@code failed}, {@code refused}
     * @param detail  counts and reasons; never the text of a message
     */
    public void record(String actor, String action, String outcome, String detail) {
        try {
            jdbc.sql("INSERT INTO audit_log (at, actor, action, outcome, detail) VALUES (?, ?, ?, ?, ?)")
                    .params(OffsetDateTime.now(ZoneOffset.UTC), clip(actor, 64), clip(action, 64), clip(outcome, 32),
                            detail == null ? null : clip(detail, MAX_DETAIL))
                    .update();
        } catch (DataAccessException e) {
            // The action itself already happened; failing it now would help nobody. The log keeps the trace.
            log.error("Could not write the audit entry {} {} {}: {}", actor, action, outcome, e.getMessage());
        }
    }

    /**
     * Someone asked Sanad to forget them: their entries stay (what happened, when, how it went) but no longer say who.
     *
     * @param actor as the entries name them, e.g. {@code telegram:<user id>}
     * @return how many entries no longer name them
     */
    public int forget(String actor) {
        return jdbc.sql("UPDATE audit_log SET actor = ? WHERE actor = ?").params(FORGOTTEN, actor).update();
    }

    /** The latest entries, newest first. */
    public List<Entry> recent(int limit) {
        return jdbc.sql("SELECT at, actor, action, outcome, detail FROM audit_log ORDER BY id DESC FETCH FIRST ? ROWS ONLY")
                .param(Math.max(0, limit))
                .query((rs, row) -> new Entry(rs.getObject("at", OffsetDateTime.class).toInstant(),
                        rs.getString("actor"), rs.getString("action"), rs.getString("outcome"), rs.getString("detail")))
                .list();
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    public record Entry(Instant at, String actor, String action, String outcome, String detail) {
    }
}
