package org.sanad.staff;

import java.time.Duration;
import java.util.List;
import org.sanad.knowledge.index.PassageIndex;
import org.sanad.knowledge.ingest.KnowledgeUnavailableException;
import org.sanad.knowledge.search.PassageSearch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Rebuilds the knowledge index for an admin, an HTTP caller with the token, or the folder watch. */
@Service
public class ReindexService {

    private static final Logger log = LoggerFactory.getLogger(ReindexService.class);

    private final PassageIndex index;
    private final StaffGate gate;
    private final IndexSync replicas;
    /** Finds the passages that are hard to reach, for the report; none when absent. */
    private final PassageSearch search;

    /** A single instance, with no replicas to tell: for tests. */
    ReindexService(PassageIndex index, StaffGate gate) {
        this(index, gate, null, null);
    }

    @org.springframework.beans.factory.annotation.Autowired
    ReindexService(PassageIndex index, StaffGate gate, IndexSync replicas, PassageSearch search) {
        this.index = index;
        this.gate = gate;
        this.replicas = replicas;
        this.search = search;
    }

    /** What the new index holds, and the files it had to skip or warn about. */
    public record Report(int documents, int passages, List<String> warnings, Duration duration) {
    }

    /**
     * Rebuilds from the knowledge folder and swaps the new index in.
     *
     * @throws NotPermittedException  when the actor is not an admin
     * @throws ReindexFailedException when the folder cannot be indexed; the previous index keeps serving
     */
    public Report reindex(Actor actor) {
        return gate.run(actor, StaffAction.REINDEX, () -> {
            try {
                PassageIndex.Report built = index.rebuild();
                // the other replicas follow within SANAD_STORAGE_SYNCINTERVAL; a database that cannot say so costs
                // them the new content, not this reindex
                try {
                    if (replicas != null) {
                        replicas.rebuiltHere();
                    }
                } catch (RuntimeException e) {
                    log.warn("Could not tell the other replicas about the reindex ({})", e.getClass().getSimpleName());
                }
                List<String> warnings = new java.util.ArrayList<>(built.warnings());
                if (search != null) {
                    try {
                        warnings.addAll(search.hardToReach());
                    } catch (RuntimeException e) {
                        log.warn("Could not check which passages are hard to reach ({})", e.getClass().getSimpleName());
                    }
                }
                Report report = new Report(built.documents(), built.passages(), List.copyOf(warnings),
                        built.duration());
                log.info("Reindex by {}: {} documents, {} passages, {} warnings, {} ms", actor.name(),
                        report.documents(), report.passages(), report.warnings().size(), report.duration().toMillis());
                return StaffGate.Audited.ok(report, report.documents() + " documents, " + report.passages()
                        + " passages, " + report.warnings().size() + " warnings, " + report.duration().toMillis()
                        + " ms");
            } catch (KnowledgeUnavailableException e) {
                log.warn("Reindex by {} failed, the previous index keeps serving: {}", actor.name(), e.getMessage());
                throw new ReindexFailedException(e);
            }
        });
    }
}
