package org.sanad.staff;

import java.util.function.Supplier;
import org.sanad.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The one door to every staff action, from every channel: the actor's role is checked, and the audit log records
 * who asked and how it went, refused, done or failed. Actions never check roles or write the audit log themselves.
 */
@Component
class StaffGate {

    private static final Logger log = LoggerFactory.getLogger(StaffGate.class);

    private final AuditLog audit;

    StaffGate(AuditLog audit) {
        this.audit = audit;
    }

    /** What an action did, in the audit log's words: an outcome such as {@code ok}, and counts, never a text. */
    record Audited<T>(T value, String outcome, String detail) {

        static <T> Audited<T> ok(T value, String detail) {
            return new Audited<>(value, "ok", detail);
        }
    }

    /**
     * Runs {@code work} when {@code actor} may do {@code action}.
     *
     * @throws NotPermittedException when the role does not allow it; {@code work} did not run
     */
    <T> T run(Actor actor, StaffAction action, Supplier<Audited<T>> work) {
        if (!actor.role().includes(action.role())) {
            log.warn("{} refused to {}", action.auditName(), actor.name());
            audit.record(actor.name(), action.auditName(), "refused",
                    action.role() == Role.ADMIN ? "not an admin" : "not staff");
            throw new NotPermittedException(action);
        }
        Audited<T> done;
        try {
            done = work.get();
        } catch (RuntimeException e) {
            // A reindex failure says why (a file, a folder); anything else only its type: a database error may
            // quote the values it was given, and the audit log never holds a message's text.
            String detail = e instanceof ReindexFailedException ? e.getMessage() : e.getClass().getSimpleName();
            audit.record(actor.name(), action.auditName(), "failed", detail);
            throw e;
        }
        audit.record(actor.name(), action.auditName(), done.outcome(), done.detail());
        return done.value();
    }
}
