package org.sanad.admin;

import org.sanad.audit.AuditLog;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.index.PassageIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Rebuilds the knowledge index on an admin's request; every channel's reindex command comes here. */
@Service
public class ReindexService {

    private static final Logger log = LoggerFactory.getLogger(ReindexService.class);

    private static final String ACTION = "reindex";

    private final PassageIndex index;
    private final AuditLog audit;

    public ReindexService(PassageIndex index, AuditLog audit) {
        this.index = index;
        this.audit = audit;
    }

    /**
     * Rebuilds from the knowledge folder and swaps the new index in.
     *
     * @param actor who asked, for the audit log (e.g. {@code telegram:12345} or {@code http})
     * @throws org.sanad.knowledge.KnowledgeUnavailableException when the folder cannot be indexed; the previous
     *                                                           index keeps serving
     */
    public PassageIndex.Report reindex(String actor) {
        try {
            PassageIndex.Report report = index.rebuild();
            log.info("Reindex by {}: {} documents, {} passages, {} warnings, {} ms", actor, report.documents(),
                    report.passages(), report.warnings().size(), report.duration().toMillis());
            audit.record(actor, ACTION, "ok", report.documents() + " documents, " + report.passages() + " passages, "
                    + report.warnings().size() + " warnings, " + report.duration().toMillis() + " ms");
            return report;
        } catch (KnowledgeUnavailableException e) {
            log.warn("Reindex by {} failed, the previous index keeps serving: {}", actor, e.getMessage());
            audit.record(actor, ACTION, "failed", e.getMessage());
            throw e;
        }
    }

    /** Someone without the right asked for a reindex. */
    public void refused(String actor) {
        log.warn("Reindex refused to {}", actor);
        audit.record(actor, ACTION, "refused", "not an admin");
    }
}
